/**
 * The command line end to end: on the bundled sample (a new process, as a user runs it, and
 * in-process), and at scale on CSV files (10,000 units × 1,000 indicators → --csv and --json).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatCsv } from "../src/cli/csv";
import { readWorkbookTables } from "../src/cli/read";
import { runCli } from "../src/cli/run";
import { syntheticTables } from "./synthetic";

const REPO = resolve(__dirname, "..");
const SAMPLE = join(REPO, "assets/sample/ieci-2022.xlsx");
const quiet = { out: () => undefined, err: () => undefined };

async function median(repeats: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function cli(args: string[]): Promise<void> {
  const code = await runCli(args, quiet);
  if (code !== 0) throw new Error(`cli ${args.join(" ")} exited with ${code}`);
}

export async function benchCli(): Promise<{ name: string; ms: number; [note: string]: unknown }[]> {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-bench-"));
  const rows: { name: string; ms: number; [note: string]: unknown }[] = [];
  try {
    const outputs = ["--csv", join(dir, "s.csv"), "--json", join(dir, "s.json"), "--out", join(dir, "s.xlsx")];
    const processMs = await median(3, () => {
      const run = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "src/cli/main.ts"), "compute", SAMPLE, ...outputs], { cwd: REPO });
      if (run.status !== 0) throw new Error(`cli process failed: ${run.stderr}`);
    });
    rows.push({ name: "cli sample 37×25: compute xlsx → csv+json+xlsx (new node process)", ms: processMs, runs: 3 });
    rows.push({ name: "cli sample 37×25: compute xlsx → csv+json+xlsx (in-process)", ms: await median(10, () => cli(["compute", SAMPLE, ...outputs])), runs: 10 });
    rows.push({ name: "cli sample 37×25: read the workbook only", ms: await median(10, () => readWorkbookTables(SAMPLE)), runs: 10 });
    rows.push({ name: "cli sample 37×25: compute xlsx → csv only", ms: await median(10, () => cli(["compute", SAMPLE, "--csv", join(dir, "c.csv")])), runs: 10 });

    // Scale: 10,000 × 1,000 through CSV files (the .xlsx writer is benchmarked by the report engineer).
    const { data, framework } = syntheticTables(10_000, 1_000);
    const dataPath = join(dir, "big-data.csv");
    writeFileSync(dataPath, formatCsv(data));
    writeFileSync(join(dir, "big-meta.csv"), formatCsv(framework));
    const before = process.memoryUsage().rss;
    const big = ["compute", dataPath, "--meta", join(dir, "big-meta.csv"), "--csv", join(dir, "big.csv"), "--json", join(dir, "big.json")];
    const t0 = performance.now();
    await cli(big);
    const ms = performance.now() - t0;
    rows.push({ name: "cli 10,000×1,000: compute csv → csv+json (in-process, one run)", ms, rssMiB: process.memoryUsage().rss / 2 ** 20, rssBeforeMiB: before / 2 ** 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (require.main === module) {
  benchCli().then((rows) => console.table(rows), (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
