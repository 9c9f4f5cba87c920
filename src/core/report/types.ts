/**
 * A report is the plan of the output sheets and native charts, independent of how they are
 * written: the Excel adapter (Office.js) and the .xlsx writer (exceljs + DrawingML) both take the
 * same plan, so both produce the same sheets and the same charts from one definition.
 *
 * Chart conventions (report engineer, for both writers): xAxisTitle names the category axis (bar,
 * stacked bar, rank interval) or the x value axis (scatter); yAxisTitle names the value axis. For
 * "rankInterval", reverseCategories means the rank axis runs downwards (rank 1 at the top), and the
 * series is drawn as markers only with custom error bars (errorMinus/errorPlus are extents). Office.js
 * cannot bind error bars to ranges, so the Excel adapter draws the same interval as a floating stacked
 * column instead: an unfilled `low` segment, then errorMinus (low → value) and errorPlus (value → high).
 */
import type { Cell } from "../types";

/** Stable identifiers of the output sheets; the actual sheet name may differ (language, collisions). */
export type SheetKey =
  | "results"
  | "scores"
  | "ranks"
  | "normalized"
  | "log"
  | "dashboard"
  | "audit"
  | "weights"
  | "uncertainty"
  | "sensitivity"
  | "editions"
  | "trends"
  | "published";

/** A range on one planned sheet, in A1 notation relative to that sheet ("B2:B38"). */
export interface RangeRef {
  sheet: SheetKey;
  range: string;
}

export type ChartKind = "bar" | "barStacked" | "radar" | "scatter" | "rankInterval" | "line";

export interface ChartSeriesPlan {
  /** Literal series name, or a one-cell range holding it. */
  name: string | RangeRef;
  /** Category labels (bar, radar) or x values (scatter). */
  categories?: RangeRef;
  /** scatter: a text label per point (unit names), one cell per value. */
  pointLabels?: RangeRef;
  values: RangeRef;
  /** rankInterval: the error-bar extents below/above each value (as ranges of the same length). */
  errorMinus?: RangeRef;
  errorPlus?: RangeRef;
  /**
   * rankInterval: the lower end of the interval (low = values − errorMinus, e.g. the 5th-percentile
   * rank), for writers that draw the interval as a floating stacked bar rather than error bars.
   */
  low?: RangeRef;
  /** rankInterval: series names of that floating bar's segments (0 → low, low → value, value → high). */
  segmentNames?: { low: string; below: string; above: string };
}

export interface ChartPlan {
  id: string;
  kind: ChartKind;
  title: string;
  xAxisTitle?: string;
  yAxisTitle?: string;
  series: ChartSeriesPlan[];
  legend: boolean;
  /** Number format of the value axis ("0.0"). */
  valueFormat?: string;
  /** Placement on its sheet, in cells (0-based top-left, size in rows and columns); no two overlap. */
  anchor: { row: number; col: number; rows: number; cols: number };
  /** Reverse the category axis so that rank 1 sits on top of a horizontal bar chart. */
  reverseCategories?: boolean;
  /**
   * Resolved by finishSheet: plot cells in hidden columns too (Excel's default leaves them out, and
   * a chart's helper columns are hidden), and show every category label (no skipping).
   */
  plotVisibleOnly?: boolean;
  categoryLabelSpacing?: number;
}

export interface FormatPlan {
  range: string;
  numberFormat: string;
}

/** A cell style, fully resolved: both writers apply exactly this. */
export interface CellStyle {
  /** Solid fill, "#RRGGBB". */
  fill?: string;
  bold?: boolean;
  wrap?: boolean;
}

export interface StylePlan {
  range: string;
  style: CellStyle;
}

/** A three-colour scale: colours "#RRGGBB" at the lowest value, a percentile, and the highest value. */
export interface ColorScalePlan {
  range: string;
  low: string;
  mid: string;
  midPercentile: number;
  high: string;
}

export interface ColumnPlan {
  /** Width in characters of the default font (Excel's unit). */
  width: number;
  hidden: boolean;
}

export interface PrintPlan {
  orientation: "landscape" | "portrait";
  /** Pages wide (1: fit to width); the height is free. */
  fitToPagesWide: number;
  /** Rows 1..n repeat at the top of every printed page (0: none). */
  repeatRows: number;
}

/**
 * What a sheet builder fills in; finishSheet (finish.ts) turns it into the resolved SheetPlan that
 * the writers execute (styles, conditional formats, columns, row heights, print setup, chart options).
 */
export type SheetDraft = Omit<SheetPlan, "styles" | "conditionalFormats" | "columns" | "rowHeights" | "print"> & {
  /** Columns (0-based) to hide, e.g. a chart's helper data. */
  hiddenColumns?: number[];
};

export interface SheetPlan {
  key: SheetKey;
  /** Sheet name in the chosen language, already valid for Excel and unique within the plan. */
  name: string;
  /** Cells from A1 down; text is plain text and must never be evaluated as a formula. */
  cells: Cell[][];
  /** An Excel table over rows [0, tableRows) (header + body), if any. */
  table?: { name: string; rows: number; cols: number };
  formats: FormatPlan[];
  /** Ranges that get the three-colour scale (red-yellow-green); resolved into conditionalFormats. */
  colorScales: string[];
  /** Cells flagged (audit); resolved into styles. */
  highlights: string[];
  freeze: { rows: number; cols: number };
  columnWidths?: number[];
  charts: ChartPlan[];
  /** Resolved: cell styles, applied in order (header row, then flags). */
  styles: StylePlan[];
  conditionalFormats: ColorScalePlan[];
  /** Resolved: one entry per column from A (widths and hidden helper columns). */
  columns: ColumnPlan[];
  /** Resolved: row heights in points (a wrapped header row needs room for its lines). */
  rowHeights: { row: number; points: number }[];
  print: PrintPlan;
}

export interface ReportPlan {
  sheets: SheetPlan[];
}
