/**
 * Executes the resolved formatting of a planned sheet (core/report/finish.ts decides it; nothing is
 * decided here): cell styles, colour scales, columns (widths, hidden helpers), row heights, print setup.
 */
import type { SheetPlan } from "../core/report";
import type { WriteBatch } from "./batch";
import { charsToPoints } from "./cells";
import { apiSupported } from "./office";

export async function queueSheetFormat(sheet: Excel.Worksheet, plan: SheetPlan, batch: WriteBatch): Promise<void> {
  for (const { range, style } of plan.styles) {
    await batch.reserve(200);
    const format = sheet.getRange(range).format;
    if (style.fill) format.fill.color = style.fill;
    if (style.bold !== undefined) format.font.bold = style.bold;
    if (style.wrap !== undefined) {
      format.wrapText = style.wrap;
      format.verticalAlignment = "Top";
    }
  }
  for (const scale of plan.conditionalFormats) {
    await batch.reserve(400);
    const format = sheet.getRange(scale.range).conditionalFormats.add("ColorScale");
    format.colorScale.criteria = {
      minimum: { type: "LowestValue", color: scale.low },
      midpoint: { type: "Percentile", formula: String(scale.midPercentile), color: scale.mid },
      maximum: { type: "HighestValue", color: scale.high },
    };
  }
  await queueColumns(sheet, plan, batch);
  for (const { row, points } of plan.rowHeights) {
    await batch.reserve(120);
    sheet.getRangeByIndexes(row, 0, 1, 1).getEntireRow().format.rowHeight = points;
  }
  // Page layout needs ExcelApi 1.9; older hosts print with their defaults.
  if (apiSupported("1.9")) {
    await batch.reserve(300);
    const { orientation, fitToPagesWide, repeatRows } = plan.print;
    sheet.pageLayout.orientation = orientation === "landscape" ? "Landscape" : "Portrait";
    sheet.pageLayout.zoom = { horizontalFitToPages: fitToPagesWide, verticalFitToPages: 0 };
    if (repeatRows > 0) sheet.pageLayout.setPrintTitleRows(`$1:$${repeatRows}`);
  }
}

/** Column widths and hidden columns; `known` skips widths already in place (an update in place). */
export async function queueColumns(
  sheet: Excel.Worksheet,
  plan: SheetPlan,
  batch: WriteBatch,
  known: readonly number[] = [],
): Promise<void> {
  for (const [col, { width, hidden }] of plan.columns.entries()) {
    const points = charsToPoints(width);
    if (known[col] === points && !hidden) continue;
    await batch.reserve(150);
    const column = sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn();
    if (known[col] !== points) column.format.columnWidth = points;
    if (hidden) column.columnHidden = true;
  }
}
