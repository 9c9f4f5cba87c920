/**
 * Which sheets of a workbook the CLI wrote: one hidden workbook-level defined name per output sheet,
 * "_IndexStudio_Owned_<key>", whose value is a text constant with the sheet's sheetId and name
 * ("12:Results"). A sheet is owned only if both still match: a sheet the analyst adds gets a new
 * sheetId, and a program that renumbers sheetIds by position (LibreOffice does on save) cannot make
 * a user's sheet look owned. An owned sheet the analyst renamed is therefore left as theirs (the
 * safe side). exceljs drops names that are not cell ranges when it reads, so the marks are read
 * from, and written into, the package XML directly.
 */
import type JSZip from "jszip";
import { attributes, xmlText, xmlUnescape } from "./xml";

export const OWNED_NAME_PREFIX = "_IndexStudio_Owned_";

export interface OwnedSheet {
  key: string;
  sheetId: number;
  name: string;
}

const DEFINED_NAME = /<definedName\b([^>]*)>([^<]*)<\/definedName>/g;

/** The owned sheets listed in xl/workbook.xml; a mark that does not parse is ignored. */
export function readOwnedSheets(workbookXml: string): OwnedSheet[] {
  const owned: OwnedSheet[] = [];
  for (const match of workbookXml.matchAll(DEFINED_NAME)) {
    const attrs = attributes(`<x ${match[1]}>`);
    const name = attrs.get("name") ?? "";
    if (!name.startsWith(OWNED_NAME_PREFIX) || attrs.has("localSheetId")) continue;
    const key = name.slice(OWNED_NAME_PREFIX.length);
    const value = /^"(\d+):((?:[^"]|"")+)"$/.exec(xmlUnescape(match[2]!).trim());
    if (!/^[a-z]+$/.test(key) || !value || owned.some((o) => o.key === key)) continue;
    owned.push({ key, sheetId: Number(value[1]), name: value[2]!.replace(/""/g, '"') });
  }
  return owned;
}

/** Puts the marks into xl/workbook.xml, replacing any earlier ones (exceljs might carry some over). */
export async function writeOwnedSheets(zip: JSZip, owned: OwnedSheet[]): Promise<void> {
  const file = zip.file("xl/workbook.xml");
  if (!file) throw new Error("internal: the written workbook has no xl/workbook.xml");
  let xml = (await file.async("string")).replace(DEFINED_NAME, (tag, attrs: string) =>
    (attributes(`<x ${attrs}>`).get("name") ?? "").startsWith(OWNED_NAME_PREFIX) ? "" : tag);
  // A formula's text constant: quotes doubled (sheet names cannot exceed 31 characters, far below 255).
  const marks = owned.map((o) => `<definedName name="${OWNED_NAME_PREFIX}${o.key}" hidden="1">${xmlText(`"${o.sheetId}:${o.name.replace(/"/g, '""')}"`)}</definedName>`).join("");
  if (/<definedNames\s*\/>/.test(xml)) xml = xml.replace(/<definedNames\s*\/>/, `<definedNames>${marks}</definedNames>`);
  else if (xml.includes("<definedNames>")) xml = xml.replace("<definedNames>", `<definedNames>${marks}`);
  // CT_Workbook: definedNames follows sheets (exceljs writes no functionGroups or externalReferences).
  else xml = xml.replace("</sheets>", `</sheets><definedNames>${marks}</definedNames>`);
  zip.file("xl/workbook.xml", xml.replace("<definedNames></definedNames>", ""));
}
