/**
 * Which sheets of a workbook the CLI wrote: each output sheet carries a mark of its own, a hidden
 * defined name "_IndexStudio_Output" scoped to that sheet, whose value is a text constant with the
 * report key and the sheet's name ("results:Results"). A sheet-scoped name goes with its sheet:
 * Excel and LibreOffice keep it through moves and saves (LibreOffice renumbers sheetIds on save,
 * so sheetIds cannot be trusted), and delete it with the sheet, so a sheet the analyst adds in its
 * place has no mark and is never taken for an output. A sheet is owned only if its name still
 * matches the mark: an output the analyst renamed, or a copy of one (Excel copies the sheet's
 * names with it), is theirs (the safe side). exceljs merges and drops such names when it reads,
 * so the marks are read from, and written into, the package XML directly.
 */
import type JSZip from "jszip";
import { attributes, xmlText, xmlUnescape } from "./xml";

import { LEGACY_OWNED_PREFIX, OWNED_NAME } from "../../core/report/ownership";

export { LEGACY_OWNED_PREFIX, OWNED_NAME };

export interface OwnedSheet {
  key: string;
  name: string;
}

const DEFINED_NAME = /<definedName\b([^>]*)>([^<]*)<\/definedName>/g;

export function isOwnershipMark(definedName: string): boolean {
  return definedName === OWNED_NAME || definedName.startsWith(LEGACY_OWNED_PREFIX);
}

/** The owned sheets of xl/workbook.xml: marked, and named as the mark says; a mark that does not parse is ignored. */
export function readOwnedSheets(workbookXml: string): OwnedSheet[] {
  const sheets = (workbookXml.match(/<sheet\b[^>]*>/g) ?? []).map((tag) => attributes(tag).get("name") ?? "");
  const owned: OwnedSheet[] = [];
  for (const match of workbookXml.matchAll(DEFINED_NAME)) {
    const attrs = attributes(`<x ${match[1]}>`);
    const scope = attrs.get("localSheetId");
    if (attrs.get("name") !== OWNED_NAME || scope === undefined || !/^\d+$/.test(scope)) continue;
    const value = /^"([a-z]+):((?:[^"]|"")+)"$/.exec(xmlUnescape(match[2]!).trim());
    if (!value) continue;
    const [key, name] = [value[1]!, value[2]!.replace(/""/g, '"')];
    if (sheets[Number(scope)] !== name || owned.some((o) => o.key === key)) continue;
    owned.push({ key, name });
  }
  return owned;
}

/**
 * Puts the marks into xl/workbook.xml on the sheets of these names, replacing every earlier mark
 * (a sheet of ours that this run did not write, or a renamed one, keeps none).
 */
export async function writeOwnedSheets(zip: JSZip, owned: OwnedSheet[]): Promise<void> {
  const file = zip.file("xl/workbook.xml");
  if (!file) throw new Error("internal: the written workbook has no xl/workbook.xml");
  let xml = (await file.async("string")).replace(DEFINED_NAME, (tag, attrs: string) =>
    isOwnershipMark(attributes(`<x ${attrs}>`).get("name") ?? "") ? "" : tag);
  const sheets = (xml.match(/<sheet\b[^>]*>/g) ?? []).map((tag) => attributes(tag).get("name") ?? "");
  // A formula's text constant: quotes doubled (sheet names cannot exceed 31 characters, far below 255).
  const marks = owned.map((o) => {
    const index = sheets.indexOf(o.name);
    if (index < 0) throw new Error(`internal: sheet "${o.name}" is missing from the written workbook`);
    return `<definedName name="${OWNED_NAME}" localSheetId="${index}" hidden="1">${xmlText(`"${o.key}:${o.name.replace(/"/g, '""')}"`)}</definedName>`;
  }).join("");
  if (/<definedNames\s*\/>/.test(xml)) xml = xml.replace(/<definedNames\s*\/>/, `<definedNames>${marks}</definedNames>`);
  else if (xml.includes("<definedNames>")) xml = xml.replace("<definedNames>", `<definedNames>${marks}`);
  // CT_Workbook: definedNames follows sheets and externalReferences (exceljs writes no functionGroups).
  else if (xml.includes("</externalReferences>")) xml = xml.replace("</externalReferences>", `</externalReferences><definedNames>${marks}</definedNames>`);
  else xml = xml.replace("</sheets>", `</sheets><definedNames>${marks}</definedNames>`);
  zip.file("xl/workbook.xml", xml.replace("<definedNames></definedNames>", ""));
}
