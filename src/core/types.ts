/**
 * Shared shapes of the engine. Numbers live in column-major Float64Arrays (one per indicator or
 * aggregate, one slot per unit); NaN marks a missing value inside the engine and never leaves it
 * silently: writers turn it into an empty cell.
 */

import type { NormalizeSpec, TreatOverride } from "./spec";

/** One cell as Excel's Range.values or a parsed CSV gives it. */
export type Cell = number | string | boolean | null | undefined;
/** A table with its header row first. */
export type Table = readonly (readonly Cell[])[];

export type Direction = 1 | -1;

/** Where an indicator's own method comes from: the spec's byIndicator, the Framework column, or the global setting. */
export type MethodSource = "spec" | "framework" | "global";

export interface IndicatorNode {
  kind: "indicator";
  code: string;
  name: string;
  level: 1;
  parent: string;
  weight: number;
  direction: Direction;
  /** Code of the Data column that divides this indicator when denominating. */
  denominator?: string;
  unit?: string;
  target?: number;
  goalLow?: number;
  goalHigh?: number;
  /** COINr ScaleFactor: denominating divides by (denominator / scaleFactor), e.g. 1000 = per 1,000 people. */
  scaleFactor?: number;
  /** The Framework's Normalize and Treat cells (COINr indiv_specs), validated as the spec's blocks. */
  normalize?: NormalizeSpec;
  treat?: TreatOverride;
  /** 0-based row of this node in the Framework table (header = row 0). */
  row: number;
}

export interface AggregateNode {
  kind: "aggregate";
  code: string;
  name: string;
  /** 1 + the highest level among its children (indicators are level 1). */
  level: number;
  /** null for the index itself (the single top node). */
  parent: string | null;
  weight: number;
  children: string[];
  row: number;
}

export type FrameworkNode = IndicatorNode | AggregateNode;

export interface Framework {
  /** Indicators in Framework order. */
  indicators: IndicatorNode[];
  /** Aggregates ordered bottom-up (by level, then Framework order); the last one is the root. */
  aggregates: AggregateNode[];
  root: string;
  maxLevel: number;
  /** Codes declared with Type Group / Denominator. */
  groups: string[];
  denominators: string[];
  byCode: Map<string, FrameworkNode>;
}

/** Named numeric columns over the same units. */
export interface ColumnSet {
  codes: string[];
  columns: Float64Array[];
}

export interface Units {
  codes: string[];
  names: string[];
  /** Group columns of Data (text labels; null = no group). */
  groups: Map<string, (string | null)[]>;
  /** Denominator columns of Data (NaN = missing). */
  denominators: Map<string, Float64Array>;
  /** 0-based row of each unit in the Data table (header = row 0). */
  rows: number[];
  /** 0-based Data column of each indicator code, so that a problem with one value names its cell. */
  columnOf?: Map<string, number>;
}

export interface DataSet {
  units: Units;
  /** Indicator columns in Framework indicator order. */
  indicators: ColumnSet;
}
