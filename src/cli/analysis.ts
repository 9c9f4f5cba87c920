/** The command line's robustness analysis: --audit --uncertainty N --sensitivity N --seed S. */
import type { Language } from "../core/engine";
import { msg, render, type Message } from "../core/engine";
import { runAnalysis, type AnalysisOptions, type AnalysisResult } from "../core/analysis";
import { analysisFindings } from "../core/analysis";
import { IndexComputeError, IndexInputError, type IndexResult } from "../core/engine";
import { parseUncertainInputs } from "../core/analysis";
import { readSpecFile } from "./spec-input";

export interface AnalysisArgs {
  audit: boolean;
  /** Monte Carlo runs. */
  uncertainty?: number;
  /** Saltelli base sample size N (N·(d + 2) runs). */
  sensitivity?: number;
  seed?: number;
  /** JSON file of the uncertain inputs (default: weights ±25 % per level, minmax|zscore|rank, arithmetic|geometric). */
  inputs?: string;
}

export const ANALYSIS_USAGE = `  --audit                  add the statistical audit (indicator statistics, correlations, alpha, PCA)
  --uncertainty <N>        N Monte Carlo runs (weights ±25 % per level, minmax|zscore|rank, arithmetic|geometric)
  --sensitivity <N>        Sobol indices from a Saltelli design of base size N (N·(inputs + 2) runs)
                           (both within one budget: 100,000 runs in all, fewer for large data; the message says how many)
  --seed <S>               seed of the random draws (default 1; the same seed gives the same numbers)
  --inputs <inputs.json>   what is uncertain, e.g. {"weights": {"factor": 0.25}, "weightSets": ["framework", "equal", "pca"],
                           "normalize": ["minmax", "rank"], "aggregate": ["arithmetic", "geometric"],
                           "impute": ["mean", "median"], "winsorize": {"min": 1, "max": 5}}`;

export function analysisRequested(args: AnalysisArgs | undefined): args is AnalysisArgs {
  return !!args && (args.audit || args.uncertainty !== undefined || args.sensitivity !== undefined);
}

export async function runCliAnalysis(
  result: IndexResult,
  args: AnalysisArgs | undefined,
): Promise<AnalysisResult | undefined> {
  if (!analysisRequested(args)) return undefined;
  const inputs = args.inputs ? parseUncertainInputs(await readSpecFile(args.inputs)) : undefined;
  const options: AnalysisOptions = { seed: args.seed ?? 1 };
  if (args.audit) options.audit = true;
  if (args.uncertainty !== undefined) options.uncertainty = { runs: args.uncertainty, ...(inputs ? { inputs } : {}) };
  if (args.sensitivity !== undefined) options.sensitivity = { n: args.sensitivity, ...(inputs ? { inputs } : {}) };
  try {
    return runAnalysis(result, options);
  } catch (error) {
    // An over-budget request names its flag, not the spec file.
    const issue = error instanceof IndexInputError ? error.issues[0] : undefined;
    if (
      issue &&
      (issue.column === "uncertainty" || issue.column === "sensitivity" || issue.column === "audit") &&
      error instanceof IndexInputError &&
      error.issues.length === 1
    ) {
      const value =
        issue.column === "uncertainty"
          ? ` ${args.uncertainty}`
          : issue.column === "sensitivity"
            ? ` ${args.sensitivity}`
            : "";
      throw new IndexComputeError(`--${issue.column}${value}: ${issue.message}`);
    }
    throw error;
  }
}

/** Adds the analysis to the result JSON (typed arrays as arrays; NaN becomes null through JSON.stringify). */
export function withAnalysisJson(resultJsonText: string, analysis: AnalysisResult | undefined): string {
  if (!analysis) return resultJsonText;
  const document = JSON.parse(resultJsonText) as Record<string, unknown>;
  document.analysis = JSON.parse(
    JSON.stringify(analysis, (_key, value: unknown) =>
      ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value,
    ),
  );
  return JSON.stringify(document, null, 2) + "\n";
}

/** A few lines for the terminal. */
export function analysisSummary(analysis: AnalysisResult, language: Language = "en"): string {
  const lines: string[] = [];
  const say = (text: Message) => lines.push(render(language, text));
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : render(language, msg("cli.notAvailable")));
  const found = analysisFindings(analysis, 1); // the same findings as the task pane's card
  if (found.audit) say(msg("cli.audit", found.audit));
  if (analysis.uncertainty) {
    const u = analysis.uncertainty;
    const widest = found.widest[0];
    lines.push(
      render(
        language,
        msg("cli.uncertainty", { runs: u.runs, seed: u.seed, shift: (found.meanRankShift ?? NaN).toFixed(2) }),
      ) +
        (widest
          ? render(language, msg("cli.widest", { name: widest.name, low: widest.rankLow, high: widest.rankHigh }))
          : ""),
    );
  }
  if (analysis.sensitivity) {
    const s = analysis.sensitivity;
    const parts = s.indices.map((i) => `${i.input} S=${fmt(i.first)} ST=${fmt(i.total)}`);
    lines.push(
      render(language, msg("cli.sensitivity", { n: s.n, runs: s.runs, parts })) +
        (found.mattersMost ? render(language, msg("cli.mattersMost", { input: found.mattersMost.input })) : ""),
    );
  }
  return lines.join("\n");
}
