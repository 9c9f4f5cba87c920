/**
 * Scale row for `npm run bench` (issue 12 §7): the plain command line, CSV → .xlsx, on 10,000
 * units × 1,000 indicators, in its own process on Node's default heap, with its peak memory
 * (max RSS) against the target of 2.5 GB.
 *   benchScaleXlsx(): Promise<{ name, ms, peakMB, targetMB }[]>   (wired into bench/run.ts)
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatCsv } from "../src/cli/csv";
import { syntheticTables } from "./synthetic";
import { runNode } from "./targets";

const TARGET_MB = 2500;

export async function benchScaleXlsx(
  units = 10_000,
  indicators = 1_000,
): Promise<{ name: string; ms: number; peakMB: number; targetMB: number; fileMB: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-scale-xlsx-"));
  try {
    const { data, framework } = syntheticTables(units, indicators);
    writeFileSync(join(dir, "big.csv"), formatCsv(data));
    writeFileSync(join(dir, "m.csv"), formatCsv(framework));
    const out = join(dir, "big.xlsx");
    // No --max-old-space-size: the target is Node's default heap.
    const run = await runNode([
      "--import",
      "tsx",
      "src/cli/main.ts",
      "compute",
      join(dir, "big.csv"),
      "--meta",
      join(dir, "m.csv"),
      "--out",
      out,
    ]);
    if (run.code !== 0) throw new Error(`scale csv → xlsx failed: ${run.stderr}`);
    const { peakMB } = run;
    const ms = Math.round(run.ms);
    const label = `${units.toLocaleString("en-US")}×${indicators.toLocaleString("en-US")}`;
    return [
      {
        name: `scale ${label} command line CSV → --out .xlsx (process)`,
        ms,
        peakMB,
        targetMB: TARGET_MB,
        fileMB: Math.round(statSync(out).size / 1e6),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchScaleXlsx().then(
    (rows) => console.table(rows),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
