import { test } from "node:test";
import assert from "node:assert/strict";
import { IndexInputError } from "../../../src/core/engine";
import { parseUncertainInputs } from "../../../src/core/uncertainty/inputs-schema";

test("uncertain inputs from JSON: strings and blocks, defaults filled in as in a pipeline spec", () => {
  const inputs = parseUncertainInputs({
    weights: { factor: 0.3, levels: [1, 2] },
    normalize: ["minmax", { method: "zscore", sd: 10 }],
    aggregate: ["arithmetic", { method: "power", p: 2 }],
    impute: ["median", { method: "group-mean", group: "Region" }],
    winsorize: { min: 1, max: 5 },
  });
  assert.deepEqual(inputs, {
    weights: { factor: 0.3, levels: [1, 2] },
    normalize: [
      { method: "minmax", low: 0, high: 100 },
      { method: "zscore", mean: 0, sd: 10 },
    ],
    aggregate: [{ method: "arithmetic" }, { method: "power", p: 2 }],
    impute: [{ method: "median" }, { method: "group-mean", group: "Region" }],
    winsorize: { min: 1, max: 5 },
  });
  assert.deepEqual(parseUncertainInputs({ weights: false }), { weights: false });
});

test("every mistake is reported with its place and what is allowed", () => {
  try {
    parseUncertainInputs({
      weights: { factor: 1.2 },
      normalize: ["minmax", "percentil"],
      winsorize: { min: 4, max: 2 },
      noise: 1,
      aggregate: [],
    });
    assert.fail("should throw");
  } catch (error) {
    assert.ok(error instanceof IndexInputError);
    const where = error.issues.map((i) => i.column).sort();
    assert.deepEqual(where, [
      "inputs.aggregate",
      "inputs.noise",
      "inputs.normalize[1]",
      "inputs.weights",
      "inputs.winsorize",
    ]);
    assert.match(error.message, /unknown method "percentil"; allowed: minmax/);
  }
  assert.throws(() => parseUncertainInputs([1]), /must be an object/);
});
