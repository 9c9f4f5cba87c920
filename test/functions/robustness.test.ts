/** No function throws into Excel, whatever it is given; Excel's own Error class is used when present. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as fns from "../../src/functions/functions";
import { FunctionError, valueError } from "../../src/functions/errors";

const cell = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 9 }),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(""),
  fc.constant(null),
);
const range = fc
  .integer({ min: 1, max: 5 })
  .chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 }));
const anyArg = fc.oneof(range, cell, fc.constant(undefined), fc.constant([]), fc.constant([[1], [2, 3]]));

/** Every cell of a result is a finite number, "" or a #VALUE! error; a scalar result is a number or an error. */
function assertExcelSafe(result: unknown, name: string): void {
  const ok = (v: unknown) =>
    (typeof v === "number" && Number.isFinite(v)) || v === "" || typeof v === "string" || v instanceof FunctionError;
  if (!Array.isArray(result)) return assert.ok(ok(result), `${name} returned ${String(result)}`);
  const width = (result[0] as unknown[]).length;
  for (const row of result as unknown[][]) {
    assert.equal(row.length, width, `${name}: rectangular result`);
    for (const v of row) assert.ok(ok(v), `${name} returned the cell ${String(v)}`);
  }
}

test("no function throws, and results hold only numbers, blanks, header text or #VALUE!", () => {
  const calls: [string, (a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => unknown][] = Object.entries(
    fns,
  ).map(([name, fn]) => [name, fn as never]);
  fc.assert(
    fc.property(anyArg, anyArg, anyArg, anyArg, anyArg, (a, b, c, d, e) => {
      for (const [name, fn] of calls) assertExcelSafe(fn(a, b, c, d, e), name);
    }),
    { numRuns: 300 },
  );
});

test("Excel's CustomFunctions.Error is used when it exists", () => {
  class FakeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const g = globalThis as Record<string, unknown>;
  g.CustomFunctions = { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!" } };
  try {
    const error = valueError("fix me");
    assert.ok(error instanceof FakeError, "Excel's CustomFunctions.Error is used when it exists");
    assert.equal(error.code, "#VALUE!");
    const inCell = fns.rank([[1]], "maybe")[0]![0];
    assert.ok(inCell instanceof FakeError);
  } finally {
    delete g.CustomFunctions;
  }
});
