/**
 * Scale row for `npm run bench` (issue 12 §7): the plain command line, CSV → .xlsx, on 10,000
 * units × 1,000 indicators, in its own process on Node's default heap, with its peak memory
 * (max RSS) against the target of 2.5 GB.
 *   benchScaleXlsx(): Promise<{ name, ms, peakMB, targetMB }[]>   (wired into bench/run.ts)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Cell } from "../src/core/engine";
import { syntheticTables } from "./synthetic";

const REPO = resolve(__dirname, "..");
const TARGET_MB = 2500;
/** Printed by the child at exit: its peak resident memory. */
const RSS_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxRSSkB="+process.resourceUsage().maxRSS+"\\n"))`;

function csv(rows: readonly (readonly Cell[])[]): string {
  return (
    rows
      .map((row) =>
        row
          .map((v) =>
            v === null || v === undefined ? "" : typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : String(v),
          )
          .join(","),
      )
      .join("\n") + "\n"
  );
}

export async function benchScaleXlsx(
  units = 10_000,
  indicators = 1_000,
): Promise<{ name: string; ms: number; peakMB: number; targetMB: number; fileMB: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-scale-xlsx-"));
  try {
    const { data, framework } = syntheticTables(units, indicators);
    writeFileSync(join(dir, "big.csv"), csv(data));
    writeFileSync(join(dir, "m.csv"), csv(framework));
    const out = join(dir, "big.xlsx");
    const t0 = performance.now();
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done, fail) => {
      // No --max-old-space-size: the target is Node's default heap.
      const child = spawn(
        process.execPath,
        [
          "--import",
          RSS_HOOK,
          "--import",
          "tsx",
          "src/cli/main.ts",
          "compute",
          join(dir, "big.csv"),
          "--meta",
          join(dir, "m.csv"),
          "--out",
          out,
        ],
        { cwd: REPO },
      );
      let err = "";
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      child.on("error", fail);
      child.on("close", (status) => done({ code: status ?? -1, stderr: err }));
    });
    const ms = Math.round(performance.now() - t0);
    if (code !== 0) throw new Error(`scale csv → xlsx failed: ${stderr}`);
    const peakMB = Math.round(Number(/maxRSSkB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024);
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
