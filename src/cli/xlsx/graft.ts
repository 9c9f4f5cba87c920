/**
 * exceljs reads charts but does not write them back: an input sheet's drawing (its charts, with
 * their style, colour and image parts) is copied from the original package into the written one
 * under fresh part names, and linked to the same sheet again.
 */
import { drawingOf, linkDrawing, REL_CHART } from "./drawings";
import type { OoxmlPackage } from "./ooxml/package";
import { worksheetPaths } from "./ooxml/workbook";

/** Returns one message per sheet, or sheet's drawing, that could not be carried over; `skip`: sheets not to carry over. */
export function graftInputDrawings(
  original: OoxmlPackage,
  written: OoxmlPackage,
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const warnings: string[] = [];
  const before = worksheetPaths(original);
  const after = worksheetPaths(written);
  for (const [name, originalSheet] of before) {
    if (skip.has(name)) continue;
    const writtenSheet = after.get(name);
    if (!writtenSheet) {
      const what = originalSheet.includes("chartsheets/") ? "chart sheet" : "sheet";
      warnings.push(`${what} "${name}" of the input workbook could not be kept (the .xlsx library cannot write it)`);
      continue;
    }
    const drawing = drawingOf(original, originalSheet);
    if (!drawing) continue;
    if (drawingOf(written, writtenSheet) !== undefined) {
      // exceljs rewrote the drawing itself (pictures); only charts would be lost.
      if (!original.relationships(drawing).some((r) => r.type === REL_CHART)) continue;
      warnings.push(`sheet "${name}": its pictures were kept but its charts could not be carried over`);
      continue;
    }
    const newDrawing = written.copyPartFrom(original, drawing, new Map());
    linkDrawing(written, writtenSheet, newDrawing);
  }
  return warnings;
}
