/**
 * Test probes over packages loaded with JSZip (an independent zip reader): the writer's package
 * functions applied to the parts they need, and small text probes for assertions.
 */
import type JSZip from "jszip";
import { OoxmlPackage } from "../../../src/cli/xlsx/ooxml/package";
import { worksheetPaths } from "../../../src/cli/xlsx/ooxml/workbook";
import { readOwnedSheets, writeOwnedSheets, type OwnedSheet } from "../../../src/cli/xlsx/owned";

const WORKBOOK = "xl/workbook.xml";

function workbookOnly(xml: string, rels?: string): OoxmlPackage {
  const pkg = new OoxmlPackage();
  pkg.setText(WORKBOOK, xml);
  if (rels !== undefined) pkg.setText("xl/_rels/workbook.xml.rels", rels);
  return pkg;
}

/** The owned sheets of a workbook part's text. */
export function ownedSheetsOf(workbookXml: string): OwnedSheet[] {
  return readOwnedSheets(workbookOnly(workbookXml));
}

/** The marks of a JSZip package rewritten in place. */
export async function setOwnedSheets(zip: JSZip, owned: OwnedSheet[]): Promise<void> {
  const pkg = workbookOnly(await zip.file(WORKBOOK)!.async("string"));
  writeOwnedSheets(pkg, owned);
  zip.file(WORKBOOK, pkg.text(WORKBOOK)!);
}

export async function sheetPaths(zip: JSZip): Promise<Map<string, string>> {
  return worksheetPaths(
    workbookOnly(
      await zip.file(WORKBOOK)!.async("string"),
      await zip.file("xl/_rels/workbook.xml.rels")!.async("string"),
    ),
  );
}

export function xmlUnescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");
}

/** Attributes of the first start tag in `tag` ("<sheet name=... r:id=.../>"). */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
    out.set(match[1]!, xmlUnescape(match[3] ?? match[4] ?? ""));
  return out;
}

/** Names of the direct children of a part's document element, in order (through the writer's parser). */
export function rootChildNames(xml: string): string[] {
  const pkg = new OoxmlPackage();
  pkg.setText("part.xml", xml);
  return pkg.requireXml("part.xml").root.children.flatMap((n) => ("name" in n ? [n.name] : []));
}
