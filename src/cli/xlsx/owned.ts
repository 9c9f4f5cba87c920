/**
 * Which sheets of a workbook the CLI wrote: a hidden workbook-level defined name whose value is a
 * text constant listing report key and sheetId ("results:3 log:7"). Excel keeps a sheet's sheetId
 * when it is renamed or moved and gives a new or copied sheet a new one, so owned sheets are
 * recognised by the marker, never by their name. exceljs drops a name that is not a cell range
 * when it reads, so the marker is read from, and written into, the package XML directly.
 */
import type JSZip from "jszip";
import { attributes, xmlText, xmlUnescape } from "./xml";

export const OWNED_SHEETS_NAME = "_IndexStudio_OwnedSheets";
const VERSION = "v1";

export interface OwnedSheet {
  key: string;
  sheetId: number;
}

/** The owned sheets listed in xl/workbook.xml; none when the marker is absent or unreadable. */
export function readOwnedSheets(workbookXml: string): OwnedSheet[] {
  for (const match of workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    const attrs = attributes(`<x ${match[1]}>`);
    if (attrs.get("name") !== OWNED_SHEETS_NAME || attrs.has("localSheetId")) continue;
    const text = /^"(.*)"$/.exec(xmlUnescape(match[2]!).trim())?.[1];
    const [version, ...entries] = (text ?? "").split(" ");
    if (version !== VERSION) return [];
    const owned: OwnedSheet[] = [];
    for (const entry of entries) {
      const parts = /^([a-z]+):(\d+)$/.exec(entry);
      if (!parts) return []; // Edited by hand: trust none of it, so no user sheet is ever replaced.
      owned.push({ key: parts[1]!, sheetId: Number(parts[2]) });
    }
    return owned;
  }
  return [];
}

/** Puts the marker into xl/workbook.xml (replacing one that exceljs might have carried over). */
export async function writeOwnedSheets(zip: JSZip, owned: OwnedSheet[]): Promise<void> {
  const file = zip.file("xl/workbook.xml");
  if (!file) throw new Error("internal: the written workbook has no xl/workbook.xml");
  let xml = (await file.async("string")).replace(new RegExp(`<definedName\\b[^>]*name="${OWNED_SHEETS_NAME}"[^>]*>[^<]*</definedName>`, "g"), "");
  if (owned.length > 0) {
    const value = `"${[VERSION, ...owned.map((o) => `${o.key}:${o.sheetId}`)].join(" ")}"`;
    const marker = `<definedName name="${OWNED_SHEETS_NAME}" hidden="1">${xmlText(value)}</definedName>`;
    if (/<definedNames\s*\/>/.test(xml)) xml = xml.replace(/<definedNames\s*\/>/, `<definedNames>${marker}</definedNames>`);
    else if (xml.includes("<definedNames>")) xml = xml.replace("<definedNames>", `<definedNames>${marker}`);
    // CT_Workbook: definedNames follows sheets (exceljs writes no functionGroups or externalReferences).
    else xml = xml.replace("</sheets>", `</sheets><definedNames>${marker}</definedNames>`);
  }
  xml = xml.replace(/<definedNames><\/definedNames>/, "");
  zip.file("xl/workbook.xml", xml);
}
