/** Editions over time: one Data table holding several editions of the index (a Time column). */
import type { ImputedCell, IndexResult, TreatmentRecord } from "../result";
import type { ColumnSet } from "../types";

/** Where the editions are in the Data table. */
export interface EditionLayout {
  /** 0-based column of Time in the Data table. */
  timeCol: number;
  /** Every Time value present, ascending. */
  times: number[];
  /** Edition (index into times) of each table row; -1 for the header and blank rows. */
  editionOfRow: Int32Array;
}

/** Per-edition logs: COINr runs impute, screen and treat per edition ("coin" of a "purse"). */
export interface EditionLog {
  imputed: ImputedCell[];
  treatment: TreatmentRecord[];
}

/** Attached to the result of data with editions (IndexResult.editions). */
export interface EditionsInfo {
  times: number[];
  /** The edition the result shows (index into times): the latest, or spec.editions.edition. */
  shown: number;
  normalize: "pooled" | "separate";
  /**
   * Every row of every edition, in Data order: units (codes repeat across editions), steps, scores;
   * ranks are within each edition. Its log has every edition's records; `logs` splits them.
   */
  panel: IndexResult;
  /** Edition (index into times) of each panel row. */
  editionOf: Int32Array;
  /** Panel rows of each edition, in Data order. */
  members: Int32Array[];
  /** Panel row of the same unit in the previous edition, -1 when absent or in the first edition. */
  previousRow: Int32Array;
  /** Per aggregate (as panel.ranks.codes), per panel row: previous rank − rank; NaN when either is missing. */
  rankChange: ColumnSet;
  logs: EditionLog[];
}
