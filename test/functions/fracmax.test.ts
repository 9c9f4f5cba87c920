/** IDX.NORMALIZE with fracmax follows the engine's rule (values > 0), with the row of the range named. */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as fns from "../../src/functions/functions";

test("IDX.NORMALIZE fracmax over a zero is #VALUE! naming the row of the range", () => {
  const out = fns.normalize([[1], [0], [3]], "fracmax") as unknown as { code: string; message: string }[][];
  assert.equal(out[0]![0]!.code, "#VALUE!");
  assert.match(
    out[0]![0]!.message,
    /^row 2, Indicator column 1 cannot be normalized by fraction of the best value \(fracmax\): this value is 0/,
  );
});
