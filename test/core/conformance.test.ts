/** The engine against COINr 1.1.14's own outputs on the ASEM example (test/fixtures/coinr-asem). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { columnOf, computeIndex } from "../../src/core/engine";
import { asemTables, expectedTable } from "../helpers/conformance";

const TOL = 1e-9;

function assertClose(actual: number, expected: number | null | string | undefined, what: string): void {
  if (expected === null || expected === undefined) {
    assert.ok(Number.isNaN(actual), `${what}: expected missing, got ${actual}`);
    return;
  }
  assert.equal(typeof expected, "number", `${what}: expected a number in the reference`);
  const e = expected as number;
  assert.ok(Math.abs(actual - e) <= TOL * Math.max(1, Math.abs(e)), `${what}: ${actual} differs from COINr's ${e}`);
}

function checkAgainst(file: string, spec: unknown): number {
  const { data, meta } = asemTables();
  const result = computeIndex(data, meta, spec);
  const expected = expectedTable(file);
  let checked = 0;
  assert.equal(result.units.codes.length, expected.size);
  result.units.codes.forEach((unit, i) => {
    const row = expected.get(unit);
    assert.ok(row, `unit ${unit} missing from ${file}`);
    for (const code of result.scores.codes) {
      assertClose(columnOf(result.scores, code)![i]!, row.get(code), `${file} ${unit} ${code}`);
      const rank = columnOf(result.ranks, code)![i]!;
      assert.equal(rank, row.get(`${code}_Rank`), `${file} ${unit} ${code}_Rank`);
      checked += 2;
    }
  });
  return checked;
}

test("default pipeline (min-max 0–100, arithmetic) equals COINr scores within 1e-9 and ranks exactly", () => {
  const checked = checkAgainst("expected-default.csv", {});
  assert.equal(checked, 51 * 11 * 2);
});

test("geometric pipeline (min-max 1–100, geometric mean) equals COINr", () => {
  checkAgainst("expected-geometric.csv", {
    normalize: { method: "minmax", low: 1, high: 100 },
    aggregate: { method: "geometric" },
  });
});

test("normalized indicators of the default pipeline equal COINr's", () => {
  const { data, meta } = asemTables();
  const result = computeIndex(data, meta, {});
  const expected = expectedTable("expected-default-normalized.csv");
  let checked = 0;
  result.units.codes.forEach((unit, i) => {
    const row = expected.get(unit)!;
    for (const code of result.steps.normalized.codes) {
      assertClose(columnOf(result.steps.normalized, code)![i]!, row.get(code), `normalized ${unit} ${code}`);
      checked++;
    }
  });
  assert.equal(checked, 51 * 49);
});

test("effective weights: each ASEM indicator's share is the product of its shares up the tree", () => {
  const { data, meta } = asemTables();
  const result = computeIndex(data, meta, {});
  // LPI: 1 of 8 indicators in Physical, 1 of 5 pillars in Conn, 1 of 2 sub-indices.
  assert.ok(Math.abs(result.effectiveWeights.get("LPI")! - (1 / 8) * (1 / 5) * (1 / 2)) < 1e-15);
  let total = 0;
  for (const node of result.framework.indicators) total += result.effectiveWeights.get(node.code)!;
  assert.ok(Math.abs(total - 1) < 1e-12);
});
