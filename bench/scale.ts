/**
 * The add-in adapter at 10,000 units × 1,000 indicators in the Excel fake (which enforces the 5 MB
 * request limit), and Monte Carlo runs at that size, with INDEX_STUDIO_SCALE=1 only: minutes and
 * GBs. The engine and command line targets at that size are in bench/targets.ts.
 *   benchScale(): Promise<{ name, ms, peakMB, maxRequestMB }[]>   (wired into bench/run.ts)
 *   tsx bench/scale.ts adapter | uncertainty                      (a child: prints one JSON line)
 */
import { FULL_SPEC, syntheticTables } from "./synthetic";
import { runNode } from "./targets";

export interface ScaleRow {
  name: string;
  ms: number;
  peakMB?: number;
  maxRequestMB?: number;
}

const UNITS = 10_000;
const INDICATORS = 1_000;

export async function benchScale(): Promise<ScaleRow[]> {
  if (process.env.INDEX_STUDIO_SCALE !== "1") return [];
  const label = `${UNITS.toLocaleString("en-US")}×${INDICATORS.toLocaleString("en-US")}`;
  const adapter = await runNode(["--max-old-space-size=8192", "--import", "tsx", "bench/scale.ts", "adapter"]);
  if (adapter.code !== 0) throw new Error(`scale adapter: ${adapter.stderr}`);
  const uncertainty = await runNode(["--import", "tsx", "bench/scale.ts", "uncertainty"]);
  if (uncertainty.code !== 0) throw new Error(`scale uncertainty: ${uncertainty.stderr}`);
  const perRun = JSON.parse(uncertainty.stdout) as Record<string, number>;
  return [
    {
      name: `scale ${label} add-in adapter in the Excel fake`,
      ...(JSON.parse(adapter.stdout) as { ms: number; maxRequestMB: number }),
      peakMB: adapter.peakMB,
    },
    ...Object.entries(perRun).map(([inputs, ms]) => ({
      name: `scale ${label} one uncertainty run (${inputs}; ${UNCERTAINTY_RUNS} runs)`,
      ms,
      peakMB: uncertainty.peakMB,
    })),
  ];
}

const UNCERTAINTY_RUNS = 20;

/** Child: ms per Monte Carlo run at scale, weights only (the steps before normalization fixed) and default inputs. */
async function childUncertainty(): Promise<void> {
  const { computeIndex } = await import("../src/core/engine");
  const { runAnalysis } = await import("../src/core/analysis");
  const { data, framework } = syntheticTables(UNITS, INDICATORS);
  const result = computeIndex(data, framework, FULL_SPEC);
  const perRun: Record<string, number> = {};
  for (const [label, inputs] of [
    ["weights ±25 %", { weights: { factor: 0.25 } }],
    ["default inputs", undefined],
  ] as const) {
    const t0 = performance.now();
    runAnalysis(result, { uncertainty: { runs: UNCERTAINTY_RUNS, ...(inputs ? { inputs } : {}) }, seed: 1 });
    perRun[label] = Math.round((performance.now() - t0) / UNCERTAINTY_RUNS);
  }
  process.stdout.write(JSON.stringify(perRun));
}

/** Child: Refresh in the Excel fake on a 10,000 × 1,000 workbook. */
async function childAdapter(): Promise<void> {
  const { installFakeOffice, WorkbookModel } = await import("../test/excel/fake-excel");
  const { runIndex } = await import("../src/excel");
  const wb = new WorkbookModel();
  installFakeOffice(globalThis as unknown as Record<string, unknown>, wb);
  const { data, framework } = syntheticTables(UNITS, INDICATORS);
  for (const [name, table] of [
    ["Data", data],
    ["Framework", framework],
  ] as const) {
    const sheet = wb.addSheet(name);
    table.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        if (typeof cell === "string") sheet.setFormat(r, c, "@");
        sheet.enter(r, c, cell);
      }),
    );
  }
  const t0 = performance.now();
  await runIndex({
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
    options: FULL_SPEC,
  });
  const ms = Math.round(performance.now() - t0);
  const largest = Math.max(...wb.requests.map((r) => Math.max(r.requestBytes, r.responseBytes)));
  process.stdout.write(JSON.stringify({ ms, maxRequestMB: Math.round((largest / 2 ** 20) * 100) / 100 }));
}

if (require.main === module) {
  const child = { adapter: childAdapter, uncertainty: childUncertainty }[process.argv[2] ?? ""];
  if (child)
    child().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  else
    benchScale().then(
      (rows) => console.table(rows),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
}
