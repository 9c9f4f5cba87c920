/**
 * npm run bench: first the scale targets (bench/targets.ts: each a ratio to its baseline, measured
 * side by side), then a table of timings (median of repeated runs) and peak memory.
 * `npm run bench -- --targets` prints the targets alone.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  computeIndex,
  parseData,
  parseFramework,
  parseSpec,
  runPipeline,
  type Cell,
  type DataSet,
  type Framework,
  type IndexSpec,
} from "../src/core/engine";
import { asemTables, CONFORMANCE_DIR, readCsvNumeric } from "../test/helpers/conformance";
import { FULL_SPEC, syntheticTables } from "./synthetic";
import { formatTargets, runTargets } from "./targets";

interface Row {
  name: string;
  ms: number;
  note?: string;
}

const rows: Row[] = [];
let peakRss = process.memoryUsage().rss;
const sampleMemory = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function time(name: string, fn: () => unknown, repeats: number, note?: string): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    sampleMemory();
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  rows.push({ name, ms, ...(note ? { note } : {}) });
  return ms;
}

/** Times the whole entry point, then the steps alone with the input tables released (as the CLI does after reading). */
function benchEngine(
  label: string,
  makeTables: () => { data: Cell[][]; framework: Cell[][] },
  spec: unknown,
  repeats: number,
): void {
  benchComputeIndex(label, makeTables, spec, repeats);
  const { dataset, fw } = parseOnly(makeTables);
  benchSteps(label, dataset, fw, parseSpec(spec), repeats);
}

function benchComputeIndex(
  label: string,
  makeTables: () => { data: Cell[][]; framework: Cell[][] },
  spec: unknown,
  repeats: number,
): void {
  const t = makeTables();
  time(`engine ${label}: computeIndex (parse + all steps)`, () => computeIndex(t.data, t.framework, spec), repeats);
}

/** Parsed inputs only: the tables go out of scope here, so they do not weigh on the GC while the steps run. */
function parseOnly(makeTables: () => { data: Cell[][]; framework: Cell[][] }): { dataset: DataSet; fw: Framework } {
  const tables = makeTables();
  const { framework: fw } = parseFramework(tables.framework);
  const { dataset } = parseData(tables.data, fw);
  return { dataset, fw };
}

function benchSteps(label: string, dataset: DataSet, fw: Framework, parsed: IndexSpec, repeats: number): void {
  time(`engine ${label}: runPipeline (steps only)`, () => runPipeline(dataset, fw, parsed), repeats);
}

async function main(): Promise<void> {
  // The targets first, on a machine not yet warmed by the rest (each runs in its own process).
  const targets = formatTargets(await runTargets());
  console.log(`Scale targets (issue 12 §7)\n${targets}\n`);
  if (process.argv.includes("--targets")) return;
  const asem = () => {
    const t = asemTables();
    return { data: t.data, framework: t.meta };
  };
  benchEngine("ASEM 51×49 default (CSV text cells)", asem, {}, 200);
  const asemNumeric = () => ({
    data: readCsvNumeric(join(CONFORMANCE_DIR, "data.csv")),
    framework: readCsvNumeric(join(CONFORMANCE_DIR, "meta.csv")),
  });
  benchEngine("ASEM 51×49 default (numeric cells, as Excel gives them)", asemNumeric, {}, 500);
  benchEngine(
    "ASEM 51×49 all steps",
    asem,
    { ...FULL_SPEC, impute: { method: "group-mean", group: "EurAsia_group" } },
    200,
  );
  // 10,000 × 1,000 is the engine target above.
  for (const [units, indicators, repeats] of [
    [37, 25, 200],
    [1000, 100, 20],
  ] as const) {
    benchEngine(`${units}×${indicators} all steps`, () => syntheticTables(units, indicators), FULL_SPEC, repeats);
  }

  // Other engineers' benchmarks, when present.
  const extra: [string, string][] = [
    ["cli.ts", "benchCli"],
    ["functions.ts", "benchFunctions"],
    ["analysis.ts", "benchAnalysis"],
    ["excel-adapter.ts", "benchExcelAdapter"],
    ["xlsx.ts", "benchXlsx"],
    ["scale.ts", "benchScale"],
    ["whatif.ts", "benchWhatIf"], // live what-if weights (issue 15)
    ["scale-xlsx.ts", "benchScaleXlsx"],
    ["rank.ts", "benchRank"], // radix ranking (issue 12 §7)
  ];
  for (const [file, fn] of extra) {
    if (!existsSync(join(__dirname, file))) continue;
    const mod = (await import(`./${file}`)) as Record<string, () => unknown>;
    const out = (await mod[fn]!()) as (Row & Record<string, unknown>)[];
    for (const r of out) {
      const { name, ms, ...rest } = r;
      const note = Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === "number" ? +v.toFixed(2) : v}`)
        .join(" ");
      rows.push({ name, ms, ...(note ? { note } : {}) });
    }
    sampleMemory();
  }

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"benchmark".padEnd(width)} | ${"ms".padStart(10)} | notes`);
  console.log(`${"-".repeat(width)}-|-${"-".repeat(10)}-|------`);
  for (const r of rows) console.log(`${r.name.padEnd(width)} | ${r.ms.toFixed(3).padStart(10)} | ${r.note ?? ""}`);
  console.log(
    `\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (node ${process.version}, ${process.platform} ${process.arch})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
