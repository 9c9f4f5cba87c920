/**
 * Scale rows for `npm run bench`: 10,000 units × 1,000 indicators through the engine, the command
 * line and (with INDEX_STUDIO_SCALE=1, minutes and GBs in the in-memory fake) the add-in adapter.
 * Each runs in its own process so that its peak memory (max RSS) is its own.
 *   benchScale(): Promise<{ name, ms, peakMB }[]>      (wired into bench/run.ts)
 *   tsx bench/scale.ts engine|adapter                   (a child: prints one JSON line)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { computeIndex, type Cell } from "../src/core/engine";
import { FULL_SPEC, syntheticTables } from "./synthetic";

export interface ScaleRow {
  name: string;
  ms: number;
  peakMB?: number;
  maxRequestMB?: number;
}

const REPO = resolve(__dirname, "..");
const UNITS = 10_000;
const INDICATORS = 1_000;
/** Printed by any Node process at exit: its peak resident memory. */
const RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxRSSkB="+process.resourceUsage().maxRSS+"\\n"))`;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", RSS_HOOK, "--import", "tsx", ...args], { cwd: REPO });
    let stdout = "", stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr, ms: performance.now() - t0 }));
  });
}

const peakOf = (stderr: string) => Number(/maxRSSkB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;

function csv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => row.map((v) => (v === null || v === undefined ? "" : typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : String(v))).join(",")).join("\n") + "\n";
}

export async function benchScale(): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const label = `${UNITS.toLocaleString("en-US")}×${INDICATORS.toLocaleString("en-US")}`;
  const engine = await run(["bench/scale.ts", "engine"]);
  if (engine.code !== 0) throw new Error(`scale engine: ${engine.stderr}`);
  rows.push({ name: `scale ${label} engine computeIndex (all steps)`, ...(JSON.parse(engine.stdout) as { ms: number }), peakMB: Math.round(peakOf(engine.stderr)) });

  const dir = mkdtempSync(join(tmpdir(), "index-studio-scale-"));
  try {
    const { data, framework } = syntheticTables(UNITS, INDICATORS);
    writeFileSync(join(dir, "data.csv"), csv(data));
    writeFileSync(join(dir, "framework.csv"), csv(framework));
    writeFileSync(join(dir, "spec.json"), JSON.stringify(FULL_SPEC));
    const cli = await run(["src/cli/main.ts", "compute", join(dir, "data.csv"), "--meta", join(dir, "framework.csv"), "--spec", join(dir, "spec.json"), "--csv", join(dir, "scores.csv"), "--json", join(dir, "result.json")]);
    if (cli.code !== 0) throw new Error(`scale cli: ${cli.stderr}`);
    rows.push({ name: `scale ${label} command line CSV → --csv --json (process)`, ms: Math.round(cli.ms), peakMB: Math.round(peakOf(cli.stderr)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (process.env.INDEX_STUDIO_SCALE === "1") {
    const adapter = await run(["--max-old-space-size=8192", "bench/scale.ts", "adapter"]);
    if (adapter.code !== 0) throw new Error(`scale adapter: ${adapter.stderr}`);
    rows.push({ name: `scale ${label} add-in adapter in the Excel fake`, ...(JSON.parse(adapter.stdout) as { ms: number; maxRequestMB: number }), peakMB: Math.round(peakOf(adapter.stderr)) });
  }
  return rows;
}

/** Child: the engine alone, tables built before the clock starts. */
function childEngine(): void {
  const { data, framework } = syntheticTables(UNITS, INDICATORS);
  const t0 = performance.now();
  computeIndex(data, framework, FULL_SPEC);
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - t0) }));
}

/** Child: Refresh in the Excel fake (which enforces the 5 MB request limit) on a 10,000 × 1,000 workbook. */
async function childAdapter(): Promise<void> {
  const { installFakeOffice, WorkbookModel } = await import("../test/excel/fake-excel");
  const { runIndex } = await import("../src/excel");
  const wb = new WorkbookModel();
  installFakeOffice(globalThis as unknown as Record<string, unknown>, wb);
  const { data, framework } = syntheticTables(UNITS, INDICATORS);
  for (const [name, table] of [["Data", data], ["Framework", framework]] as const) {
    const sheet = wb.addSheet(name);
    table.forEach((row, r) => row.forEach((cell, c) => {
      if (cell === null || cell === undefined) return;
      if (typeof cell === "string") sheet.setFormat(r, c, "@");
      sheet.enter(r, c, cell);
    }));
  }
  const t0 = performance.now();
  await runIndex({ version: 1, data: { kind: "sheet", sheet: "Data" }, framework: { kind: "sheet", sheet: "Framework" }, settings: null, options: FULL_SPEC });
  const ms = Math.round(performance.now() - t0);
  const largest = Math.max(...wb.requests.map((r) => Math.max(r.requestBytes, r.responseBytes)));
  process.stdout.write(JSON.stringify({ ms, maxRequestMB: Math.round((largest / 2 ** 20) * 100) / 100 }));
}

if (require.main === module) {
  const task = process.argv[2];
  if (task === "engine") childEngine();
  else if (task === "adapter") childAdapter().catch((e: unknown) => { console.error(e); process.exit(1); });
  else benchScale().then((rows) => console.table(rows), (e: unknown) => { console.error(e); process.exit(1); });
}
