/**
 * Where the analyst's content refers to a sheet: cell formulas, conditional-format and
 * data-validation formulas, defined names and chart series of the input workbook. Deleting a
 * sheet something refers to would leave #REF! behind, so an earlier run's sheet that this run
 * does not write again is kept while anything points at it.
 */
import { drawingOf, REL_CHART } from "./drawings";
import type { OoxmlPackage } from "./ooxml/package";
import { readDefinedNames, sheetNamesInOrder, worksheetPaths } from "./ooxml/workbook";
import { descendants, firstChild, isElement, textOf, type XmlElement } from "./ooxml/xml";
import { isOwnershipMark } from "./owned";

const MAX_LISTED = 5;
/** Elements holding formulas of conditional formats and data validations. */
const RULE_FORMULAS = ["formula", "formula1", "formula2", "xm:f"];

/** A test for "Sheet!" / "'Sheet'!" in formula text (case-insensitive, as Excel compares sheet names). */
export function sheetReference(sheetName: string): RegExp {
  const quoted = `'${escapeRegExp(sheetName.replace(/'/g, "''"))}'!`;
  // Unquoted: not part of a longer name, nor of an external "[1]Sheet!" reference.
  const plain = `(?<![\\p{L}\\p{N}_.'\\]])${escapeRegExp(sheetName)}!`;
  return new RegExp(`${quoted}|${plain}`, "iu");
}

/**
 * Places in the original package that refer to `sheetName` ("Notes!B2", "the name \"Alpha\"",
 * "a chart on Notes"), leaving out the sheets in `ignore` (those the writer rewrites or removes).
 */
export function referencesTo(original: OoxmlPackage, sheetName: string, ignore: ReadonlySet<string>): string[] {
  const refers = sheetReference(sheetName);
  const found: string[] = [];
  const sheets = sheetNamesInOrder(original);
  for (const defined of readDefinedNames(original)) {
    if (isOwnershipMark(defined.name)) continue;
    if (defined.localSheetId !== undefined && ignore.has(sheets[defined.localSheetId] ?? "")) continue;
    if (refers.test(defined.value)) found.push(`the name "${defined.name}"`);
  }
  for (const [name, path] of worksheetPaths(original)) {
    if (ignore.has(name)) continue;
    const sheet = original.xml(path)?.root;
    if (!sheet) continue;
    const data = firstChild(sheet, "sheetData");
    for (const row of data ? data.children.filter(isElement) : []) {
      for (const cell of row.children.filter(isElement)) {
        const formula = firstChild(cell, "f");
        if (formula && refers.test(textOf(formula))) found.push(`${name}!${cell.attrs.r ?? "?"}`);
      }
    }
    if (ruleFormulas(sheet).some((f) => refers.test(textOf(f))))
      found.push(`a conditional format or data validation on ${name}`);
    const drawing = drawingOf(original, path);
    if (!drawing) continue;
    for (const rel of original.relationships(drawing)) {
      if (rel.external || rel.type !== REL_CHART) continue;
      const chart = original.xml(rel.path)?.root;
      if (chart && descendants(chart, "c:f").some((f) => refers.test(textOf(f)))) found.push(`a chart on ${name}`);
    }
  }
  return found;
}

/** Rule formulas anywhere outside the cell table. */
function ruleFormulas(sheet: XmlElement): XmlElement[] {
  return sheet.children
    .filter(isElement)
    .filter((child) => child.name !== "sheetData")
    .flatMap((child) => RULE_FORMULAS.flatMap((name) => descendants(child, name)));
}

/** "A, B and 3 more" for a warning. */
export function listPlaces(places: string[]): string {
  const shown = places.slice(0, MAX_LISTED);
  const rest = places.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown.join("");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
