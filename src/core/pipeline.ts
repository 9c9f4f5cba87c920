/** The whole pipeline: denominate → impute → screen → treat → normalize → aggregate → rank. */
import { IndexComputeError, IndexInputError, said, type ValidationIssue } from "./errors";
import { msg } from "./messages";
import { parseData } from "./data";
import { parseFramework } from "./framework";
import { computeEditionsIndex, detectEditions } from "./editions";
import type { ExcludedUnit, ImputedCell, IndexResult, IndicatorMethod, TreatmentRecord } from "./result";
import { describeNormalize, describeTreat, parseSpec, type IndexSpec } from "./spec";
import { stepWarnings } from "./step-warnings";
import { aggregate, type BelowCoverage } from "./steps/aggregate";
import { denominate } from "./steps/denominate";
import { impute } from "./steps/impute";
import { normalize, normalizedPerNode, normalizeMethodOf, ValueError } from "./steps/normalize";
import { rankDescending } from "./steps/rank";
import { screen, screenShares } from "./steps/screen";
import { builtOnRead, restoreOnRead } from "./restored-steps";
import { treat, treatMethodOf } from "./steps/treat";
import type { ColumnSet, DataSet, Framework, Table } from "./types";
import { effectiveWeights, weightsInForce } from "./weights-in-force";
import { withColumnArena } from "./column-arena";

/** Parses and validates the tables and the spec, then runs the pipeline. */
export function computeIndex(data: Table, framework: Table, spec?: unknown): IndexResult {
  const parsedSpec = parseSpec(spec);
  const { framework: fw, warnings: frameworkWarnings } = parseFramework(framework);
  const editions = detectEditions(data);
  if (editions) return computeEditionsIndex(data, editions, fw, parsedSpec, frameworkWarnings);
  const { result, dataWarnings } = withColumnArena(keptDoubles(data.length - 1, fw, parsedSpec, true, false), () => {
    const { dataset, warnings: dataWarnings } = parseData(data, fw);
    try {
      // The parsed columns are this call's own: imputation may fill them in place (restored-steps.ts).
      return { result: steps(dataset, fw, parsedSpec, {}, true), dataWarnings };
    } catch (error) {
      // Keep the per-cell hints ("1,5" is not a number…) that explain a failure such as "x2 has no values".
      if (error instanceof IndexComputeError && error.related.length === 0)
        error.related = [...frameworkWarnings, ...dataWarnings];
      throw error;
    }
  });
  result.warnings = [...frameworkWarnings, ...dataWarnings, ...stepWarnings(data, result), ...result.warnings];
  return result;
}

/** Steps that editions (src/core/editions) run per edition or across editions; the others are per unit. */
export interface PipelineHooks {
  impute?: (set: ColumnSet) => { set: ColumnSet; imputed: ImputedCell[] };
  treat?: (set: ColumnSet) => { set: ColumnSet; records: TreatmentRecord[] };
  normalize?: (set: ColumnSet) => ColumnSet;
  rank?: (scores: Float64Array) => Float64Array;
}

/** Runs the pipeline on parsed inputs (no parsing: for repeated runs such as Monte Carlo). */
export function runPipeline(
  dataset: DataSet,
  framework: Framework,
  spec: IndexSpec,
  hooks: PipelineHooks = {},
): IndexResult {
  return withColumnArena(keptDoubles(dataset.units.codes.length, framework, spec, false, !!hooks.normalize), () =>
    steps(dataset, framework, spec, hooks),
  );
}

/**
 * About how many doubles a run keeps in its step columns (column-arena.ts): raw values with the
 * denominators when parsing, the denominated columns, then imputed (in place when parsing),
 * treated (about half the indicators fail the skew/kurtosis test on skewed data), normalized only
 * from a hook (else built on first read, after the run), and the aggregates' scores.
 */
function keptDoubles(
  units: number,
  framework: Framework,
  spec: IndexSpec,
  withRaw: boolean,
  keepsNormalized: boolean,
): number {
  const k = framework.indicators.length;
  let columns = withRaw ? k + framework.denominators.length : 0;
  if (spec.denominate) columns += framework.indicators.filter((node) => node.denominator).length;
  if (spec.impute.method !== "none" && !withRaw) columns += k; // computeIndex imputes its own columns in place
  if (spec.treat.method !== "none") columns += k / 2;
  if (keepsNormalized) columns += k;
  return Math.max(0, units) * (columns + framework.aggregates.length);
}

function steps(
  dataset: DataSet,
  framework: Framework,
  spec: IndexSpec,
  hooks: PipelineHooks,
  ownsColumns = false,
): IndexResult {
  const { units } = dataset;
  const warnings: ValidationIssue[] = [];
  const weights = weightsInForce(framework, spec.weights);
  const raw = dataset.indicators;
  checkSpecCodes(spec, framework);
  const denominated = spec.denominate ? denominate(dataset, framework) : raw;
  // Shares on the raw basis are measured before imputation, which may fill these very columns.
  const n = units.codes.length;
  const rawShares = spec.screen?.basis === "imputed" ? null : screenShares(denominated, n, spec.screen);
  const inPlace = ownsColumns && !hooks.impute;
  const { set: imputed, imputed: imputedCells } = hooks.impute
    ? hooks.impute(denominated)
    : impute(denominated, units, spec.impute, inPlace);
  const shares = rawShares ?? screenShares(imputed, n, spec.screen);
  const { set: screened, included, excluded, forced, coverage } = screen(imputed, units, shares, spec.screen);
  if (excluded.length === units.codes.length) throw everyUnitExcluded(spec, coverage, excluded);
  const { set: treated, records } = hooks.treat
    ? hooks.treat(screened)
    : treat(screened, spec.treat, units.codes, framework.indicators);
  // Without a hook, each indicator is normalized under its parent into a recycled buffer and the set
  // is built on first read (restored-steps.ts): same function, same input, the same values.
  const normalized = hooks.normalize ? atCell(units, () => hooks.normalize!(treated)) : null;
  const indicators = normalized ?? normalizedPerNode(treated, framework, spec.normalize);
  const { belowCoverage, ...scores } = atCell(units, () => {
    try {
      return aggregate(indicators, framework, spec.aggregate, weights, units.codes, included);
    } catch (error) {
      // Per node, an earlier node's error can precede a later indicator's normalization error: report
      // the one the set-level order gives (every indicator, in Framework order, before any aggregation).
      if (!normalized) normalize(treated, framework, spec.normalize);
      throw error;
    }
  });
  const ranks = { codes: scores.codes, columns: scores.columns.map((c) => (hooks.rank ?? rankDescending)(c)) };
  warnUnscored(scores.columns[scores.columns.length - 1], framework.root, units, included, warnings, belowCoverage);
  const kept = { raw, denominated, imputed, screened, treated, normalized: normalized ?? treated };
  if (!normalized)
    builtOnRead(kept, ["normalized"], () => ({ normalized: normalize(treated, framework, spec.normalize) }));
  if (inPlace) restoreOnRead(kept, { raw, denominated, unitCodes: units.codes }, imputedCells);
  return {
    spec,
    framework,
    units,
    included,
    steps: kept,
    scores,
    ranks,
    effectiveWeights: effectiveWeights(framework, weights),
    weights,
    log: {
      imputed: imputedCells,
      excluded,
      forced,
      coverage,
      treatment: records,
      methods: indicatorMethods(framework, spec),
      belowCoverage,
    },
    warnings,
  };
}

/** An included unit without an index score is shown with an empty cell: say why, so it is never a silent blank. */
function warnUnscored(
  index: Float64Array | undefined,
  root: string,
  units: DataSet["units"],
  included: Uint8Array,
  warnings: ValidationIssue[],
  belowCoverage: BelowCoverage[],
): void {
  if (!index) return;
  const thresholded = new Map<string, BelowCoverage>();
  for (const b of belowCoverage) if (!thresholded.has(b.unit)) thresholded.set(b.unit, b);
  let count = 0;
  for (let u = 0; u < index.length; u++) {
    if (index[u] === index[u] || included[u] !== 1) continue;
    if (count++ < 20) {
      const b = thresholded.get(units.codes[u]!);
      const why = b
        ? msg("warn.belowCoverage", { aggregate: b.aggregate, share: pct(b.share), min: pct(b.minCoverage) })
        : msg("warn.allMissing");
      warnings.push({
        table: "Data",
        severity: "warning",
        row: units.rows[u]!,
        ...said(msg("warn.noScore", { unit: units.codes[u]!, root, why })),
      });
    }
  }
  if (count > 20)
    warnings.push({
      table: "Data",
      severity: "warning",
      ...said(msg(belowCoverage.length ? "warn.moreNoScoreCoverage" : "warn.moreNoScore", { count: count - 20, root })),
    });
  // Scores below the index left missing by the threshold are listed in the log; say how many here.
  const lower = belowCoverage.filter((b) => b.aggregate !== root).length;
  if (lower > 0)
    warnings.push({
      table: "Spec",
      column: "aggregate.minCoverage",
      severity: "warning",
      ...said(msg(lower > 1 ? "warn.aggregatesMissing" : "warn.aggregateMissing", { count: lower })),
    });
}

const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

/** Going on would fail in normalize with "no values", which points at the data, not the setting. */
function everyUnitExcluded(spec: IndexSpec, coverage: Float64Array, excluded: ExcludedUnit[]): IndexComputeError {
  if (excluded.every((e) => e.reason === "coverage")) {
    let best = 0;
    for (const c of coverage) if (c > best) best = c;
    return new IndexComputeError(
      msg("compute.screenedAll", { min: String(spec.screen!.minCoverage), best: Math.round(best * 1000) / 1000 }),
    );
  }
  const by = (reason: ExcludedUnit["reason"]) => excluded.filter((e) => e.reason === reason).length;
  return new IndexComputeError(
    msg("compute.screenedAllWhy", { coverage: by("coverage"), nonzero: by("nonzero"), forced: by("forced") }),
  );
}

/** Codes named by the spec must be the Framework's, or a typo would silently change nothing. */
function checkSpecCodes(spec: IndexSpec, framework: Framework): void {
  const issues: ValidationIssue[] = [];
  for (const step of ["normalize", "treat"] as const) {
    for (const code of Object.keys(spec[step].byIndicator ?? {})) {
      const node = framework.byCode.get(code);
      if (node?.kind === "indicator") continue;
      issues.push({
        table: "Spec",
        column: `${step}.byIndicator.${code}`,
        severity: "error",
        ...said(
          node
            ? msg("spec.byIndicatorAggregate", { code, step })
            : msg("spec.byIndicatorUnknown", { code: code.slice(0, 60), step }),
        ),
      });
    }
  }
  if (issues.length) throw new IndexInputError(issues);
}

/** A problem with one value (ValueError) becomes an issue naming its Data cell. */
function atCell<T>(units: DataSet["units"], fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ValueError)) throw error;
    const row = units.rows[error.unitIndex];
    const col = units.columnOf?.get(error.indicator);
    if (row === undefined) throw error;
    const text = msg("compute.unit", { unit: units.codes[error.unitIndex]!, message: error.text ?? error.message });
    throw new IndexInputError([
      {
        table: "Data",
        row,
        ...(col !== undefined ? { col } : {}),
        column: error.indicator,
        severity: "error",
        ...said(text),
      },
    ]);
  }
}

/** The log of the method each indicator got (COINr indiv_specs). */
function indicatorMethods(framework: Framework, spec: IndexSpec): IndicatorMethod[] {
  return framework.indicators.map((node) => {
    const n = normalizeMethodOf(node, spec.normalize);
    const t = treatMethodOf(node, spec.treat);
    return {
      indicator: node.code,
      normalize: describeNormalize(n.spec),
      normalizeSource: n.source,
      treat: describeTreat(t.spec),
      treatSource: t.source,
    };
  });
}
