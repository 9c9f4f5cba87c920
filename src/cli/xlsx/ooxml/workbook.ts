/** The workbook part of an .xlsx package: its sheets, defined names and external references. */
import type { OoxmlPackage } from "./package";
import { childElements, element, firstChild, insertBefore, textOf, type XmlElement } from "./xml";

export const WORKBOOK = "xl/workbook.xml";
export const REL_NS_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** CT_Workbook children after <sheets>, in schema order. */
const AFTER_SHEETS = [
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

export interface DefinedName {
  name: string;
  /** Index of the scope sheet in <sheets>, for sheet-scoped names. */
  localSheetId?: number;
  /** The formula or constant. */
  value: string;
  /** The <definedName> element itself (all its attributes kept). */
  element: XmlElement;
}

export function workbookRoot(pkg: OoxmlPackage): XmlElement {
  return pkg.requireXml(WORKBOOK).root;
}

/** Sheet names in workbook order ("" for a sheet without one). */
export function sheetNamesInOrder(pkg: OoxmlPackage): string[] {
  const sheets = pkg.xml(WORKBOOK) && firstChild(workbookRoot(pkg), "sheets");
  return sheets ? childElements(sheets, "sheet").map((s) => s.attrs.name ?? "") : [];
}

/** Sheet name → its part path (worksheets and chart sheets). */
export function worksheetPaths(pkg: OoxmlPackage): Map<string, string> {
  if (!pkg.xml(WORKBOOK)) throw new Error("internal: the workbook has no xl/workbook.xml");
  const targets = new Map(pkg.relationships(WORKBOOK).map((r) => [r.id, r.path]));
  const paths = new Map<string, string>();
  const sheets = firstChild(workbookRoot(pkg), "sheets");
  for (const sheet of sheets ? childElements(sheets, "sheet") : []) {
    const path = targets.get(sheet.attrs["r:id"] ?? "");
    if (path) paths.set(sheet.attrs.name ?? "", path);
  }
  return paths;
}

export function readDefinedNames(pkg: OoxmlPackage): DefinedName[] {
  if (!pkg.xml(WORKBOOK)) return [];
  const block = firstChild(workbookRoot(pkg), "definedNames");
  return (block ? childElements(block, "definedName") : []).map((e) => {
    const scope = e.attrs.localSheetId;
    return {
      name: e.attrs.name ?? "",
      value: textOf(e),
      element: e,
      ...(scope !== undefined ? { localSheetId: Number(scope) } : {}),
    };
  });
}

/** Replaces the workbook's defined names (none: no <definedNames> at all, as the schema needs one or more). */
export function writeDefinedNames(pkg: OoxmlPackage, names: XmlElement[]): void {
  const root = workbookRoot(pkg);
  const existing = firstChild(root, "definedNames");
  if (names.length === 0) {
    if (existing) root.children = root.children.filter((n) => n !== existing);
    return;
  }
  if (existing) existing.children = names;
  else
    insertBefore(
      root,
      element("definedNames", {}, names),
      AFTER_SHEETS.slice(AFTER_SHEETS.indexOf("definedNames") + 1),
    );
}

/** The <externalReferences> block, created at its schema position if asked to. */
export function externalReferences(pkg: OoxmlPackage, create: boolean): XmlElement | undefined {
  const root = workbookRoot(pkg);
  const existing = firstChild(root, "externalReferences");
  if (existing || !create) return existing;
  const created = element("externalReferences");
  insertBefore(root, created, AFTER_SHEETS.slice(AFTER_SHEETS.indexOf("externalReferences") + 1));
  return created;
}
