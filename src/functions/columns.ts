/** The column-wise custom functions: NORMALIZE, RANK, SCORE, WINSORIZE. Thin layers over src/core/steps. */
import {
  parseSpec,
  type NormalizeSpec,
  type WinsorizeSpec,
  AGGREGATE_REGISTRY,
  NORMALIZE_REGISTRY,
  methodKeys,
  aggregateOneSchema,
  type NormalizeEntry,
  normalizeColumn,
  ValueError,
  IndexComputeError,
  aggregateColumns,
  rankAscending,
  rankDescending,
  winsorizeColumn,
} from "../core/engine";
import {
  asMatrix,
  asVector,
  columnsOf,
  isOmitted,
  numberOf,
  oneOf,
  optionFlag,
  optionNumber,
  optionText,
  rowsOf,
  type OutCell,
} from "./cells";
import { ArgumentError } from "./errors";

const normalizeEntries = Object.entries(NORMALIZE_REGISTRY) as [string, NormalizeEntry][];
/** Normalizations that need nothing but the column (dist2target and goalposts need Framework columns). */
export const COLUMN_NORMALIZE_METHODS: readonly string[] = normalizeEntries
  .filter(([, e]) => !e.frameworkColumns && !e.identity)
  .map(([name]) => name);
/** Normalizations that read Framework columns: named, with a pointer to IDX.INDEX. */
export const FRAMEWORK_NORMALIZE_METHODS: readonly string[] = normalizeEntries
  .filter(([, e]) => e.frameworkColumns)
  .map(([name]) => name);
/** IDX.SCORE's "data already normalized" choices (none). */
export const IDENTITY_NORMALIZE_METHODS: readonly string[] = normalizeEntries
  .filter(([, e]) => e.identity)
  .map(([name]) => name);
/** IDX.SCORE has no parameter cells, so it offers the means that take none (power needs p). */
export const SCORE_AGGREGATE_METHODS: readonly string[] = Object.entries(AGGREGATE_REGISTRY)
  .filter(([, e]) => methodKeys(e.schema).length === 1)
  .map(([name]) => name);

export function normalizeSpecOf(methodArg: unknown, lowArg: unknown, highArg: unknown): NormalizeSpec {
  const text = optionText(methodArg, "minmax", "method");
  if (FRAMEWORK_NORMALIZE_METHODS.includes(text)) {
    throw new ArgumentError(
      `${text} needs each indicator's Target or goalposts from a Framework: use IDX.INDEX with settings normalize.method = ${text}`,
    );
  }
  const method = oneOf(text, COLUMN_NORMALIZE_METHODS, "normalization method");
  const low = optionNumber(lowArg, undefined, "low");
  const high = optionNumber(highArg, undefined, "high");
  if (method !== "minmax") {
    if (low !== undefined || high !== undefined)
      throw new ArgumentError(`low and high apply to minmax only; leave them empty for ${method}`);
    return parseSpec({ normalize: { method } }).normalize;
  }
  const range = { low: low ?? 0, high: high ?? 100 };
  if (!(range.high > range.low))
    throw new ArgumentError(`high (${range.high}) must be greater than low (${range.low})`);
  return { method: "minmax", ...range };
}

const columnName = (c: number) => `column ${c + 1}`;
const rowNames = (height: number) => Array.from({ length: height }, (_, r) => `row ${r + 1}`);

/** Each column normalized over its own numbers; non-numbers stay blank. */
export function normalizeRange(values: unknown, method: unknown, low: unknown, high: unknown): OutCell[][] {
  const rows = asMatrix(values, "values");
  const spec = normalizeSpecOf(method, low, high);
  const out = columnsOf(rows).map((column, c) => {
    try {
      return normalizeColumn(column, spec, { code: columnName(c), direction: 1 });
    } catch (error) {
      // A problem with one value (fracmax over 0) names its row of the range.
      if (error instanceof ValueError) throw new IndexComputeError(`row ${error.unitIndex + 1}, ${error.message}`);
      throw error;
    }
  });
  return rowsOf(out, rows.length);
}

/** Competition ranks against every number of the range, as RANK.EQ(x, range, order). */
export function rankRange(scores: unknown, ascending: unknown): OutCell[][] {
  const rows = asMatrix(scores, "scores");
  const up = optionFlag(ascending, false, "ascending");
  const width = rows[0]!.length;
  const flat = new Float64Array(rows.length * width);
  rows.forEach((row, r) => row.forEach((cell, c) => (flat[r * width + c] = numberOf(cell))));
  const ranks = up ? rankAscending(flat) : rankDescending(flat);
  return rows.map((row, r) =>
    row.map((_, c) => {
      const v = ranks[r * width + c]!;
      return v === v ? v : "";
    }),
  );
}

/** One composite score per row: directions, then normalization per column, then a weighted mean across the row. */
export function scoreRows(
  data: unknown,
  weightsArg: unknown,
  directionsArg: unknown,
  normalizeArg: unknown,
  aggregateArg: unknown,
): OutCell[][] {
  const rows = asMatrix(data, "data");
  const width = rows[0]!.length;
  const weights = asVector(weightsArg, "weights").map((cell, c) => {
    const w = numberOf(cell);
    if (!(w >= 0)) throw new ArgumentError(`weight ${c + 1} must be a number >= 0, not ${JSON.stringify(cell ?? "")}`);
    return w;
  });
  if (weights.length !== width)
    throw new ArgumentError(
      `weights has ${weights.length} cells but data has ${width} columns: give one weight per column`,
    );
  if (!weights.some((w) => w > 0))
    throw new ArgumentError("every weight is 0: give at least one column a positive weight");
  const directions = isOmitted(directionsArg)
    ? weights.map(() => 1 as const)
    : asVector(directionsArg, "directions").map((cell, c) => {
        if (cell === null || cell === undefined || cell === "") return 1 as const;
        if (cell === 1 || cell === -1) return cell;
        throw new ArgumentError(
          `direction ${c + 1} must be 1 (higher is better) or -1 (lower is better), not ${JSON.stringify(cell)}`,
        );
      });
  if (directions.length !== width)
    throw new ArgumentError(
      `directions has ${directions.length} cells but data has ${width} columns: give one direction per column`,
    );
  const aggregate = oneOf(
    optionText(aggregateArg, "arithmetic", "aggregate"),
    SCORE_AGGREGATE_METHODS,
    "aggregation method",
  );
  const normalizeText = optionText(normalizeArg, "minmax", "normalize");
  const skipNormalize = IDENTITY_NORMALIZE_METHODS.includes(normalizeText);
  const known = [...COLUMN_NORMALIZE_METHODS, ...FRAMEWORK_NORMALIZE_METHODS]; // the Framework ones get their own message below
  if (!skipNormalize && !known.includes(normalizeText)) {
    throw new ArgumentError(
      `unknown normalization method "${normalizeText}"; use one of: ${COLUMN_NORMALIZE_METHODS.join(", ")}, or ${IDENTITY_NORMALIZE_METHODS.join(" or ")} for data already normalized`,
    );
  }
  const spec = skipNormalize ? null : normalizeSpecOf(normalizeArg, undefined, undefined);
  const children = columnsOf(rows).map((column, c) => {
    const directed = directions[c] === 1 ? column : column.map((v) => -v);
    return spec ? normalizeColumn(directed, spec, { code: columnName(c), direction: 1 }) : directed;
  });
  if (aggregate !== "arithmetic") requirePositive(children, aggregate, skipNormalize);
  const scores = aggregateColumns(
    children,
    weights,
    aggregateOneSchema.parse(aggregate),
    "the score",
    rowNames(rows.length),
  );
  return rowsOf([scores], rows.length);
}

/** Geometric and harmonic means need values > 0; say which cell fails and how to get there. */
function requirePositive(children: readonly Float64Array[], aggregate: string, skipNormalize: boolean): void {
  children.forEach((column, c) => {
    const r = column.findIndex((v) => v <= 0);
    if (r < 0) return;
    const where = `row ${r + 1}, column ${c + 1} is ${column[r]}${skipNormalize ? "" : " after normalization"}`;
    throw new ArgumentError(
      `the ${aggregate} mean needs values > 0, but ${where}. Normalize to 1-100 first: ` +
        `IDX.SCORE(IDX.NORMALIZE(data,"minmax",1,100), weights, , "none", "${aggregate}")`,
    );
  });
}

export function winsorizeSpecOf(winmax: unknown, skewThreshold: unknown, kurtThreshold: unknown): WinsorizeSpec {
  const treat: Record<string, unknown> = { method: "winsorize" };
  const w = optionNumber(winmax, undefined, "winmax");
  const s = optionNumber(skewThreshold, undefined, "skewThreshold");
  const k = optionNumber(kurtThreshold, undefined, "kurtThreshold");
  if (w !== undefined) {
    if (!Number.isInteger(w) || w < 0)
      throw new ArgumentError(`winmax must be a whole number >= 0 (the most points to move), not ${w}`);
    treat.winmax = w;
  }
  if (s !== undefined) {
    if (!(s > 0)) throw new ArgumentError(`skewThreshold must be > 0, not ${s}`);
    treat.skewThreshold = s;
  }
  if (k !== undefined) treat.kurtThreshold = k;
  const spec = parseSpec({ treat }).treat;
  if (spec.method !== "winsorize") throw new ArgumentError("internal: winsorize spec expected");
  return spec;
}

/** Each column through COINr's outlier treatment (winsorization, log fallback). */
export function winsorizeRange(
  values: unknown,
  winmax: unknown,
  skewThreshold: unknown,
  kurtThreshold: unknown,
): OutCell[][] {
  const rows = asMatrix(values, "values");
  const spec = winsorizeSpecOf(winmax, skewThreshold, kurtThreshold);
  const names = rowNames(rows.length);
  const out = columnsOf(rows).map((column, c) => winsorizeColumn(column, spec, columnName(c), names).values);
  return rowsOf(out, rows.length);
}
