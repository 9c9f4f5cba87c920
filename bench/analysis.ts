/** Robustness analysis benchmarks (wired into npm run bench by bench/run.ts): uncertainty runs per second and Sobol runs. */
import { computeIndex, settingsToSpecInput } from "../src/core/engine";
import { runAnalysis, type AnalysisOptions } from "../src/core/analysis";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../src/core/sample";
import { asemTables } from "../test/helpers/conformance";

export interface AnalysisBenchRow {
  name: string;
  ms: number;
  runsPerSecond?: number;
}

export function benchAnalysis(): AnalysisBenchRow[] {
  const sample = computeIndex(ieciDataTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  const asem = (() => {
    const t = asemTables();
    return computeIndex(t.data, t.meta);
  })();
  const rows: AnalysisBenchRow[] = [];
  const time = (name: string, result: typeof sample, options: AnalysisOptions, runs: number) => {
    runAnalysis(result, shrink(options)); // warm-up (JIT) on a few runs
    const t0 = performance.now();
    runAnalysis(result, options);
    const ms = performance.now() - t0;
    rows.push({ name, ms, ...(runs > 0 ? { runsPerSecond: (runs / ms) * 1000 } : {}) });
  };
  time("analysis sample 37×25: audit", sample, { audit: true }, 0);
  time(
    "analysis sample 37×25: 1,000 uncertainty runs (default inputs)",
    sample,
    { uncertainty: { runs: 1000 }, seed: 1 },
    1000,
  );
  time(
    "analysis sample 37×25: 1,000 uncertainty runs (weights only)",
    sample,
    { uncertainty: { runs: 1000, inputs: { weights: { factor: 0.25 } } }, seed: 1 },
    1000,
  );
  // Default inputs on the sample: weights at levels 1-3, normalization, aggregation = 5 inputs → N·7 runs.
  time(
    "analysis sample 37×25: Sobol 5 inputs N = 1,000 (7,000 runs)",
    sample,
    { sensitivity: { n: 1000 }, seed: 1 },
    7000,
  );
  time(
    "analysis ASEM 51×49: 1,000 uncertainty runs (COINr: 100 runs in 10.2 s)",
    asem,
    { uncertainty: { runs: 1000 }, seed: 1 },
    1000,
  );
  return rows;
}

function shrink(options: AnalysisOptions): AnalysisOptions {
  return {
    ...options,
    ...(options.uncertainty ? { uncertainty: { ...options.uncertainty, runs: 20 } } : {}),
    ...(options.sensitivity ? { sensitivity: { ...options.sensitivity, n: 5, bootstrap: 10 } } : {}),
  };
}

if (process.argv[1]?.endsWith("analysis.ts")) {
  for (const row of benchAnalysis())
    console.log(
      `${row.name.padEnd(78)} ${row.ms.toFixed(1).padStart(9)} ms ${row.runsPerSecond ? `${row.runsPerSecond.toFixed(0)} runs/s` : ""}`,
    );
}
