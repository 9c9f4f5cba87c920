/**
 * What exceljs changes when it reads and writes the input workbook, put back from the original
 * package after writing: defined names (it merges sheet-scoped names that share a name into one
 * global name, drops constants such as "=0.5", rewrites print areas), each input sheet's
 * <sheetFormatPr> (it writes one without defaultRowHeight when the input had none), and the
 * "_xHHHH_" escaping of text (it decodes it on reading and does not encode it on writing, so a
 * literal "_x0041_" would show as "A").
 */
import { OoxmlPackage } from "./ooxml/package";
import { readDefinedNames, sheetNamesInOrder, writeDefinedNames } from "./ooxml/workbook";
import {
  childElements,
  descendants,
  firstChild,
  isElement,
  textOf,
  escapeXstring,
  setText,
  type XmlElement,
} from "./ooxml/xml";
import { isOwnershipMark } from "./owned";

/**
 * The written workbook's defined names replaced by the input's, as they were, with their sheet
 * scopes renumbered by sheet name. Names scoped to sheets this run rewrote come from the writer;
 * the ownership marks are left to writeOwnedSheets. Returns a message per name that could not be kept.
 */
export function restoreDefinedNames(
  original: OoxmlPackage,
  written: OoxmlPackage,
  rewritten: ReadonlySet<string>,
): string[] {
  const sheetsBefore = sheetNamesInOrder(original);
  const sheetsAfter = sheetNamesInOrder(written);
  const warnings: string[] = [];
  const kept: XmlElement[] = [];
  for (const defined of readDefinedNames(original)) {
    if (isOwnershipMark(defined.name)) continue;
    if (defined.localSheetId === undefined) {
      kept.push(structuredClone(defined.element));
      continue;
    }
    const sheet = sheetsBefore[defined.localSheetId];
    if (sheet !== undefined && rewritten.has(sheet)) continue;
    const index = sheet === undefined ? -1 : sheetsAfter.indexOf(sheet);
    if (index < 0) {
      warnings.push(
        `the name "${defined.name}" of sheet "${sheet ?? defined.localSheetId}" could not be kept (the sheet is not in the result)`,
      );
      continue;
    }
    const copy = structuredClone(defined.element);
    copy.attrs.localSheetId = String(index);
    kept.push(copy);
  }
  const inputSheets = new Set(sheetsBefore.filter((name) => !rewritten.has(name)));
  for (const defined of readDefinedNames(written)) {
    // The writer's own names: those of the sheets it wrote (print settings, filters).
    const sheet = defined.localSheetId === undefined ? undefined : sheetsAfter[defined.localSheetId];
    if (sheet !== undefined && !inputSheets.has(sheet)) kept.push(defined.element);
  }
  writeDefinedNames(written, kept);
  return warnings;
}

/**
 * Each input sheet's <sheetFormatPr> as the input had it (none if it had none). Attributes in a
 * namespace the written sheet does not declare are left out.
 */
export function restoreSheetFormats(
  original: OoxmlPackage,
  written: OoxmlPackage,
  pairs: { before: string; after: string }[],
): void {
  for (const { before, after } of pairs) {
    const source = original.xml(before)?.root;
    const target = written.xml(after)?.root;
    if (!source || !target) continue;
    const originalFormat = firstChild(source, "sheetFormatPr");
    const writtenFormat = firstChild(target, "sheetFormatPr");
    if (!writtenFormat) continue;
    const at = target.children.indexOf(writtenFormat);
    if (!originalFormat) {
      target.children.splice(at, 1);
      continue;
    }
    const declared = (name: string) => !name.includes(":") || target.attrs[`xmlns:${name.split(":")[0]}`] !== undefined;
    const attrs = Object.fromEntries(Object.entries(originalFormat.attrs).filter(([name]) => declared(name)));
    target.children[at] = { name: "sheetFormatPr", attrs, children: [] };
  }
}

/**
 * Shared strings as Excel reads them: literal "_xHHHH_" escaped, carriage returns as "_x000D_"
 * (an XML reader would turn a raw one into a line feed).
 */
export function escapeSharedStrings(written: OoxmlPackage): void {
  const strings = written.xml("xl/sharedStrings.xml")?.root;
  if (!strings) return;
  for (const t of descendants(strings, "t")) {
    const text = textOf(t);
    const escaped = escapeXstring(text).replaceAll("\r", "_x000D_");
    if (escaped !== text) setText(t, escaped);
  }
}

/** The plan's table column names in the same escaped form as their header cells. */
export function escapeTableColumns(written: OoxmlPackage, tablePaths: string[]): void {
  for (const path of tablePaths) {
    const table = written.requireXml(path).root;
    const columns = firstChild(table, "tableColumns");
    for (const column of columns ? childElements(columns, "tableColumn") : []) {
      if (column.attrs.name !== undefined) column.attrs.name = escapeXstring(column.attrs.name);
    }
  }
}

/**
 * exceljs decodes "_xHHHH_" in shared strings and rich text but not in a plain inline string
 * (<is><t>), which would then be escaped once more on writing. Returns the package with those
 * decoded (characters XML cannot carry stay escaped), or undefined when nothing needs it.
 */
export function decodeInlineStrings(bytes: Uint8Array): Uint8Array | undefined {
  const pkg = OoxmlPackage.load(bytes);
  let changed = false;
  for (const path of pkg
    .paths()
    .filter(
      (p) => p.startsWith("xl/worksheets/") && p.endsWith(".xml") && !p.slice("xl/worksheets/".length).includes("/"),
    )) {
    // Only sheets with an inline string that holds "_x" are parsed at all.
    const raw = pkg.text(path) ?? "";
    if (!raw.includes("<is>") || !raw.includes("_x")) continue;
    const data = firstChild(pkg.requireXml(path).root, "sheetData");
    for (const row of data ? data.children.filter(isElement) : []) {
      for (const cell of row.children.filter(isElement)) {
        const is = firstChild(cell, "is");
        const t = is && firstChild(is, "t");
        if (!t) continue;
        const text = textOf(t);
        const decoded = decodeXstring(text);
        if (decoded !== text) {
          setText(t, decoded);
          changed = true;
        }
      }
    }
  }
  return changed ? pkg.pack(0) : undefined;
}

/** "_xHHHH_" as its character, except characters XML cannot carry (they stay escaped). */
function decodeXstring(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (whole, hex: string) => {
    const code = parseInt(hex, 16);
    return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d ? whole : String.fromCharCode(code);
  });
}
