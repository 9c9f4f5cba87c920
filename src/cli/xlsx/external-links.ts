/**
 * Links to other workbooks (xl/externalLinks/externalLinkN.xml, referred to as "[1]Sheet!A1" in
 * formulas and names) that exceljs drops on reading. They are copied over in their original order,
 * since the number in "[1]" is the position in <externalReferences>, with their cached values and
 * the paths of the linked files.
 */
import type { OoxmlPackage } from "./ooxml/package";
import { externalReferences, WORKBOOK } from "./ooxml/workbook";
import { childElements, element } from "./ooxml/xml";

const REL_EXTERNAL_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink";

/** Returns how many links were carried over. */
export function carryExternalLinks(original: OoxmlPackage, written: OoxmlPackage): number {
  const block = original.xml(WORKBOOK) && externalReferences(original, false);
  const references = block ? childElements(block, "externalReference") : [];
  if (references.length === 0) return 0;
  const rels = original.relationships(WORKBOOK);
  const target = externalReferences(written, true)!;
  const copied = new Map<string, string>();
  for (const reference of references) {
    const rel = rels.find((r) => r.id === reference.attrs["r:id"]);
    if (!rel || rel.external)
      throw new Error(`the input workbook's external link ${reference.attrs["r:id"]} has no part`);
    const path = written.copyPartFrom(original, rel.path, copied);
    const id = written.addRelationship(WORKBOOK, REL_EXTERNAL_LINK, path);
    target.children.push(element("externalReference", { "r:id": id }));
  }
  return references.length;
}
