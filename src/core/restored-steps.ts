/**
 * computeIndex parses the Data into columns of its own, so it imputes them in place: a full copy
 * of the indicator matrix less per run (80 MB at 10,000 × 1,000, and on some machines the first
 * write to new memory costs more than every step's arithmetic). The columns as they were before
 * imputation (steps.raw and steps.denominated) are the imputed ones with the filled cells missing
 * again; they are rebuilt on first read, value for value, and keep sharing arrays as the steps did
 * (an indicator without a denominator has one array for raw and denominated). steps.normalized, when
 * the result keeps no normalized set during the run (pipeline.ts), is built on first read the same way.
 */
import { copyColumn } from "./column-arena";
import type { ImputedCell, IndexResult } from "./result";
import type { ColumnSet } from "./types";

export interface BeforeImputation {
  /** The raw and denominated columns as the steps returned them, before they were filled in place. */
  raw: ColumnSet;
  denominated: ColumnSet;
  unitCodes: readonly string[];
}

/** Makes steps.raw and steps.denominated rebuild themselves from steps.imputed and the log of filled cells on first read. */
export function restoreOnRead(
  steps: IndexResult["steps"],
  before: BeforeImputation,
  imputedCells: readonly ImputedCell[],
): void {
  if (imputedCells.length === 0) return; // nothing was filled: the arrays are as they were
  builtOnRead(steps, ["raw", "denominated"], () => rebuild(before, imputedCells));
}

/**
 * Step sets computed on first read by `build` (once for all `keys`), then plain properties: reading
 * them later costs nothing, and a structured clone (the pane's analysis worker) reads them as values.
 */
export function builtOnRead<K extends keyof IndexResult["steps"]>(
  steps: IndexResult["steps"],
  keys: readonly K[],
  build: () => Record<K, ColumnSet>,
): void {
  let built: Record<K, ColumnSet> | null = null;
  const getters = new Map<K, () => ColumnSet>();
  const plain = (key: K, value: ColumnSet) =>
    Object.defineProperty(steps, key, { value, enumerable: true, writable: true, configurable: true });
  for (const key of keys) {
    const getter = () => {
      built ??= build();
      // A key assigned meanwhile keeps its value.
      for (const k of keys) if (Object.getOwnPropertyDescriptor(steps, k)?.get === getters.get(k)) plain(k, built[k]);
      return built[key];
    };
    getters.set(key, getter);
    // Assignable as the plain object's properties were (a getter alone would throw in strict mode).
    Object.defineProperty(steps, key, { enumerable: true, configurable: true, get: getter, set: (v) => plain(key, v) });
  }
}

function rebuild(
  before: BeforeImputation,
  imputedCells: readonly ImputedCell[],
): { raw: ColumnSet; denominated: ColumnSet } {
  const unitIndex = new Map(before.unitCodes.map((code, i) => [code, i] as const));
  const columnIndex = new Map(before.denominated.codes.map((code, j) => [code, j] as const));
  const denominated = before.denominated.columns.slice();
  const raw = before.raw.columns.slice();
  const copied = new Uint8Array(denominated.length);
  for (const cell of imputedCells) {
    const j = columnIndex.get(cell.indicator)!;
    if (!copied[j]) {
      copied[j] = 1;
      const filled = before.denominated.columns[j]!;
      denominated[j] = copyColumn(filled);
      // Without a denominator, raw and denominated were one array (now filled): they share the copy again.
      if (before.raw.columns[j] === filled) raw[j] = denominated[j]!;
    }
    denominated[j]![unitIndex.get(cell.unit)!] = NaN;
  }
  const denominatedSet = { codes: before.denominated.codes, columns: denominated };
  // Denominating off: the two steps were one set.
  if (before.raw === before.denominated) return { raw: denominatedSet, denominated: denominatedSet };
  return { raw: { codes: before.raw.codes, columns: raw }, denominated: denominatedSet };
}
