/**
 * The worksheet functions as Excel calls them (test/excel/fake-excel/custom-functions.ts): error
 * cells, blanks as null or as 0 (office-js #4702), text for number options. Each is called through
 * the metadata that the build ships (functions.json from the JSDoc, finished by metadata-options.cjs).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as fns from "../../src/functions/functions";
import { computeIndex } from "../../src/core/pipeline";
import { ieciDataTable, ieciFrameworkTable } from "../../src/core/sample/ieci";
import { invokeLikeExcel, type FunctionsMetadata, type SheetCell } from "../excel/fake-excel";
import { errorOf } from "./excel-like";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { finishFunctionsMetadata } = require("../../src/functions/metadata-options.cjs") as {
  finishFunctionsMetadata: (json: string) => string;
};

let cached: { raw: FunctionsMetadata; shipped: FunctionsMetadata } | null = null;
async function metadata(): Promise<{ raw: FunctionsMetadata; shipped: FunctionsMetadata }> {
  if (!cached) {
    const generated = await generateCustomFunctionsMetadata(
      join(__dirname, "..", "..", "src", "functions", "functions.ts"),
      false,
    );
    cached = {
      raw: JSON.parse(generated.metadataJson),
      shipped: JSON.parse(finishFunctionsMetadata(generated.metadataJson)),
    };
  }
  return cached;
}

/** A table as sheet cells: null/"" are blank cells. */
const asCells = (table: readonly (readonly unknown[])[]): SheetCell[][] =>
  table.map((row) => row.map((v) => (v === null || v === undefined || v === "" ? null : (v as SheetCell))));
const rootScores = (data: readonly (readonly unknown[])[], framework: readonly (readonly unknown[])[]) => {
  const result = computeIndex(data as never, framework as never, {});
  const root = result.scores.columns[result.scores.codes.indexOf(result.framework.root)]!;
  return result.units.rows.map((_, u) => root[u]);
};
const column = (result: unknown) => (result as unknown[][]).map((row) => row[0]);

test("an #N/A in the Data range: without allowErrorForDataTypeAny Excel fails IDX.INDEX with no message; with it, the cell is missing data as in the pane", async () => {
  const { raw, shipped } = await metadata();
  assert.equal(raw.allowErrorForDataTypeAny, undefined, "the generator alone does not set it");
  assert.equal(shipped.allowErrorForDataTypeAny, true);
  const data = asCells(ieciDataTable());
  data[3]![6] = { error: "#N/A" };
  const framework = asCells(ieciFrameworkTable());
  assert.deepEqual(invokeLikeExcel(raw, "INDEX", fns.index as never, [data, framework]), {
    called: false,
    error: "#N/A",
  });
  const call = invokeLikeExcel(shipped, "INDEX", fns.index as never, [data, framework]);
  assert.ok(call.called);
  assert.equal(errorOf(call.result), undefined, "scores, not an error");
  // The same as the engine with that cell missing (the pane reads #N/A as missing, with a warning).
  const withMissing = ieciDataTable().map((row, r) => (r === 3 ? row.map((v, c) => (c === 6 ? "#N/A" : v)) : row));
  const engine = computeIndex(withMissing, ieciFrameworkTable(), {});
  assert.ok(
    engine.warnings.some((w) => /#N\/A/.test(w.message)),
    "the engine warns about the cell",
  );
  assert.deepEqual(column(call.result), rootScores(withMissing, ieciFrameworkTable()));
  // Column functions: the error cell is a blank in the result, the rest as if it were blank.
  const values: SheetCell[][] = [[1], [{ error: "#DIV/0!" }], [3], [5]];
  const normalized = invokeLikeExcel(shipped, "NORMALIZE", fns.normalize as never, [values]);
  assert.ok(normalized.called);
  assert.deepEqual(normalized.result, [[0], [""], [50], [100]]);
});

test("blank cells as null (current builds) and as 0 (older desktop builds, office-js #4702): IDX.INDEX gives the engine's scores either way", async () => {
  const { shipped } = await metadata();
  // Data without missing values (a blank number cell as 0 cannot be told from a real 0).
  const data = ieciDataTable().map((row, r) => (r === 0 ? row : row.map((v) => (v === null ? 1 : v))));
  const framework = ieciFrameworkTable();
  assert.ok(
    framework.some((row) => row[3] === null),
    "the index row has an empty Parent",
  );
  const expected = rootScores(data, framework);
  for (const blanks of ["null", "zero"] as const) {
    const call = invokeLikeExcel(shipped, "INDEX", fns.index as never, [asCells(data), asCells(framework)], { blanks });
    assert.ok(call.called);
    assert.equal(errorOf(call.result), undefined, `blanks as ${blanks}: ${errorOf(call.result)?.message}`);
    assert.deepEqual(column(call.result), expected, `blanks as ${blanks}`);
  }
  // An empty Parent that arrives as 0 is not a code named "0": the same framework with 0 typed where
  // a current build would pass null gives the same index.
  const zeros = framework.map((row, r) => (r === 0 ? row : row.map((v) => (v === null ? 0 : v))));
  assert.deepEqual(column(fns.index(data as never, zeros as never)), expected);
  // On a current build a typed 0 in Parent is still an error naming its cell (blanks are null there).
  const typed = framework.map((row, r) => (r === 1 ? row.map((v, c) => (c === 3 ? 0 : v)) : row));
  assert.match(errorOf(fns.index(data as never, typed as never))!.message, /Parent "0"/);
});

test("text for a number option gets a message saying what to fix (a number-typed parameter would give a bare #VALUE!)", async () => {
  const { shipped } = await metadata();
  const byId = new Map(shipped.functions.map((f) => [f.id, f]));
  for (const [id, names] of [
    ["NORMALIZE", ["low", "high"]],
    ["WINSORIZE", ["winmax", "skewThreshold", "kurtThreshold"]],
  ] as const) {
    for (const name of names)
      assert.equal(byId.get(id)!.parameters.find((p) => p.name === name)!.type, "any", `${id} ${name}`);
  }
  const values: SheetCell[][] = [[1], [2], [3]];
  const asNumber: FunctionsMetadata = {
    functions: [
      {
        id: "NORMALIZE",
        parameters: [
          { name: "values", type: "any", dimensionality: "matrix" },
          { name: "method", type: "string", optional: true },
          { name: "low", type: "number", optional: true },
        ],
      },
    ],
  };
  assert.deepEqual(
    invokeLikeExcel(asNumber, "NORMALIZE", fns.normalize as never, [values, "minmax", "ten"]),
    { called: false, error: "#VALUE!" },
    "what a number type would do",
  );
  const low = invokeLikeExcel(shipped, "NORMALIZE", fns.normalize as never, [values, "minmax", "ten"]);
  assert.ok(low.called);
  assert.equal(errorOf(low.result)?.message, 'low must be a number, not "ten"');
  const winmax = invokeLikeExcel(shipped, "WINSORIZE", fns.winsorize as never, [values, "five"]);
  assert.ok(winmax.called);
  assert.equal(errorOf(winmax.result)?.message, 'winmax must be a number, not "five"');
  // Numbers still work, also typed as text ("10").
  const ok = invokeLikeExcel(shipped, "NORMALIZE", fns.normalize as never, [values, "minmax", "10", 20]);
  assert.ok(ok.called);
  assert.deepEqual(ok.result, [[10], [15], [20]]);
});
