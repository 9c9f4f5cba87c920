/** functions.json generated from the JSDoc of src/functions/functions.ts: no errors, every function with its parameters. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { finishFunctionsMetadata } = require("../../src/functions/metadata-options.cjs") as {
  finishFunctionsMetadata: (json: string) => string;
};

interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: {
    id: string;
    name: string;
    description?: string;
    parameters: { name: string; type?: string; optional?: boolean; dimensionality?: string }[];
    result: { dimensionality?: string };
  }[];
}

const EXPECTED: Record<string, { params: string[]; optional: string[]; spills: boolean }> = {
  NORMALIZE: { params: ["values", "method", "low", "high"], optional: ["method", "low", "high"], spills: true },
  RANK: { params: ["scores", "ascending"], optional: ["ascending"], spills: true },
  SCORE: {
    params: ["data", "weights", "directions", "normalize", "aggregate"],
    optional: ["directions", "normalize", "aggregate"],
    spills: true,
  },
  INDEX: {
    params: ["data", "framework", "node", "settings", "edition"],
    optional: ["node", "settings", "edition"],
    spills: true,
  },
  RANKCHANGE: { params: ["current", "previous", "scores"], optional: ["scores"], spills: true },
  WEIGHTS: { params: ["data", "method"], optional: ["method"], spills: true },
  AHP: { params: ["matrix"], optional: [], spills: true },
  AHPCR: { params: ["matrix"], optional: [], spills: false },
  WINSORIZE: {
    params: ["values", "winmax", "skewThreshold", "kurtThreshold"],
    optional: ["winmax", "skewThreshold", "kurtThreshold"],
    spills: true,
  },
};

test("custom-functions-metadata reports no error and lists every function with its parameters", async () => {
  const source = join(__dirname, "..", "..", "src", "functions", "functions.ts");
  // The command line only prints these errors; here they fail the test.
  const generated = await generateCustomFunctionsMetadata(source, false);
  assert.deepEqual(generated.errors, []);
  // As the build ships it: error cells reach parameters of type any (allowErrorForDataTypeAny).
  const metadata = JSON.parse(finishFunctionsMetadata(generated.metadataJson)) as Metadata;
  assert.equal(metadata.allowErrorForDataTypeAny, true);
  assert.equal(metadata.allowCustomDataForDataTypeAny, true, "the generator's own option is kept");
  assert.deepEqual(metadata.functions.map((f) => f.id).sort(), Object.keys(EXPECTED).sort());
  for (const fn of metadata.functions) {
    const expected = EXPECTED[fn.id]!;
    assert.equal(fn.name, fn.id);
    assert.ok(fn.description && fn.description.length > 20, `${fn.id} has a description`);
    assert.deepEqual(
      fn.parameters.map((p) => p.name),
      expected.params,
      `${fn.id} parameters`,
    );
    assert.deepEqual(
      fn.parameters.filter((p) => p.optional).map((p) => p.name),
      expected.optional,
      `${fn.id} optional parameters`,
    );
    assert.equal(fn.parameters[0]!.dimensionality, "matrix", `${fn.id} takes a range first`);
    // No number-typed parameter: Excel would answer text there with a bare #VALUE!, before the
    // function could say what is wrong; ranges are type any, so error cells reach the function.
    for (const p of fn.parameters)
      assert.ok(p.type === "any" || p.type === "string", `${fn.id} ${p.name} is ${p.type}`);
    for (const p of fn.parameters) if (p.dimensionality === "matrix") assert.equal(p.type, "any", `${fn.id} ${p.name}`);
    assert.equal(fn.result.dimensionality === "matrix", expected.spills, `${fn.id} result shape`);
  }
  assert.deepEqual(
    generated.associate.map((a) => `${a.id}=${a.functionName}`).sort(),
    Object.keys(EXPECTED)
      .map((id) => `${id}=${id.toLowerCase()}`)
      .sort(),
  );
});
