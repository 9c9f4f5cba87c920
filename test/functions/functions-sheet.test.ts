/**
 * The sample's Functions sheet, evaluated: every live formula is parsed, its ranges are read from the
 * sample tables (and from earlier results on the sheet), the IDX function runs, and the results
 * land where the sheet says they spill. The index column must equal the engine on the sample.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fns from "../../src/functions/functions";
import { FILE_PREFIX, functionsSheetSpills, functionsSheetTable } from "../../src/core/sample/functions-sheet";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample/ieci";
import { computeIndex } from "../../src/core/pipeline";
import { settingsToSpecInput } from "../../src/core/spec";
import type { Table } from "../../src/core/types";
import { errorOf } from "./excel-like";

type Grid = Map<string, unknown>; // "B17" -> value

const colIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
const parseCell = (ref: string) => {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return { col: colIndex(m[1]!), row: Number(m[2]) - 1 };
};
const address = (row: number, col: number) => {
  let n = col + 1;
  let s = "";
  while (n > 0) ((s = String.fromCharCode(65 + ((n - 1) % 26)) + s), (n = Math.floor((n - 1) / 26)));
  return `${s}${row + 1}`;
};

const SHEETS: Record<string, Table> = {
  Data: ieciDataTable(),
  Framework: ieciFrameworkTable(),
  Settings: ieciSettingsTable(),
};

/** A range as Excel passes it: empty cells as "". */
function readRange(ref: string, grid: Grid): unknown[][] {
  const [sheet, area] = ref.includes("!") ? (ref.split("!") as [string, string]) : [null, ref];
  const [from, to] = area.split(":") as [string, string | undefined];
  const a = parseCell(from);
  const b = parseCell(to ?? from);
  const out: unknown[][] = [];
  for (let r = a.row; r <= b.row; r++) {
    const row: unknown[] = [];
    for (let c = a.col; c <= b.col; c++) row.push((sheet ? SHEETS[sheet]![r]?.[c] : grid.get(address(r, c))) ?? "");
    out.push(row);
  }
  return out;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "{" || ch === "(")) depth++;
    if (!quoted && (ch === "}" || ch === ")")) depth--;
    if (ch === "," && depth === 0 && !quoted) (args.push(current.trim()), (current = ""));
    else current += ch;
  }
  args.push(current.trim());
  return args;
}

function evaluateArg(arg: string, grid: Grid): unknown {
  if (arg === "") return null; // omitted argument
  if (arg.startsWith('"')) return arg.slice(1, -1);
  if (arg.startsWith("{")) return [arg.slice(1, -1).split(",").map(Number)];
  return readRange(arg, grid);
}

function evaluate(formula: string, grid: Grid): unknown {
  const call = new RegExp(`^=${FILE_PREFIX}([A-Z]+)\\((.*)\\)$`).exec(formula);
  if (call) {
    const fn = (fns as Record<string, (...args: unknown[]) => unknown>)[call[1]!.toLowerCase()]!;
    assert.ok(fn, `IDX.${call[1]} exists`);
    return fn(...splitArgs(call[2]!).map((a) => evaluateArg(a, grid)));
  }
  const division = /^=(\d+)\/(\d+)$/.exec(formula);
  if (division) return Number(division[1]) / Number(division[2]);
  return readRange(formula.slice(1), grid);
}

test("every live formula of the Functions sheet computes (no #VALUE!) and fills its declared spill area", () => {
  const table = functionsSheetTable();
  const spills = new Map(functionsSheetSpills().map((s) => [s.cell, s.ref]));
  const grid: Grid = new Map();
  table.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && grid.set(address(r, c), v)));
  const used = new Set<string>();
  // Constant formulas (=1/2) first, as Excel's calculation chain would.
  table.forEach((row, r) =>
    row.forEach((value, c) => {
      if (typeof value === "string" && /^=\d+\/\d+$/.test(value)) grid.set(address(r, c), evaluate(value, grid));
    }),
  );
  table.forEach((row, r) =>
    row.forEach((value, c) => {
      if (typeof value !== "string" || !value.startsWith("=") || /^=\d+\/\d+$/.test(value)) return;
      const cell = address(r, c);
      const result = evaluate(value, grid);
      assert.equal(errorOf(result), undefined, `${cell} ${value}: ${errorOf(result)?.message}`);
      if (!Array.isArray(result)) return grid.set(cell, result);
      const ref = spills.get(cell);
      assert.ok(ref, `${cell} declares its spill area`);
      const [from, to] = ref.split(":") as [string, string];
      const end = parseCell(to);
      assert.equal(result.length, end.row - r + 1, `${cell} spill height`);
      assert.equal((result[0] as unknown[]).length, end.col - c + 1, `${cell} spill width`);
      assert.equal(from, cell);
      (result as unknown[][]).forEach((rowValues, dr) =>
        rowValues.forEach((v, dc) => {
          const target = address(r + dr, c + dc);
          if (dr > 0 || dc > 0)
            assert.ok(!used.has(target) && !grid.has(target), `${cell} spills over ${target}, which is taken`);
          used.add(target);
          grid.set(target, v);
        }),
      );
    }),
  );
  // The index column equals the engine on the sample with its Settings.
  const { spec } = settingsToSpecInput(ieciSettingsTable());
  const engine = computeIndex(ieciDataTable(), ieciFrameworkTable(), spec);
  const root = engine.scores.columns[engine.scores.codes.indexOf(engine.framework.root)]!;
  engine.units.rows.forEach((dataRow, u) => {
    const v = grid.get(`B${16 + dataRow}`);
    if (Number.isNaN(root[u]!)) assert.equal(v, "");
    else assert.equal(v, root[u], `index of unit ${engine.units.codes[u]}`);
  });
  assert.equal(grid.get("A17"), "LON");
  // The AHP pillar example: weights sum to 1 and the judgments are consistent enough.
  const cr = grid.get("G62") as number;
  assert.ok(cr >= 0 && cr < 0.1, `CR ${cr}`);
  close(
    ["F62", "F63", "F64"].reduce((s, a) => s + (grid.get(a) as number), 0),
    1,
  );
  assert.equal(grid.get("A67"), engine.framework.root, "node * starts with the top aggregate");
});

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
}

test("the catalogue shows each formula as typed (text, never a formula) and names every function", () => {
  const table = functionsSheetTable();
  const catalogue = table.slice(4, 12);
  assert.deepEqual(
    catalogue.map((row) => row[0]),
    ["IDX.INDEX", "IDX.RANK", "IDX.SCORE", "IDX.NORMALIZE", "IDX.WINSORIZE", "IDX.WEIGHTS", "IDX.AHP", "IDX.AHPCR"],
  );
  for (const row of catalogue) {
    assert.match(String(row[1]), /^IDX\.[A-Z]+\(/);
    assert.ok(!String(row[2]).startsWith("="));
  }
  const formulas = table.flat().filter((v): v is string => typeof v === "string" && v.startsWith("="));
  for (const name of ["INDEX", "RANK", "SCORE", "NORMALIZE", "WINSORIZE", "WEIGHTS", "AHP", "AHPCR"]) {
    assert.ok(
      formulas.some((f) => f.includes(`${FILE_PREFIX}${name}(`)),
      `a live ${name} formula`,
    );
  }
});
