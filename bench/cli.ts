/**
 * The command line end to end: on the bundled sample (a new process, as a user runs it, and
 * in-process), and at scale on CSV files (10,000 units × 1,000 indicators → --csv and --json).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatCsv } from "../src/cli/csv";
import { writeAll } from "../src/cli/paths";
import { readInputs, readWorkbookTables } from "../src/cli/read";
import { resultJson, scoresTable } from "../src/cli/results";
import { runCli } from "../src/cli/run";
import { resolveSpec } from "../src/cli/spec-input";
import { computeIndex } from "../src/core/engine";
import { syntheticPanel, syntheticTables } from "./synthetic";
import { medianMs } from "./timing";

const REPO = resolve(__dirname, "..");
const SAMPLE = join(REPO, "assets/sample/ieci-2022.xlsx");
const quiet = { out: () => undefined, err: () => undefined };



async function cli(args: string[]): Promise<void> {
  const code = await runCli(args, quiet);
  if (code !== 0) throw new Error(`cli ${args.join(" ")} exited with ${code}`);
}

export async function benchCli(): Promise<{ name: string; ms: number; [note: string]: unknown }[]> {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-bench-"));
  const rows: { name: string; ms: number; [note: string]: unknown }[] = [];
  try {
    const outputs = ["--csv", join(dir, "s.csv"), "--json", join(dir, "s.json"), "--out", join(dir, "s.xlsx")];
    const processMs = await medianMs(3, () => {
      const run = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "src/cli/main.ts"), "compute", SAMPLE, ...outputs], { cwd: REPO });
      if (run.status !== 0) throw new Error(`cli process failed: ${run.stderr}`);
    });
    rows.push({ name: "cli sample 2 editions (37+43)×25: compute xlsx → csv+json+xlsx (new node process)", ms: processMs, runs: 3 });
    rows.push({ name: "cli sample 2 editions (37+43)×25: compute xlsx → csv+json+xlsx (in-process)", ms: await medianMs(10, () => cli(["compute", SAMPLE, ...outputs])), runs: 10 });
    rows.push({ name: "cli sample 2 editions (37+43)×25: read the workbook only", ms: await medianMs(10, () => readWorkbookTables(SAMPLE)), runs: 10 });
    rows.push({ name: "cli sample 2 editions (37+43)×25: compute xlsx → csv only", ms: await medianMs(10, () => cli(["compute", SAMPLE, "--csv", join(dir, "c.csv")])), runs: 10 });

    // Editions: 200 units × 100 indicators × 10 editions (2,000 rows), pooled normalization, every output (target < 2 s).
    const panel = syntheticPanel(200, 100, 10);
    writeFileSync(join(dir, "panel-data.csv"), formatCsv(panel.data));
    writeFileSync(join(dir, "panel-meta.csv"), formatCsv(panel.framework));
    const panelArgs = ["compute", join(dir, "panel-data.csv"), "--meta", join(dir, "panel-meta.csv"),
      "--csv", join(dir, "p.csv"), "--json", join(dir, "p.json"), "--out", join(dir, "p.xlsx")];
    rows.push({ name: "cli editions 200×100×10: compute csv → csv+json+xlsx (in-process)", ms: await medianMs(5, () => cli(panelArgs)), runs: 5, target: "< 2000 ms" });
    rows.push({
      name: "cli editions 200×100×10: compute csv → csv+json+xlsx (new node process)", runs: 3, target: "< 2000 ms",
      ms: await medianMs(3, () => {
        const run = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "src/cli/main.ts"), ...panelArgs], { cwd: REPO });
        if (run.status !== 0) throw new Error(`cli process failed: ${run.stderr}`);
      }),
    });

    // Scale: 10,000 × 1,000 through CSV files, in a child process so that its peak memory is its own.
    writeScaleFiles(dir);
    const child = spawnSync(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", __filename, "--scale-child", dir], { cwd: REPO, encoding: "utf8" });
    if (child.status !== 0) throw new Error(`scale run failed: ${child.stderr}`);
    const report = JSON.parse(child.stdout.trim().split("\n").pop()!) as { stages: { stage: string; ms: number }[]; peakMiB: number };
    for (const { stage, ms } of report.stages) {
      rows.push({ name: `cli 10,000×1,000 csv → csv+json: ${stage}`, ms, ...(stage === "total" ? { peakRssMiB: report.peakMiB } : {}) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Writes the synthetic tables as CSV files (in a function so the tables are released before the child runs). */
function writeScaleFiles(dir: string): void {
  const { data, framework } = syntheticTables(10_000, 1_000);
  writeFileSync(join(dir, "big-data.csv"), formatCsv(data));
  writeFileSync(join(dir, "big-meta.csv"), formatCsv(framework));
}

/** The scale run's stages, as runCompute does them (file sizes: data CSV ≈ 180 MB). */
async function scaleChild(dir: string): Promise<void> {
  const stages: { stage: string; ms: number }[] = [];
  const step = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    stages.push({ stage, ms: performance.now() - t0 });
    return value;
  };
  const t0 = performance.now();
  const tables = await step("read and parse the CSVs", () => readInputs(join(dir, "big-data.csv"), join(dir, "big-meta.csv")));
  const result = await step("computeIndex (text cells, default spec)", () => computeIndex(tables.data, tables.framework, resolveSpec(undefined, undefined)));
  const files = await step("format --csv and --json", () => [
    { path: join(dir, "big.csv"), content: formatCsv(scoresTable(result)) },
    { path: join(dir, "big.json"), content: resultJson(result, tables.origins) },
  ]);
  await step("write the files", () => writeAll(files));
  stages.push({ stage: "total", ms: performance.now() - t0 });
  console.log(JSON.stringify({ stages, peakMiB: process.resourceUsage().maxRSS / 1024 }));
}

if (require.main === module && process.argv[2] === "--scale-child") {
  scaleChild(process.argv[3]!).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else if (require.main === module) {
  benchCli().then((rows) => console.table(rows), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
