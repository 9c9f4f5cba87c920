/**
 * Which sheets of a workbook the CLI wrote: each output sheet carries a mark of its own, a hidden
 * defined name "_IndexStudio_Output" scoped to that sheet, whose value is a text constant with the
 * report key and the sheet's name ("results:Results"). A sheet-scoped name goes with its sheet:
 * Excel and LibreOffice keep it through moves and saves (LibreOffice renumbers sheetIds on save,
 * so sheetIds cannot be trusted), and delete it with the sheet, so a sheet the analyst adds in its
 * place has no mark and is never taken for an output. A sheet is owned only if its name still
 * matches the mark: an output the analyst renamed, or a copy of one (Excel copies the sheet's
 * names with it), is theirs (the safe side). exceljs merges and drops such names when it reads,
 * so the marks are read from, and written into, the package's workbook part directly.
 */
import type { OoxmlPackage } from "./ooxml/package";
import { readDefinedNames, sheetNamesInOrder, writeDefinedNames } from "./ooxml/workbook";
import { element } from "./ooxml/xml";

import { LEGACY_OWNED_PREFIX, OWNED_NAME } from "../../core/report";

export { LEGACY_OWNED_PREFIX, OWNED_NAME };

export interface OwnedSheet {
  key: string;
  name: string;
}

export function isOwnershipMark(definedName: string): boolean {
  return definedName === OWNED_NAME || definedName.startsWith(LEGACY_OWNED_PREFIX);
}

/** The owned sheets of a package: marked, and named as the mark says; a mark that does not parse is ignored. */
export function readOwnedSheets(pkg: OoxmlPackage): OwnedSheet[] {
  const sheets = sheetNamesInOrder(pkg);
  const owned: OwnedSheet[] = [];
  for (const defined of readDefinedNames(pkg)) {
    const scope = defined.localSheetId;
    if (defined.name !== OWNED_NAME || scope === undefined || !Number.isInteger(scope) || scope < 0) continue;
    const mark = parseMark(defined.value.trim());
    if (!mark || sheets[scope] !== mark.name || owned.some((o) => o.key === mark.key)) continue;
    owned.push(mark);
  }
  return owned;
}

/** '"results:Re""sults"' → { key: "results", name: 'Re"sults' }: a formula's text constant, quotes doubled. */
function parseMark(value: string): OwnedSheet | undefined {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return undefined;
  const inner = value.slice(1, -1);
  const colon = inner.indexOf(":");
  const key = inner.slice(0, colon);
  if (colon <= 0 || [...key].some((ch) => ch < "a" || ch > "z")) return undefined;
  const quoted = inner.slice(colon + 1);
  if (quoted === "" || quoted.replaceAll('""', "").includes('"')) return undefined;
  return { key, name: quoted.replaceAll('""', '"') };
}

/**
 * Puts the marks into the workbook part on the sheets of these names, replacing every earlier
 * mark (a sheet of ours that this run did not write, or a renamed one, keeps none).
 */
export function writeOwnedSheets(pkg: OoxmlPackage, owned: OwnedSheet[]): void {
  const sheets = sheetNamesInOrder(pkg);
  // A formula's text constant: quotes doubled (sheet names cannot exceed 31 characters, far below 255).
  const marks = owned.map((o) => {
    const index = sheets.indexOf(o.name);
    if (index < 0) throw new Error(`internal: sheet "${o.name}" is missing from the written workbook`);
    return element("definedName", { name: OWNED_NAME, localSheetId: String(index), hidden: "1" }, [
      { text: `"${o.key}:${o.name.replace(/"/g, '""')}"` },
    ]);
  });
  const others = readDefinedNames(pkg)
    .filter((d) => !isOwnershipMark(d.name))
    .map((d) => d.element);
  writeDefinedNames(pkg, [...marks, ...others]);
}
