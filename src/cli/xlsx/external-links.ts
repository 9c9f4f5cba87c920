/**
 * Links to other workbooks (xl/externalLinks/externalLinkN.xml, referred to as "[1]Sheet!A1" in
 * formulas and names) that exceljs drops on reading. They are copied over in their original order,
 * since the number in "[1]" is the position in <externalReferences>, with their cached values and
 * the paths of the linked files.
 */
import type JSZip from "jszip";
import { contentTypeFor, copyPart, relationships, relativeTarget } from "./graft";
import { attributes } from "./xml";

const REL_EXTERNAL_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink";

/** Returns how many links were carried over. */
export async function carryExternalLinks(original: JSZip, written: JSZip): Promise<number> {
  const before = (await original.file("xl/workbook.xml")?.async("string")) ?? "";
  const block = /<externalReferences>([\s\S]*?)<\/externalReferences>/.exec(before)?.[1];
  if (!block) return 0;
  const rels = await relationships(original, "xl/workbook.xml");
  const types = (await original.file("[Content_Types].xml")?.async("string")) ?? "";
  let workbookRels = await written.file("xl/_rels/workbook.xml.rels")!.async("string");
  const taken = new Set([...workbookRels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let next = 1;
  const references: string[] = [];
  const overrides: string[] = [];
  const copied = new Map<string, string>();
  for (const tag of block.match(/<externalReference\b[^>]*>/g) ?? []) {
    const rel = rels.find((r) => r.id === attributes(tag).get("r:id"));
    if (!rel || rel.external) throw new Error(`the input workbook's external link ${attributes(tag).get("r:id")} has no part`);
    const path = await copyPart(original, written, rel.path, copied);
    while (taken.has(`rId${next}`)) next++;
    const id = `rId${next}`;
    taken.add(id);
    workbookRels = workbookRels.replace("</Relationships>", `<Relationship Id="${id}" Type="${REL_EXTERNAL_LINK}" Target="${relativeTarget("xl/workbook.xml", path)}"/></Relationships>`);
    references.push(`<externalReference r:id="${id}"/>`);
  }
  for (const [from, to] of copied) overrides.push(contentTypeFor(types, from, to));
  written.file("xl/_rels/workbook.xml.rels", workbookRels);
  const workbook = await written.file("xl/workbook.xml")!.async("string");
  // CT_Workbook: sheets, functionGroups?, externalReferences?, definedNames?...
  written.file("xl/workbook.xml", workbook.replace("</sheets>", `</sheets><externalReferences>${references.join("")}</externalReferences>`));
  const writtenTypes = await written.file("[Content_Types].xml")!.async("string");
  written.file("[Content_Types].xml", writtenTypes.replace("</Types>", `${overrides.join("")}</Types>`));
  return references.length;
}
