/**
 * finishSheet / finishReport: a builder's draft becomes the fully resolved description that both
 * writers (Office.js and .xlsx) execute without deciding anything themselves: valid unique sheet
 * names, cell styles, colour scales, columns (widths, hidden helpers), header row height, print setup
 * and chart options. Every look-and-feel constant of the output sheets is declared here, once.
 */
import { rangeA1 } from "../a1";
import type { Cell } from "../types";
import { uniqueSheetName } from "./names";
import type {
  CellStyle,
  ChartPlan,
  ColorScalePlan,
  ColumnPlan,
  PrintPlan,
  SheetDraft,
  SheetPlan,
  StylePlan,
} from "./types";

/** A flagged cell (audit): light orange and bold, as the template marks cells to check. */
export const HIGHLIGHT_STYLE: CellStyle = { fill: "#FCE4D6", bold: true };
/** Header row: bold, wrapped instead of cut off ("Nominal ra…"). */
export const HEADER_STYLE: CellStyle = { bold: true, wrap: true };
/** Red (low) - yellow (median) - green (high), Excel's own three-colour scale. */
export const COLOR_SCALE: Omit<ColorScalePlan, "range"> = {
  low: "#F8696B",
  mid: "#FFEB84",
  midPercentile: 50,
  high: "#63BE7B",
};
/** Default column width in characters (Excel's Calibri 11 default is 8.43). */
export const DEFAULT_COLUMN_WIDTH = 9;
/** Points per line of Calibri 11 (Excel's default row height). */
export const LINE_POINTS = 15;
/** Characters a table's filter button covers at the right of a header cell. */
const FILTER_BUTTON = 3;
/** A column widens to fit its header's longest word up to this width (beyond, the word breaks). */
const MAX_WORD_WIDTH = 20;
/** A header wraps onto at most this many lines; longer texts are cut. */
const MAX_HEADER_LINES = 4;
/** Columns printed per page width before the sheet spreads over more pages (beyond, text gets too small). */
const COLUMNS_PER_PAGE = 40;

export function finishSheet(draft: SheetDraft): SheetPlan {
  const { hiddenColumns = [], ...sheet } = draft;
  const width = sheet.cells.reduce((m, row) => Math.max(m, row.length), 0);
  const hidden = new Set(hiddenColumns);
  const header = sheet.cells[0] ?? [];
  // A wrapped header breaks between words: the column is at least as wide as its longest word
  // (and a table's filter button), so no word is cut in two.
  const room = sheet.table ? FILTER_BUTTON : 1;
  const columns: ColumnPlan[] = Array.from({ length: Math.max(width, sheet.columnWidths?.length ?? 0) }, (_, c) => {
    const planned = sheet.columnWidths?.[c] ?? DEFAULT_COLUMN_WIDTH;
    const text = header[c];
    const word =
      typeof text === "string"
        ? words(text).reduce((widest, w) => Math.max(widest, textWidth(w.trimEnd())), 0) + room
        : 0;
    return { width: Math.max(planned, Math.min(MAX_WORD_WIDTH, word)), hidden: hidden.has(c) };
  });
  const lastHeader = header.reduce<number>((last, value, c) => (value !== null && value !== "" ? c : last), -1);
  const styles: StylePlan[] = [];
  if (lastHeader >= 0) styles.push({ range: rangeA1(0, 0, 0, lastHeader), style: HEADER_STYLE });
  for (const range of sheet.highlights) styles.push({ range, style: HIGHLIGHT_STYLE });
  const lines = headerLines(header, columns, Boolean(sheet.table));
  return {
    ...sheet,
    charts: sheet.charts.map(finishChart),
    styles,
    conditionalFormats: sheet.colorScales.map((range) => ({ range, ...COLOR_SCALE })),
    columns,
    rowHeights: lines > 1 ? [{ row: 0, points: lines * LINE_POINTS }] : [],
    print: printSetup(sheet, width),
  };
}

/** Sheet names made valid and unique within the plan (a later sheet gets "Name (2)"). */
export function finishReport(sheets: SheetPlan[]): SheetPlan[] {
  const taken = new Set<string>();
  return sheets.map((sheet) => {
    const name = uniqueSheetName(sheet.name, taken);
    return name === sheet.name ? sheet : { ...sheet, name };
  });
}

function finishChart(chart: ChartPlan): ChartPlan {
  // Helper columns are hidden and Excel leaves hidden cells out of charts unless told otherwise;
  // a chart with a category axis labels every category (the plan sizes it so that they fit).
  const categoryAxis = chart.kind !== "scatter" && chart.kind !== "radar";
  return { ...chart, plotVisibleOnly: false, ...(categoryAxis ? { categoryLabelSpacing: 1 } : {}) };
}

/** Landscape, one page wide (for sheets of up to 40 columns), the header rows on every page. */
function printSetup(sheet: Omit<SheetDraft, "hiddenColumns">, width: number): PrintPlan {
  const repeatRows = sheet.freeze.rows > 0 ? sheet.freeze.rows : sheet.table ? 1 : 0;
  return { orientation: "landscape", fitToPagesWide: Math.max(1, Math.ceil(width / COLUMNS_PER_PAGE)), repeatRows };
}

/** Lines the tallest header needs when wrapped into its column (a table's filter button takes ~2 characters). */
function headerLines(header: readonly Cell[], columns: ColumnPlan[], table: boolean): number {
  let most = 1;
  header.forEach((value, c) => {
    if (typeof value !== "string" || value === "" || columns[c]?.hidden) return;
    const room = Math.max(3, (columns[c]?.width ?? DEFAULT_COLUMN_WIDTH) - (table ? FILTER_BUTTON : 1));
    most = Math.max(most, wrappedLines(value, room));
  });
  return Math.min(MAX_HEADER_LINES, most);
}

/** Greedy word wrap as Excel does it: breaks at spaces, CJK characters count double and break anywhere. */
export function wrappedLines(text: string, room: number): number {
  let lines = 1;
  let used = 0;
  for (const word of words(text)) {
    const w = textWidth(word.trimEnd());
    if (used > 0 && used + w > room) {
      lines += 1;
      used = 0;
    }
    used += Math.max(w, textWidth(word));
    // A word longer than the column is broken over several lines.
    while (used > room) {
      lines += 1;
      used -= room;
    }
  }
  return lines;
}

/** Words as a line may break between them: at spaces (kept at the word's end), and around every CJK character. */
function words(text: string): string[] {
  return text.split(/(?<=\s)|(?=[\u2e80-\uffff])|(?<=[\u2e80-\uffff])/u).filter((w) => w !== "");
}

/** Width in characters, CJK characters counting double. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

/**
 * The number format a column's values call for: 0 decimals from 1,000 up, 1 from 100, 2 from 1,
 * 3 from 0.01, 4 below (NaN and missing values ignored; no values: 2 decimals).
 */
export function magnitudeFormat(values: Iterable<number | null | undefined>): string {
  let largest = 0;
  let any = false;
  for (const v of values) {
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    any = true;
    largest = Math.max(largest, Math.abs(v));
  }
  if (!any) return "0.00";
  if (largest >= 1000) return "#,##0";
  if (largest >= 100) return "0.0";
  if (largest >= 1) return "0.00";
  if (largest >= 0.01 || largest === 0) return "0.000";
  return "0.0000";
}

/** One magnitude format per column of a block of rows: [from, to] columns of rows [row0, row1]. */
export function columnFormats(
  cells: readonly (readonly Cell[])[],
  row0: number,
  row1: number,
  col0: number,
  col1: number,
): { range: string; numberFormat: string }[] {
  const out: { range: string; numberFormat: string }[] = [];
  if (row1 < row0) return out;
  for (let c = col0; c <= col1; c++) {
    const values: number[] = [];
    for (let r = row0; r <= row1; r++) {
      const v = cells[r]?.[c];
      if (typeof v === "number") values.push(v);
    }
    out.push({ range: rangeA1(row0, c, row1, c), numberFormat: magnitudeFormat(values) });
  }
  return out;
}
