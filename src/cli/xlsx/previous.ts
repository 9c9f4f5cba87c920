/** The sheets an earlier run wrote into the input workbook, found by their marks (owned.ts). */
import type ExcelJS from "exceljs";
import type { OoxmlPackage } from "./ooxml/package";
import { readOwnedSheets } from "./owned";
import { listPlaces, referencesTo } from "./references";

export interface PreviousSheet {
  name: string;
  orderNo: number;
}
/** exceljs orders sheets by this field, which its type definitions leave out. */
export type Ordered = ExcelJS.Worksheet & { orderNo: number };

/**
 * Removes the sheets an earlier run wrote (found by their marks, see owned.ts) and returns where
 * each was, by report key. An owned sheet the plan no longer has is removed too, unless the
 * analyst's formulas, names or charts refer to it: then it is kept as it was (still marked, so a
 * later run that writes it again replaces it in place), and a warning says so.
 */
export function removeOwnedSheets(
  workbook: ExcelJS.Workbook,
  original: OoxmlPackage,
  planned: ReadonlySet<string>,
): {
  previous: Map<string, PreviousSheet>;
  kept: { key: string; ws: ExcelJS.Worksheet }[];
  warnings: string[];
} {
  const previous = new Map<string, PreviousSheet>();
  const kept: { key: string; ws: ExcelJS.Worksheet }[] = [];
  const warnings: string[] = [];
  const owned = readOwnedSheets(original).filter(({ name }) => workbook.getWorksheet(name) !== undefined);
  const ownedNames = new Set(owned.map((o) => o.name));
  for (const { key, name } of owned) {
    const ws = workbook.getWorksheet(name)!;
    if (!planned.has(key)) {
      const places = referencesTo(original, name, ownedNames);
      if (places.length > 0) {
        kept.push({ key, ws });
        warnings.push(
          `sheet "${name}" from an earlier run was kept as it was, not updated (this run does not write it): ${listPlaces(places)} refer${places.length === 1 ? "s" : ""} to it; delete it yourself once nothing needs it`,
        );
        continue;
      }
    }
    previous.set(key, { name: ws.name, orderNo: (ws as Ordered).orderNo });
    workbook.removeWorksheet(ws.id);
  }
  return { previous, kept, warnings };
}
