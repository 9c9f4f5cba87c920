/** The whole pipeline: denominate → impute → screen → treat → normalize → aggregate → rank. */
import { IndexComputeError, type ValidationIssue } from "./errors";
import { parseData } from "./data";
import { parseFramework } from "./framework";
import type { IndexResult } from "./result";
import { parseSpec, type IndexSpec } from "./spec";
import { stepWarnings } from "./step-warnings";
import { aggregate } from "./steps/aggregate";
import { denominate } from "./steps/denominate";
import { impute } from "./steps/impute";
import { normalize } from "./steps/normalize";
import { rankDescending } from "./steps/rank";
import { coverageOf, screen } from "./steps/screen";
import { treat } from "./steps/treat";
import type { DataSet, Framework, Table } from "./types";
import { effectiveWeights, weightsInForce } from "./weights-in-force";

/** Parses and validates the tables and the spec, then runs the pipeline. */
export function computeIndex(data: Table, framework: Table, spec?: unknown): IndexResult {
  const parsedSpec = parseSpec(spec);
  const { framework: fw, warnings: frameworkWarnings } = parseFramework(framework);
  const { dataset, warnings: dataWarnings } = parseData(data, fw);
  let result: IndexResult;
  try {
    result = runPipeline(dataset, fw, parsedSpec);
  } catch (error) {
    // Keep the per-cell hints ("1,5" is not a number…) that explain a failure such as "x2 has no values".
    if (error instanceof IndexComputeError && error.related.length === 0) error.related = [...frameworkWarnings, ...dataWarnings];
    throw error;
  }
  result.warnings = [...frameworkWarnings, ...dataWarnings, ...stepWarnings(data, result), ...result.warnings];
  return result;
}

/** Runs the pipeline on parsed inputs (no parsing: for repeated runs such as Monte Carlo). */
export function runPipeline(dataset: DataSet, framework: Framework, spec: IndexSpec): IndexResult {
  const { units } = dataset;
  const warnings: ValidationIssue[] = [];
  const weights = weightsInForce(framework, spec.weights);
  const raw = dataset.indicators;
  const denominated = spec.denominate ? denominate(dataset, framework) : raw;
  const coverage = coverageOf(denominated, units.codes.length);
  const { set: imputed, imputed: imputedCells } = impute(denominated, units, spec.impute);
  const { set: screened, included, excluded } = screen(imputed, units, coverage, spec.screen?.minCoverage ?? null);
  if (excluded.length === units.codes.length) {
    // Going on would fail in normalize with "no values", which points at the data, not the setting.
    let best = 0;
    for (const c of coverage) if (c > best) best = c;
    throw new IndexComputeError(`Screening excluded every unit: minimum coverage ${spec.screen!.minCoverage}, best unit coverage ${Math.round(best * 1000) / 1000}; lower screen.minCoverage.`);
  }
  const { set: treated, records } = treat(screened, spec.treat, units.codes);
  const normalized = normalize(treated, framework, spec.normalize);
  const scores = aggregate(normalized, framework, spec.aggregate, weights, units.codes);
  const ranks = { codes: scores.codes, columns: scores.columns.map((c) => rankDescending(c)) };
  warnUnscored(scores.columns[scores.columns.length - 1], framework.root, units, included, warnings);
  return {
    spec,
    framework,
    units,
    included,
    steps: { raw, denominated, imputed, screened, treated, normalized },
    scores,
    ranks,
    effectiveWeights: effectiveWeights(framework, weights),
    weights,
    log: { imputed: imputedCells, excluded, coverage, treatment: records },
    warnings,
  };
}

/** An included unit without an index score is shown with an empty cell: say why, so it is never a silent blank. */
function warnUnscored(index: Float64Array | undefined, root: string, units: DataSet["units"], included: Uint8Array, warnings: ValidationIssue[]): void {
  if (!index) return;
  let count = 0;
  for (let u = 0; u < index.length; u++) {
    if (index[u] === index[u] || included[u] !== 1) continue;
    if (count++ < 20) {
      warnings.push({ table: "Data", severity: "warning", row: units.rows[u]!, message: `unit ${units.codes[u]} has no ${root} score: every indicator that counts toward it is missing; fill its values or delete the row` });
    }
  }
  if (count > 20) warnings.push({ table: "Data", severity: "warning", message: `${count - 20} more units have no ${root} score (all their values are missing)` });
}
