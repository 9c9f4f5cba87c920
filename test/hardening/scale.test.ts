/**
 * Scale (set INDEX_STUDIO_SCALE=1; minutes and several GB): 10,000 units × 1,000 indicators through
 * the engine, the spawned command line and the add-in adapter in the Excel fake, every request
 * under Excel on the web's 5 MB, every result equal to the engine's and competition-ranked.
 * Timings are in `npm run bench` (bench/scale.ts), not here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { computeIndex } from "../../src/core/engine";
import type { IndexResult } from "../../src/core/result";
import { FULL_SPEC, syntheticTables } from "../../bench/synthetic";
import { spawnCli, tempDir } from "../cli/helpers";
import { writeCsv } from "./cli-helpers";
import { freshWorkbook, putTable } from "../excel/helpers";
import { refresh, sheetChoice } from "./excel-helpers";

const skip =
  process.env.INDEX_STUDIO_SCALE === "1" ? false : "set INDEX_STUDIO_SCALE=1 to run the 10,000 × 1,000 scale tests";
const UNITS = 10_000;
const INDICATORS = 1_000;

let cached: { tables: ReturnType<typeof syntheticTables>; result: IndexResult } | null = null;
function engineRun() {
  if (!cached) {
    const tables = syntheticTables(UNITS, INDICATORS);
    cached = { tables, result: computeIndex(tables.data, tables.framework, FULL_SPEC) };
  }
  return cached;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test(
  "engine at 10,000 × 1,000: finite scores for every included unit, min-max within [0, 100], competition ranks",
  { skip },
  () => {
    const { result } = engineRun();
    const root = result.scores.columns.length - 1;
    // Within rounding: (hi - lo) * (100 / (hi - lo)) may come out one ulp above 100.
    for (const column of result.steps.normalized.columns)
      for (const v of column)
        assert.ok(Number.isNaN(v) || (v >= -1e-12 && v <= 100 + 1e-12), `normalized ${v} within [0, 100]`);
    for (let j = 0; j <= root; j++) {
      const score = result.scores.columns[j]!;
      const rank = result.ranks.columns[j]!;
      const sorted = Array.from(score)
        .filter((v, u) => result.included[u] === 1 && Number.isFinite(v))
        .sort((a, b) => b - a);
      for (let u = 0; u < UNITS; u++) {
        if (result.included[u] !== 1) continue;
        assert.ok(Number.isFinite(score[u]!), `${result.scores.codes[j]}: unit ${u} has a score`);
        // 1 + how many are strictly higher: the first index of this value in the descending order.
        let lo = 0,
          hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (sorted[mid]! > score[u]!) lo = mid + 1;
          else hi = mid;
        }
        assert.equal(rank[u], lo + 1);
      }
    }
  },
);

test(
  "command line at 10,000 × 1,000: CSV in, --csv out, every index score equal to the engine's",
  { skip },
  async () => {
    const { tables, result } = engineRun();
    const dir = tempDir();
    writeCsv(join(dir, "data.csv"), tables.data);
    writeCsv(join(dir, "framework.csv"), tables.framework);
    writeFileSync(join(dir, "spec.json"), JSON.stringify(FULL_SPEC));
    const run = await spawnCli([
      "compute",
      join(dir, "data.csv"),
      "--meta",
      join(dir, "framework.csv"),
      "--spec",
      join(dir, "spec.json"),
      "--csv",
      join(dir, "scores.csv"),
    ]);
    assert.equal(run.code, 0, run.stderr.slice(0, 2000));
    const lines = readFileSync(join(dir, "scores.csv"), "utf8").trim().split(/\r?\n/);
    assert.equal(lines.length, UNITS + 1);
    const header = lines[0]!.split(",");
    const col = header.indexOf(result.framework.root);
    const root = result.scores.columns[result.scores.columns.length - 1]!;
    for (let u = 0; u < UNITS; u++) {
      const cells = lines[u + 1]!.split(",");
      assert.equal(cells[0], result.units.codes[u]);
      if (result.included[u] === 1)
        assert.ok(close(Number(cells[col]), root[u]!), `unit ${u}: ${cells[col]} vs ${root[u]}`);
    }
  },
);

test(
  "add-in adapter at 10,000 × 1,000 in the Excel fake: every request under 5 MB, Results equal to the engine's",
  { skip },
  async () => {
    const { tables, result } = engineRun();
    const wb = freshWorkbook();
    putTable(wb, "Data", tables.data);
    putTable(wb, "Framework", tables.framework);
    const outcome = await refresh(sheetChoice(FULL_SPEC));
    assert.ok(outcome.ok, outcome.ok ? "" : outcome.error.message);
    for (const r of wb.requests) {
      assert.ok(
        r.requestBytes < 5 * 2 ** 20 && r.responseBytes < 5 * 2 ** 20,
        `sync ${r.sync}: ${r.requestBytes} / ${r.responseBytes} bytes`,
      );
      assert.equal(r.failed, null);
    }
    const results = wb.sheetByName(outcome.summary.sheets[0]!)!;
    const root = result.scores.columns[result.scores.columns.length - 1]!;
    const byCode = new Map(result.units.codes.map((code, u) => [code, u]));
    let rows = 0;
    for (let r = 1; results.value(r, 1) !== undefined; r++, rows++) {
      const u = byCode.get(String(results.value(r, 1)))!;
      const v = results.value(r, 3);
      if (result.included[u] === 1) assert.ok(typeof v === "number" && close(v, root[u]!), `Results row ${r + 1}`);
    }
    assert.equal(rows, UNITS);
  },
);
