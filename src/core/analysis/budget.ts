/**
 * The one resource budget of a robustness analysis, used by the command line, the task pane and its
 * worker alike (they all go through analysisTask), and checked before anything is allocated:
 * - pipeline runs (Monte Carlo runs plus the N·(d + 2) runs of the Saltelli design) ≤ MAX_ANALYSIS_RUNS;
 * - run work (runs × units × indicators, roughly the time) ≤ MAX_ANALYSIS_CELL_RUNS;
 * - memory kept across runs (16 bytes per unit and Monte Carlo run for the rank and score
 *   percentiles, 8 bytes per Saltelli run) ≤ MAX_ANALYSIS_BYTES, well inside a browser tab's heap
 *   and V8's typed-array limit.
 * A request over budget is refused with the largest value this data allows.
 */
import { IndexInputError, said } from "../errors";
import { msg, type Message } from "../messages";

export const MAX_ANALYSIS_RUNS = 100_000;
export const MAX_ANALYSIS_CELL_RUNS = 5e8;
export const MAX_ANALYSIS_BYTES = 256 * 2 ** 20;

const UNCERTAINTY_BYTES_PER_UNIT_RUN = 16;
const SALTELLI_BYTES_PER_RUN = 8;

export interface AnalysisSize {
  units: number;
  indicators: number;
  /** Number of uncertain inputs d of the Saltelli design (0 without a sensitivity analysis). */
  sensitivityInputs: number;
}

export interface AnalysisRequest {
  uncertaintyRuns: number;
  sensitivityN: number;
}

/** Memory kept and runs made by a request (before any allocation). */
export function analysisCost(
  size: AnalysisSize,
  request: AnalysisRequest,
): { runs: number; bytes: number; cellRuns: number } {
  const sobolRuns = request.sensitivityN * (size.sensitivityInputs + 2);
  const runs = request.uncertaintyRuns + sobolRuns;
  const bytes =
    request.uncertaintyRuns * (size.units * UNCERTAINTY_BYTES_PER_UNIT_RUN + 8) + sobolRuns * SALTELLI_BYTES_PER_RUN;
  return { runs, bytes, cellRuns: runs * Math.max(1, size.units * size.indicators) };
}

/** The largest number of Monte Carlo runs this data allows next to `sensitivityN`. */
export function maxUncertaintyRuns(size: AnalysisSize, sensitivityN = 0): number {
  const other = analysisCost(size, { uncertaintyRuns: 0, sensitivityN });
  const cells = Math.max(1, size.units * size.indicators);
  return Math.max(
    0,
    Math.min(
      MAX_ANALYSIS_RUNS - other.runs,
      Math.floor((MAX_ANALYSIS_BYTES - other.bytes) / (size.units * UNCERTAINTY_BYTES_PER_UNIT_RUN + 8)),
      Math.floor((MAX_ANALYSIS_CELL_RUNS - other.cellRuns) / cells),
    ),
  );
}

/** The largest Saltelli base size N this data allows next to `uncertaintyRuns`. */
export function maxSensitivityN(size: AnalysisSize, uncertaintyRuns = 0): number {
  const other = analysisCost(size, { uncertaintyRuns, sensitivityN: 0 });
  const perN = size.sensitivityInputs + 2;
  const cells = Math.max(1, size.units * size.indicators);
  return Math.max(
    0,
    Math.min(
      Math.floor((MAX_ANALYSIS_RUNS - other.runs) / perN),
      Math.floor((MAX_ANALYSIS_BYTES - other.bytes) / (perN * SALTELLI_BYTES_PER_RUN)),
      Math.floor((MAX_ANALYSIS_CELL_RUNS - other.cellRuns) / (perN * cells)),
    ),
  );
}

const fmt = (n: number) => n.toLocaleString("en-US");
const mib = (bytes: number) => `${fmt(Math.ceil(bytes / 2 ** 20))} MB`;

/** Throws (table Spec, column uncertainty or sensitivity) when a request is not a whole number ≥ 2 or is over budget. */
export function checkAnalysisBudget(size: AnalysisSize, request: Partial<AnalysisRequest>): void {
  const uncertaintyRuns = request.uncertaintyRuns ?? 0;
  const sensitivityN = request.sensitivityN ?? 0;
  const refuse = (column: "uncertainty" | "sensitivity", text: Message) => {
    throw new IndexInputError([{ table: "Spec", column, severity: "error", ...said(text) }]);
  };
  const why = (runs: number, bytes: number) =>
    msg("budget.why", {
      units: fmt(size.units),
      indicators: fmt(size.indicators),
      runs: fmt(runs),
      maxRuns: fmt(MAX_ANALYSIS_RUNS),
      size: mib(bytes),
      maxSize: mib(MAX_ANALYSIS_BYTES),
    });
  const cost = analysisCost(size, { uncertaintyRuns, sensitivityN });
  if (request.uncertaintyRuns !== undefined) {
    const max = maxUncertaintyRuns(size, sensitivityN);
    if (max < 2)
      refuse(
        "uncertainty",
        msg(sensitivityN ? "budget.uncertaintyTooLargeN" : "budget.uncertaintyTooLarge", {
          why: why(cost.runs, cost.bytes),
        }),
      );
    if (!Number.isInteger(uncertaintyRuns) || uncertaintyRuns < 2 || uncertaintyRuns > max) {
      refuse(
        "uncertainty",
        msg("budget.uncertaintyRuns", { max, got: fmt(uncertaintyRuns), why: why(cost.runs, cost.bytes) }),
      );
    }
  }
  if (request.sensitivityN !== undefined) {
    const max = maxSensitivityN(size, uncertaintyRuns);
    if (max < 2)
      refuse(
        "sensitivity",
        msg(uncertaintyRuns ? "budget.sensitivityTooLargeRuns" : "budget.sensitivityTooLarge", {
          why: why(cost.runs, cost.bytes),
        }),
      );
    if (!Number.isInteger(sensitivityN) || sensitivityN < 2 || sensitivityN > max) {
      refuse(
        "sensitivity",
        msg("budget.sensitivityN", {
          max,
          perN: size.sensitivityInputs + 2,
          got: fmt(sensitivityN),
          why: why(cost.runs, cost.bytes),
        }),
      );
    }
  }
}

/** Steps the audit may take (a minute or two): n·k² for Pearson, ~100 times that for Spearman (it ranks every pair), 10·k³ per PCA. */
export const MAX_AUDIT_WORK = 3e10;
const SPEARMAN_COST = 100;

/**
 * The audit keeps a correlation matrix of all indicators and, per aggregate, Pearson and Spearman
 * matrices of its children, and runs a PCA on them: memory and work grow with the square and the
 * cube of the counts, so 150,000 indicators are refused up front instead of exhausting the heap.
 */
export function checkAuditBudget(units: number, indicators: number, groupSizes: readonly number[]): void {
  const cost = (all: number, groups: readonly number[]) => {
    let cells = all * all;
    let work = units * all * all;
    for (const k of groups) {
      cells += 2 * k * k;
      work += units * k * k * (1 + SPEARMAN_COST) + 10 * k * k * k;
    }
    return { bytes: 8 * cells, work };
  };
  const { bytes, work } = cost(indicators, groupSizes);
  if (bytes <= MAX_ANALYSIS_BYTES && work <= MAX_AUDIT_WORK) return;
  // Largest indicator count that fits when they all sit in one aggregate.
  let max = Math.floor(Math.sqrt(MAX_ANALYSIS_BYTES / 24));
  for (
    let c = cost(max, [max]);
    max > 2 && (c.bytes > MAX_ANALYSIS_BYTES || c.work > MAX_AUDIT_WORK);
    c = cost(max, [max])
  )
    max = Math.floor(max * 0.97);
  throw new IndexInputError([
    {
      table: "Spec",
      column: "audit",
      severity: "error",
      ...said(
        msg("budget.audit", {
          indicators: fmt(indicators),
          units: fmt(units),
          size: mib(bytes),
          maxSize: mib(MAX_ANALYSIS_BYTES),
          work: fmt(work),
          maxWork: fmt(MAX_AUDIT_WORK),
          max: fmt(max),
        }),
      ),
    },
  ]);
}
