/**
 * The scale targets of issue 12 §7, each timed side by side with its baseline in the same run:
 * 10,000 units × 1,000 indicators (4 levels, every step on), the data written once to a temp dir.
 *   engine: computeIndex (parse + every step) vs one pass over its boxed input, ≤ 15×; under it, for
 *     scale, parseData alone, what new memory costs on this machine and the MB of columns written
 *   cli csv → csv: `compute data.csv --meta framework.csv --csv out.csv` vs a plain split/parseFloat pass, ≤ 3×
 * Each measurement runs in a new Node process (its own heap and peak RSS); the table takes the best
 * of a few runs of each, since the machine may be shared. More targets: append a TargetBench to TARGETS.
 *   tsx bench/targets.ts                 prints the table alone
 *   tsx bench/targets.ts engine <dir>    a child: prints one JSON line
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatCsv } from "../src/cli/csv";
import { computeIndex, parseData, parseFramework, type IndexResult } from "../src/core/engine";
import { FULL_SPEC, syntheticTables } from "./synthetic";

export interface TargetRow {
  what: string;
  ms: number;
  /** What the baseline is, and its time; absent for a target that is not a ratio (e.g. peak memory). */
  baseline?: { what: string; ms: number };
  /** The largest ratio ms / baseline ms allowed. */
  maxRatio?: number;
  /** A target that is not a ratio (text for the table), and whether it holds. */
  target?: string;
  pass?: boolean;
  peakMB?: number;
  /** A line printed under the table (e.g. CPU time, steadier than wall time on a shared machine). */
  note?: string;
}

/** The generated inputs, shared by every target. */
export interface ScaleFiles {
  dir: string;
  dataCsv: string;
  metaCsv: string;
  specJson: string;
}

export type TargetBench = (files: ScaleFiles) => Promise<TargetRow[]>;

export const UNITS = 10_000;
export const INDICATORS = 1_000;
const REPO = resolve(__dirname, "..");
const LABEL = `${UNITS.toLocaleString("en-US")} × ${INDICATORS.toLocaleString("en-US")}`;
/** Printed by any Node process at exit: its peak resident memory. */
const RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxRSSkB="+process.resourceUsage().maxRSS+"\\n"))`;

export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  peakMB: number;
}

/** A new Node process (`args` after `node`), timed from spawn to exit, with its peak RSS. */
export function runNode(args: string[]): Promise<ChildRun> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ["--import", RSS_HOOK, ...args], { cwd: REPO });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      const peakMB = Math.round(Number(/maxRSSkB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024);
      done({ code: code ?? -1, stdout, stderr, ms: performance.now() - t0, peakMB });
    });
  });
}

/** The best of `runs` runs of a command (the lowest time: the least disturbed by other work on the machine). */
async function bestOf(runs: number, args: string[]): Promise<ChildRun> {
  let best: ChildRun | undefined;
  for (let k = 0; k < runs; k++) {
    const run = await runNode(args);
    if (run.code !== 0) throw new Error(`node ${args.join(" ")} exited with ${run.code}: ${run.stderr.slice(-2000)}`);
    if (!best || run.ms < best.ms) best = run;
  }
  return best!;
}

/** Writes the Data and Framework CSVs and the spec once (about 180 MB). */
export function writeScaleFiles(dir: string): ScaleFiles {
  const { data, framework } = syntheticTables(UNITS, INDICATORS);
  const files = {
    dir,
    dataCsv: join(dir, "data.csv"),
    metaCsv: join(dir, "framework.csv"),
    specJson: join(dir, "spec.json"),
  };
  writeFileSync(files.dataCsv, formatCsv(data));
  writeFileSync(files.metaCsv, formatCsv(framework));
  writeFileSync(files.specJson, JSON.stringify(FULL_SPEC));
  return files;
}

/** Engine: in a child, the tables as Excel's Range.values gives them (numbers and text), then both timings. */
const engineTarget: TargetBench = async () => {
  const run = await runNode(["--import", "tsx", join(__dirname, "targets.ts"), "engine"]);
  if (run.code !== 0) throw new Error(`engine target: ${run.stderr.slice(-2000)}`);
  const { ms, baselineMs, cpuMs, baselineCpuMs, parseMs, keptMB, firstWriteMsPerMB, rewriteMs } = JSON.parse(
    run.stdout.trim().split("\n").pop()!,
  ) as Record<string, number>;
  return [
    {
      what: `engine ${LABEL}: computeIndex, every step (best of 3)`,
      ms: ms!,
      peakMB: run.peakMB,
      maxRatio: 15,
      note: `engine CPU time (all threads, GC included): computeIndex ${cpuMs!.toFixed(0)} ms, the pass ${baselineCpuMs!.toFixed(0)} ms, ${(cpuMs! / baselineCpuMs!).toFixed(1)}×`,
      baseline: { what: "one pass over the boxed input, Number(x) per cell (best of 5)", ms: baselineMs! },
    },
    {
      // Not a target: the part no pipeline design avoids (the Data as typed columns), so that the ratio above can be read.
      what: "  of which parseData alone: the boxed input into typed columns",
      ms: parseMs!,
      target: "(floor)",
      baseline: { what: "the same pass", ms: baselineMs! },
      note:
        `new memory on this machine: the first write costs ${firstWriteMsPerMB!.toFixed(2)} ms per MB (the same 80 MB written again: ${rewriteMs!.toFixed(0)} ms in all); ` +
        `computeIndex returns with ${keptMB!.toFixed(0)} MB of columns written`,
    },
  ];
};

/** The engine child: both timings in one process over the same boxed tables. */
function engineChild(): void {
  const { data, framework } = syntheticTables(UNITS, INDICATORS);
  const pass = () => {
    let sum = 0;
    for (const row of data)
      for (const cell of row) {
        const v = Number(cell);
        if (v === v) sum += v;
      }
    return sum;
  };
  const best = (runs: number, fn: () => unknown) => {
    let ms = Infinity;
    let cpuMs = Infinity;
    for (let k = 0; k < runs; k++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      ms = Math.min(ms, performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuMs = Math.min(cpuMs, (cpu.user + cpu.system) / 1000);
    }
    return { ms, cpuMs };
  };
  const baseline = best(5, pass);
  const engine = best(3, () => computeIndex(data, framework, FULL_SPEC));
  const parsedFramework = parseFramework(framework).framework;
  const parse = best(3, () => parseData(data, parsedFramework));
  const firstWrite = best(3, () => new Float64Array(10_000_000).fill(1));
  const written = new Float64Array(10_000_000).fill(1);
  const rewrite = best(3, () => written.fill(2));
  const keptMB = writtenBytes(computeIndex(data, framework, FULL_SPEC)) / 2 ** 20;
  const firstWriteMsPerMB = firstWrite.ms / (80_000_000 / 2 ** 20);
  process.stdout.write(
    `${JSON.stringify({ ms: engine.ms, cpuMs: engine.cpuMs, baselineMs: baseline.ms, baselineCpuMs: baseline.cpuMs, parseMs: parse.ms, keptMB, firstWriteMsPerMB, rewriteMs: rewrite.ms })}\n`,
  );
}

/**
 * Bytes of the distinct columns a result holds when computeIndex returns (a step that changed nothing
 * shares its input's arrays); steps rebuilt on first read (restored-steps.ts) are not read, so not counted.
 */
function writtenBytes(result: IndexResult): number {
  const seen = new Set<Float64Array>();
  const built = Object.values(Object.getOwnPropertyDescriptors(result.steps))
    .map((property) => property.value as IndexResult["steps"]["raw"] | undefined)
    .filter((set) => set !== undefined);
  for (const set of [...built, result.scores, result.ranks]) for (const column of set.columns) seen.add(column);
  let bytes = 0;
  for (const column of seen) bytes += column.byteLength;
  return bytes;
}

/** The plain pass the command line is compared with: read the file, split lines and fields, parseFloat each. */
const SPLIT_PASS = `const t=require("fs").readFileSync(process.argv[1],"utf8");let s=0,n=0;for(const l of t.split("\\n"))for(const f of l.split(",")){const v=parseFloat(f);if(v===v){s+=v;n++}}console.log(n)`;

/** Command line csv → csv, as a user runs it (`npm run cli -- compute …`: Node with tsx). */
const cliCsvTarget: TargetBench = async (files) => {
  const baseline = await bestOf(3, ["-e", SPLIT_PASS, files.dataCsv]);
  const out = join(files.dir, "scores.csv");
  const cli = await bestOf(2, [
    "--import",
    "tsx",
    "src/cli/main.ts",
    "compute",
    files.dataCsv,
    "--meta",
    files.metaCsv,
    "--spec",
    files.specJson,
    "--csv",
    out,
  ]);
  if (readFileSync(out, "utf8").split("\n").length < UNITS) throw new Error("cli target: the scores CSV is incomplete");
  return [
    {
      what: `cli ${LABEL}: compute csv → --csv, new process (best of 2)`,
      ms: cli.ms,
      peakMB: cli.peakMB,
      maxRatio: 3,
      baseline: { what: "node -e: readFileSync, split lines and commas, parseFloat each (best of 3)", ms: baseline.ms },
    },
  ];
};

/** The targets, in table order. */
export const TARGETS: TargetBench[] = [engineTarget, cliCsvTarget];

/** Runs every target over one set of generated files; the temp dir is removed afterwards. */
export async function runTargets(targets: TargetBench[] = TARGETS): Promise<TargetRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-targets-"));
  try {
    const files = writeScaleFiles(dir);
    const rows: TargetRow[] = [];
    for (const target of targets) rows.push(...(await target(files)));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table: what, ms, baseline ms, ratio, target, pass/fail (and peak memory). */
export function formatTargets(rows: TargetRow[]): string {
  const cells = rows.map((r) => {
    const ratio = r.baseline ? r.ms / r.baseline.ms : undefined;
    const pass = r.pass ?? (ratio !== undefined && r.maxRatio !== undefined ? ratio <= r.maxRatio : undefined);
    return [
      r.what,
      r.ms.toFixed(0),
      r.baseline ? r.baseline.ms.toFixed(0) : "",
      ratio !== undefined ? `${ratio.toFixed(1)}×` : "",
      r.target ?? (r.maxRatio !== undefined ? `≤ ${r.maxRatio}×` : ""),
      pass === undefined ? "" : pass ? "pass" : "FAIL",
      r.peakMB !== undefined ? String(r.peakMB) : "",
    ];
  });
  const header = ["target", "ms", "baseline ms", "ratio", "target", "pass/fail", "peak MB"];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join(" | ");
  const baselines = rows.filter((r) => r.baseline).map((r) => `  baseline of "${r.what}": ${r.baseline!.what}`);
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.note}`);
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line), ...baselines, ...notes].join(
    "\n",
  );
}

if (require.main === module) {
  if (process.argv[2] === "engine") engineChild();
  else {
    runTargets().then(
      (rows) => console.log(formatTargets(rows)),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  }
}
