/**
 * Framework shapes of any depth and width: a 2,500-level chain and an aggregate with 150,000 children
 * compute on every face without "Maximum call stack size exceeded" (no recursion or argument spread
 * over user-sized data in src/), a 2,500-node Parent loop is one clear error, and the command line
 * prepares everything it prints before the first file is written.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { computeIndex, IndexInputError } from "../../src/core/engine";
import * as fns from "../../src/functions/functions";
import type { Cell } from "../../src/core/types";
import { REPO, spawnCli, tempDir } from "../cli/helpers";
import { writeCsv } from "./cli-helpers";
import { freshWorkbook, putTable } from "../excel/helpers";
import { refresh, sheetChoice } from "./excel-helpers";

/** INDEX ← A1 ← A2 ← … ← A{depth} ← x1, x2. */
function chain(depth: number): { data: Cell[][]; framework: Cell[][] } {
  const framework: Cell[][] = [
    ["iCode", "Parent"],
    ["INDEX", null],
  ];
  let parent = "INDEX";
  for (let k = 1; k <= depth; k++) {
    framework.push([`A${k}`, parent]);
    parent = `A${k}`;
  }
  framework.push(["x1", parent], ["x2", parent]);
  return {
    data: [
      ["uCode", "x1", "x2"],
      ["U1", 1, 2],
      ["U2", 3, 1],
      ["U3", 2, 5],
    ],
    framework,
  };
}
/** Min-max of x1 (0, 100, 50) and x2 (25, 0, 100), averaged: every aggregate of the chain has these scores. */
const CHAIN_SCORES = [12.5, 50, 75];

/** INDEX with `width` indicators directly under it. */
function wide(width: number): { data: Cell[][]; framework: Cell[][]; expected: number[] } {
  const codes = Array.from({ length: width }, (_, k) => `x${k}`);
  const data: Cell[][] = [["uCode", ...codes]];
  for (let u = 0; u < 3; u++) data.push([`U${u}`, ...codes.map((_, k) => (u * 7 + k) % 5)]);
  // Independent reference: min-max of each column by hand, then the plain mean.
  const expected = [0, 1, 2].map((u) => {
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const col = [0, 1, 2].map((v) => (v * 7 + k) % 5);
      const lo = Math.min(col[0]!, col[1]!, col[2]!),
        hi = Math.max(col[0]!, col[1]!, col[2]!);
      sum += hi === lo ? NaN : ((col[u]! - lo) / (hi - lo)) * 100;
    }
    return sum / width;
  });
  return { data, framework: [["iCode", "Parent"], ["INDEX", null], ...codes.map((c) => [c, "INDEX"])], expected };
}

const near = (actual: ArrayLike<number>, expected: number[], label: string) =>
  expected.forEach((e, k) =>
    assert.ok(Math.abs(actual[k]! - e) < 1e-9 * Math.max(1, Math.abs(e)), `${label} [${k}]: ${actual[k]} vs ${e}`),
  );

test("engine: a 2,500-level chain and 150,000 indicators under the index compute; levels are right", () => {
  const c = chain(2500);
  const result = computeIndex(c.data, c.framework);
  assert.equal(result.framework.maxLevel, 2502);
  assert.equal(result.framework.byCode.get("A2500")!.level, 2);
  near(result.scores.columns.at(-1)!, CHAIN_SCORES, "chain");
  const w = wide(150_000);
  assert.ok(w.expected.every(Number.isFinite));
  near(computeIndex(w.data, w.framework).scores.columns.at(-1)!, w.expected, "wide");
});

test("engine: a Parent loop of 2,500 nodes is one error at its first row, quickly", () => {
  const c = chain(2500);
  c.framework[2] = ["A1", "A2500"]; // A1's parent is now the bottom of the chain: a loop; INDEX has no children
  const started = process.hrtime.bigint();
  assert.throws(
    () => computeIndex(c.data, c.framework),
    (e: unknown) => {
      assert.ok(e instanceof IndexInputError);
      const loops = e.issues.filter((i) => /Parent chain loops/.test(i.message));
      assert.equal(loops.length, 1, "one message per loop");
      assert.equal(loops[0]!.row, 2);
      // Each code is followed by its Parent: A1 → A2500 → A2499 → … back to A1.
      assert.match(
        loops[0]!.message,
        /^the Parent chain loops: A1 → A2500 → A2499 → .* → … \(2500 codes\) → A1; one of these must have another Parent$/,
      );
      return true;
    },
  );
  assert.ok(process.hrtime.bigint() - started < 5_000_000_000n, "linear, not cubic, in the chain length");
});

test("IDX.INDEX and the add-in on the fake: the 2,500-level chain", async () => {
  const c = chain(2500);
  const out = fns.index(
    c.data,
    c.framework.map((row) => row.map((v) => v ?? "")),
    "*",
  );
  assert.equal(out[0]!.length, 2501, "every aggregate, top down");
  near(
    out.slice(1).map((row) => row[0] as number),
    CHAIN_SCORES,
    "IDX.INDEX",
  );
  const model = freshWorkbook();
  putTable(model, "Data", c.data);
  putTable(model, "Framework", c.framework);
  const outcome = await refresh(sheetChoice());
  assert.ok(outcome.ok, outcome.ok ? "" : outcome.error.message);
  near(
    outcome.summary.top.map((t) => t.score),
    [75, 50, 12.5],
    "add-in top",
  );
});

test("command line: the chain and 150,000 indicators under the index exit 0 with every file; a result too wide for a sheet exits 1 and writes nothing", async () => {
  const dir = tempDir();
  const c = chain(2500);
  writeCsv(join(dir, "chain.csv"), c.data);
  writeCsv(join(dir, "chain-framework.csv"), c.framework);
  const run = await spawnCli([
    "compute",
    join(dir, "chain.csv"),
    "--meta",
    join(dir, "chain-framework.csv"),
    "--csv",
    join(dir, "chain-out.csv"),
    "--json",
    join(dir, "chain.json"),
    "--out",
    join(dir, "chain.xlsx"),
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /1\s+U3\s+U3\s+75\.00\s+1\n/);
  for (const f of ["chain-out.csv", "chain.json", "chain.xlsx"]) assert.ok(existsSync(join(dir, f)), f);
  const w = wide(150_000);
  writeCsv(join(dir, "wide.csv"), w.data);
  writeCsv(join(dir, "wide-framework.csv"), w.framework);
  const flat = await spawnCli([
    "compute",
    join(dir, "wide.csv"),
    "--meta",
    join(dir, "wide-framework.csv"),
    "--json",
    join(dir, "wide.json"),
    "--csv",
    join(dir, "wide-out.csv"),
  ]);
  assert.equal(flat.code, 0, flat.stderr);
  const json = JSON.parse(readFileSync(join(dir, "wide.json"), "utf8")) as { scores: { INDEX: number[] } };
  near(json.scores.INDEX, w.expected, "wide CLI");
  const tooWide = await spawnCli([
    "compute",
    join(dir, "wide.csv"),
    "--meta",
    join(dir, "wide-framework.csv"),
    "--out",
    join(dir, "wide.xlsx"),
    "--csv",
    join(dir, "wide2.csv"),
  ]);
  assert.equal(tooWide.code, 1, tooWide.stderr);
  assert.match(tooWide.stderr, /columns, more than Excel's 16,384/);
  assert.ok(!existsSync(join(dir, "wide.xlsx")) && !existsSync(join(dir, "wide2.csv")), "nothing written");
});

/** Source files of src/ without comments. */
function sources(dir = join(REPO, "src")): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    if (!/\.ts$/.test(name)) return [];
    return [
      {
        path,
        text: readFileSync(path, "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/(^|[^:"'`])\/\/.*$/gm, "$1"),
      },
    ];
  });
}

test("no argument spread into Math.max/min, push, unshift, fromCharCode or replaceChildren anywhere in src/ (the stack limit is ~100,000 arguments)", () => {
  const offenders: string[] = [];
  for (const { path, text } of sources()) {
    for (const m of text.matchAll(
      /(?:Math\.(?:max|min)|\.push|\.unshift|\.fromCharCode|\.fromCodePoint|\.replaceChildren|\.append|\.splice|\.concat)\(/g,
    )) {
      // Walk the call's arguments; a top-level argument that starts with "..." is a spread.
      let depth = 0;
      let start = true;
      for (let k = m.index + m[0].length; k < text.length; k++) {
        const ch = text[k]!;
        if (start && /\s/.test(ch)) continue;
        if (start && text.startsWith("...", k) && depth === 0) {
          offenders.push(`${path.slice(REPO.length + 1)}: ${text.slice(m.index, m.index + 60).split("\n")[0]}`);
          break;
        }
        start = false;
        if ("([{".includes(ch)) depth++;
        else if (")]}".includes(ch)) {
          if (depth === 0) break;
          depth--;
        } else if (ch === "," && depth === 0) start = true;
      }
    }
  }
  assert.deepEqual(offenders, []);
});
