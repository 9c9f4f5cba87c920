/**
 * What exceljs changes when it reads and writes the input workbook, put back from the original
 * package after writing: defined names (it merges sheet-scoped names that share a name into one
 * global name, drops constants such as "=0.5", rewrites print areas), each input sheet's
 * <sheetFormatPr> (it writes one without defaultRowHeight when the input had none), and the
 * "_xHHHH_" escaping of text (it decodes it on reading and does not encode it on writing, so a
 * literal "_x0041_" would show as "A").
 */
import JSZipModule from "jszip";
import type JSZip from "jszip";
import { isOwnershipMark } from "./owned";
import { attributes, escapeXstring, rootChildren, xmlText } from "./xml";

export interface DefinedName {
  name: string;
  /** Index of the scope sheet in <sheets>, for sheet-scoped names. */
  localSheetId?: number;
  /** The whole <definedName> element as written. */
  tag: string;
}

const DEFINED_NAME_TAG = /<definedName\b[^>]*\/>|<definedName\b[^>]*>[\s\S]*?<\/definedName>/g;
const DEFINED_NAMES_BLOCK = /<definedNames\s*\/>|<definedNames\b[^>]*>[\s\S]*?<\/definedNames>/;

export function readDefinedNames(workbookXml: string): DefinedName[] {
  return [...workbookXml.matchAll(DEFINED_NAME_TAG)].map((match) => {
    const a = attributes(match[0]);
    const scope = a.get("localSheetId");
    return { name: a.get("name") ?? "", tag: match[0], ...(scope !== undefined ? { localSheetId: Number(scope) } : {}) };
  });
}

export function sheetNamesInOrder(workbookXml: string): string[] {
  return (workbookXml.match(/<sheet\b[^>]*>/g) ?? []).map((tag) => attributes(tag).get("name") ?? "");
}

/**
 * The written workbook's defined names replaced by the input's, verbatim, with their sheet scopes
 * renumbered by sheet name. Names scoped to sheets this run rewrote come from the writer; the
 * ownership marks are left to writeOwnedSheets. Returns a message per name that could not be kept.
 */
export async function restoreDefinedNames(original: JSZip, written: JSZip, rewritten: ReadonlySet<string>): Promise<string[]> {
  const before = (await original.file("xl/workbook.xml")?.async("string")) ?? "";
  let after = await written.file("xl/workbook.xml")!.async("string");
  const sheetsBefore = sheetNamesInOrder(before);
  const sheetsAfter = sheetNamesInOrder(after);
  const warnings: string[] = [];
  const kept: string[] = [];
  for (const defined of readDefinedNames(before)) {
    if (isOwnershipMark(defined.name)) continue;
    if (defined.localSheetId === undefined) {
      kept.push(defined.tag);
      continue;
    }
    const sheet = sheetsBefore[defined.localSheetId];
    if (sheet !== undefined && rewritten.has(sheet)) continue;
    const index = sheet === undefined ? -1 : sheetsAfter.indexOf(sheet);
    if (index < 0) {
      warnings.push(`the name "${defined.name}" of sheet "${sheet ?? defined.localSheetId}" could not be kept (the sheet is not in the result)`);
      continue;
    }
    kept.push(defined.tag.replace(/\blocalSheetId="\d+"/, `localSheetId="${index}"`));
  }
  const inputSheets = new Set(sheetsBefore.filter((name) => !rewritten.has(name)));
  for (const defined of readDefinedNames(after)) {
    // The writer's own names: those of the sheets it wrote (print settings, filters).
    const sheet = defined.localSheetId === undefined ? undefined : sheetsAfter[defined.localSheetId];
    if (sheet !== undefined && !inputSheets.has(sheet)) kept.push(defined.tag);
  }
  const block = kept.length > 0 ? `<definedNames>${kept.join("")}</definedNames>` : "";
  if (DEFINED_NAMES_BLOCK.test(after)) after = after.replace(DEFINED_NAMES_BLOCK, block);
  // CT_Workbook: definedNames follows sheets (exceljs writes no functionGroups or externalReferences).
  else after = after.replace("</sheets>", `</sheets>${block}`);
  written.file("xl/workbook.xml", after);
  return warnings;
}

/**
 * Each input sheet's <sheetFormatPr> as the input had it (none if it had none). Attributes in a
 * namespace the written sheet does not declare are left out.
 */
export async function restoreSheetFormats(original: JSZip, written: JSZip, pairs: { before: string; after: string }[]): Promise<void> {
  for (const { before, after } of pairs) {
    const source = (await original.file(before)?.async("string")) ?? "";
    const target = await written.file(after)?.async("string");
    if (target === undefined) continue;
    const originalTag = sheetFormatTag(source);
    const writtenTag = sheetFormatTag(target);
    if (writtenTag === undefined || originalTag === writtenTag) continue;
    let replacement = "";
    if (originalTag !== undefined) {
      const root = /<worksheet\b[^>]*>/.exec(target)?.[0] ?? "";
      const kept = [...attributes(originalTag)].filter(([name]) => !name.includes(":") || root.includes(`xmlns:${name.split(":")[0]}=`));
      replacement = `<sheetFormatPr${kept.map(([name, value]) => ` ${name}="${value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`).join("")}/>`;
    }
    written.file(after, target.replace(writtenTag, replacement));
  }
}

function sheetFormatTag(sheetXml: string): string | undefined {
  const child = rootChildren(sheetXml).find((c) => c.name === "sheetFormatPr");
  if (!child) return undefined;
  return /^<sheetFormatPr\b[^>]*>/.exec(sheetXml.slice(child.start))?.[0];
}

/**
 * Shared strings as Excel reads them: literal "_xHHHH_" escaped, carriage returns as "_x000D_"
 * (an XML parser would turn a raw one into a line feed).
 */
export async function escapeSharedStrings(written: JSZip): Promise<void> {
  const file = written.file("xl/sharedStrings.xml");
  if (!file) return;
  const xml = await file.async("string");
  const escaped = xml.replace(/(<t\b[^>]*>)([^<]*)(<\/t>)/g, (_, open: string, text: string, close: string) =>
    open + escapeXstring(text).replace(/\r/g, "_x000D_").replace(/&#(?:x0*[dD]|0*13);/g, "_x000D_") + close);
  if (escaped !== xml) written.file("xl/sharedStrings.xml", escaped);
}

/** The plan's table column names in the same escaped form as their header cells. */
export async function escapeTableColumns(written: JSZip, tablePaths: string[]): Promise<void> {
  for (const path of tablePaths) {
    const xml = await written.file(path)!.async("string");
    written.file(path, xml.replace(/(<tableColumn\b[^>]*\bname=")([^"]*)"/g, (_, head: string, name: string) => `${head}${escapeXstring(name)}"`));
  }
}

/**
 * exceljs decodes "_xHHHH_" in shared strings and rich text but not in a plain inline string
 * (<is><t>), which would then be escaped once more on writing. Returns the package with those
 * decoded (characters XML cannot carry stay escaped), or undefined when nothing needs it.
 */
export async function decodeInlineStrings(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const zip = await JSZipModule.loadAsync(bytes);
  let changed = false;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    if (!/<is>\s*<t\b[^>]*>[^<]*_x[0-9A-Fa-f]{4}_/.test(xml)) continue;
    zip.file(path, xml.replace(/(<is>\s*<t\b[^>]*>)([^<]*)(<\/t>)/g, (_, open: string, text: string, close: string) => open + decodeXstring(text) + close));
    changed = true;
  }
  return changed ? zip.generateAsync({ type: "uint8array", compression: "STORE" }) : undefined;
}

function decodeXstring(escaped: string): string {
  return escaped.replace(/_x([0-9A-Fa-f]{4})_/g, (whole, hex: string) => {
    const code = parseInt(hex, 16);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return whole;
    if (code === 0x0d) return "&#13;";
    return xmlText(String.fromCharCode(code));
  });
}
