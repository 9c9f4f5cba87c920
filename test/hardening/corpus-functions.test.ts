/**
 * The corpus through the worksheet function IDX.INDEX(data, framework, "*", settings), with cells
 * as Excel passes them (blank = ""). A bad table gives #VALUE! whose message names the cell;
 * a good one gives the hand-computed scores in the rows of their units; nothing ever throws.
 */
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import * as fns from "../../src/functions/functions";
import { FunctionError } from "../../src/functions/errors";
import { assertNamed, assertPrototypeClean, assertUnits, loadCorpus, specToSettings, type Naming } from "./corpus";

const NAMING: Naming = { sheet: { Data: "Data", Framework: "Framework" } };
// Hostile settings (corpus proto-*) must never reach a prototype shared by later cases.
afterEach(() => assertPrototypeClean("after this case"));
/** Excel's custom-function ranges hold numbers, strings and booleans; a blank cell is "". */
const asExcelRange = (table: readonly (readonly unknown[])[]) =>
  table.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : cell)));

for (const c of loadCorpus()) {
  test(`worksheet function: ${c.name}`, () => {
    const settings = c.spec ? specToSettings(c.spec) : undefined;
    let out: unknown[][] = [];
    assert.doesNotThrow(() => (out = fns.index(asExcelRange(c.data), asExcelRange(c.framework), "*", settings)));
    const { expect } = c;
    if (expect.outcome === "error") {
      assert.equal(out.length, 1);
      const error = out[0]![0];
      assert.ok(error instanceof FunctionError, `${c.name}: #VALUE!, got ${JSON.stringify(out).slice(0, 200)}`);
      assert.equal(error.code, "#VALUE!");
      assert.doesNotMatch(
        error.message,
        /could not compute this/,
        `${c.name}: an expected failure, not an unexpected one`,
      );
      assert.ok(!error.message.endsWith("…"), `${c.name}: the whole message fits Excel's 255 characters`);
      assertNamed(error.message, expect.message, expect.where, NAMING, c.name);
      return;
    }
    const header = out[0] as string[];
    const rootColumn = 0; // "*" lists aggregates top-down: the index first
    assert.ok(header.length >= 1 && typeof header[0] === "string");
    assert.equal(out.length, c.data.length, `${c.name}: one row per Data row plus the header`);
    const index = new Map<string, number | null>();
    c.data.slice(1).forEach((row, r) => {
      const code = row[0];
      const v = out[r + 1]![rootColumn];
      for (const cell of out[r + 1]!)
        assert.ok(
          cell === "" || (typeof cell === "number" && Number.isFinite(cell)),
          `${c.name}: only numbers or blanks`,
        );
      if (code !== null && code !== "") index.set(String(code), typeof v === "number" ? v : null);
    });
    assertUnits({ index }, expect, c.name);
  });
}

test("worksheet function: error cells passed as error objects ({ code: '#N/A' }) are missing data or a clear #VALUE!, never 'could not compute'", () => {
  const base = loadCorpus().find((c) => c.name === "text-na")!;
  const data = asExcelRange(base.data).map((row, r) =>
    r === 2 ? [row[0], row[1], new FunctionError("#N/A"), row[3], row[4]] : row,
  );
  const out = fns.index(data, asExcelRange(base.framework));
  assert.deepEqual(
    out.map((row) => row[0]),
    [75, 25, 33.333333333333336, 45.833333333333336],
    "#N/A is missing data: hand-computed as in text-na.json",
  );
  const framework = asExcelRange(base.framework).map((row, r) =>
    r === 4 ? [row[0], row[1], row[2], new FunctionError("#DIV/0!"), row[4]] : row,
  );
  const error = fns.index(asExcelRange(base.data), framework)[0]![0];
  assert.ok(error instanceof FunctionError);
  assert.match(error.message, /^Framework!D5: weight "#DIV\/0!" is not a number/);
});
