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
  | "results" | "scores" | "ranks" | "normalized" | "log" | "dashboard"
  | "audit" | "weights" | "uncertainty" | "sensitivity"
  | "editions" | "trends" | "published";

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
}

export interface FormatPlan {
  range: string;
  numberFormat: string;
}

export interface SheetPlan {
  key: SheetKey;
  /** Preferred sheet name in the chosen language. */
  name: string;
  /** Cells from A1 down; text is plain text and must never be evaluated as a formula. */
  cells: Cell[][];
  /** An Excel table over rows [0, tableRows) (header + body), if any. */
  table?: { name: string; rows: number; cols: number };
  formats: FormatPlan[];
  /** Three-colour scale (red-yellow-green) on these ranges. */
  colorScales: string[];
  /** Cells to highlight as flags (audit). */
  highlights: string[];
  freeze: { rows: number; cols: number };
  columnWidths?: number[];
  charts: ChartPlan[];
}

export interface ReportPlan {
  sheets: SheetPlan[];
}
