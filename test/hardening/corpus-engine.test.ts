/** The corpus through the engine: computeIndex gives the expected result or a typed error naming the cell. */
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, formatIssue, IndexComputeError, IndexInputError } from "../../src/core/engine";
import { assertNamed, assertPrototypeClean, assertUnits, assertWarnings, loadCorpus, type Naming } from "./corpus";

const NAMING: Naming = { sheet: { Data: "Data", Framework: "Framework" } };
// Hostile settings (corpus proto-*) must never reach a prototype shared by later cases.
afterEach(() => assertPrototypeClean("after this case"));
const cases = loadCorpus();

test("the corpus covers every hostile input the hardening issue lists", () => {
  assert.ok(cases.length >= 40);
  for (const c of cases) assert.ok(c.about.length > 10, `${c.name} says what it tests`);
});

for (const c of cases) {
  test(`engine: ${c.name}`, () => {
    const { expect } = c;
    if (expect.outcome === "error") {
      const Type = expect.kind === "input" ? IndexInputError : IndexComputeError;
      assert.throws(
        () => computeIndex(c.data, c.framework, c.spec),
        (error: unknown) => {
          assert.ok(error instanceof Type, `${c.name}: expected ${Type.name}, got ${String(error)}`);
          // A compute error carries the reading problems that explain it (cells that are not numbers…).
          const related = error instanceof IndexComputeError ? error.related.map((i) => formatIssue(i)) : [];
          assertNamed([(error as Error).message, ...related].join("\n"), expect.message, expect.where, NAMING, c.name);
          return true;
        },
      );
      return;
    }
    const result = computeIndex(c.data, c.framework, c.spec);
    assertWarnings(
      result.warnings.map((w) => formatIssue(w)),
      expect.warnings,
      expect.outcome,
      NAMING,
      c.name,
    );
    const root = result.scores.columns.length - 1;
    const unitMap = (column: Float64Array) =>
      new Map(result.units.codes.map((code, u) => [code, Number.isNaN(column[u]!) ? null : column[u]!]));
    assertUnits(
      {
        index: unitMap(result.scores.columns[root]!),
        ranks: unitMap(result.ranks.columns[root]!),
        names: new Map(result.units.codes.map((code, u) => [code, result.units.names[u]!])),
      },
      expect,
      c.name,
    );
    for (const { unit, indicator, value } of expect.raw ?? []) {
      const u = result.units.codes.indexOf(unit);
      assert.equal(
        result.steps.raw.columns[result.steps.raw.codes.indexOf(indicator)]![u],
        value,
        `${c.name}: raw ${unit}/${indicator}`,
      );
    }
    // No silent NaN: every included unit without an index score has a warning naming its row.
    result.units.codes.forEach((code, u) => {
      if (result.included[u] === 1 && Number.isNaN(result.scores.columns[root]![u]!)) {
        assert.ok(
          result.warnings.some((w) => w.row === result.units.rows[u] && /no \S+ score/.test(w.message)),
          `${c.name}: ${code} has no score and no warning`,
        );
      }
    });
  });
}

test("engine: blank rows above a header name the row to start from (not 'the table is empty'); a truly empty table says empty", () => {
  const base = cases.find((c) => c.name === "text-na")!;
  const blank = [null, null, null, null, null];
  assert.throws(
    () => computeIndex([blank, blank, ...base.data], base.framework),
    (e: unknown) =>
      e instanceof IndexInputError &&
      /^Data row 1: the first row is blank, but it must be the header; delete the empty rows above row 3$/.test(
        e.message,
      ),
  );
  assert.throws(
    () => computeIndex(base.data, [blank, ...base.framework]),
    (e: unknown) =>
      e instanceof IndexInputError &&
      /^Framework row 1: the first row is blank, but it must be the header; delete the empty row above row 2$/.test(
        e.message,
      ),
  );
  assert.throws(
    () => computeIndex([blank, blank], base.framework),
    (e: unknown) => e instanceof IndexInputError && /^Data: the Data table is empty/.test(e.message),
  );
});
