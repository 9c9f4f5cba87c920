/**
 * Where the analyst's content refers to a sheet: cell formulas, conditional-format and
 * data-validation formulas, defined names and chart series of the input workbook. Deleting a
 * sheet something refers to would leave #REF! behind, so an earlier run's sheet that this run
 * does not write again is kept while anything points at it.
 */
import type JSZip from "jszip";
import { drawingTarget, relationships } from "./graft";
import { worksheetPaths } from "./package";
import { isOwnershipMark } from "./owned";
import { readDefinedNames, sheetNamesInOrder } from "./passthrough";
import { attributes, xmlUnescape } from "./xml";

const MAX_LISTED = 5;

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
export async function referencesTo(original: JSZip, sheetName: string, ignore: ReadonlySet<string>): Promise<string[]> {
  const refers = sheetReference(sheetName);
  const found: string[] = [];
  const workbook = (await original.file("xl/workbook.xml")?.async("string")) ?? "";
  const sheets = sheetNamesInOrder(workbook);
  for (const defined of readDefinedNames(workbook)) {
    if (isOwnershipMark(defined.name)) continue;
    if (defined.localSheetId !== undefined && ignore.has(sheets[defined.localSheetId] ?? "")) continue;
    if (refers.test(xmlUnescape(defined.tag.replace(/^<[^>]*>|<\/definedName>$/g, "")))) found.push(`the name "${defined.name}"`);
  }
  for (const [name, path] of await worksheetPaths(original)) {
    if (ignore.has(name)) continue;
    const xml = (await original.file(path)?.async("string")) ?? "";
    for (const cell of xml.matchAll(/<c\b((?:[^>/]|\/(?!>))*)>(?:(?!<\/c>)[\s\S])*?<f\b[^>]*>([^<]*)<\/f>/g)) {
      if (refers.test(xmlUnescape(cell[2]!))) found.push(`${name}!${attributes(`<c ${cell[1]}>`).get("r") ?? "?"}`);
    }
    for (const rule of xml.matchAll(/<(formula[12]?|xm:f)>([^<]*)<\//g)) {
      if (!refers.test(xmlUnescape(rule[2]!))) continue;
      found.push(`a conditional format or data validation on ${name}`);
      break;
    }
    const drawing = await drawingTarget(original, path);
    if (!drawing) continue;
    for (const rel of await relationships(original, drawing)) {
      if (rel.external || !rel.tag.includes("/relationships/chart\"")) continue;
      const chart = (await original.file(rel.path)?.async("string")) ?? "";
      if ([...chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)].some((f) => refers.test(xmlUnescape(f[1]!)))) found.push(`a chart on ${name}`);
    }
  }
  return found;
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
