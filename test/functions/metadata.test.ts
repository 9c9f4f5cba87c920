/** functions.json generated from the JSDoc of src/functions/functions.ts: no errors, every function with its parameters. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

interface Metadata {
  functions: { id: string; name: string; description?: string; parameters: { name: string; optional?: boolean; dimensionality?: string }[]; result: { dimensionality?: string } }[];
}

const EXPECTED: Record<string, { params: string[]; optional: string[]; spills: boolean }> = {
  NORMALIZE: { params: ["values", "method", "low", "high"], optional: ["method", "low", "high"], spills: true },
  RANK: { params: ["scores", "ascending"], optional: ["ascending"], spills: true },
  SCORE: { params: ["data", "weights", "directions", "normalize", "aggregate"], optional: ["directions", "normalize", "aggregate"], spills: true },
  INDEX: { params: ["data", "framework", "node", "settings", "edition"], optional: ["node", "settings", "edition"], spills: true },
  RANKCHANGE: { params: ["current", "previous", "scores"], optional: ["scores"], spills: true },
  WEIGHTS: { params: ["data", "method"], optional: ["method"], spills: true },
  AHP: { params: ["matrix"], optional: [], spills: true },
  AHPCR: { params: ["matrix"], optional: [], spills: false },
  WINSORIZE: { params: ["values", "winmax", "skewThreshold", "kurtThreshold"], optional: ["winmax", "skewThreshold", "kurtThreshold"], spills: true },
};

test("custom-functions-metadata reports no error and lists every function with its parameters", async () => {
  const source = join(__dirname, "..", "..", "src", "functions", "functions.ts");
  // The command line only prints these errors; here they fail the test.
  const generated = await generateCustomFunctionsMetadata(source, false);
  assert.deepEqual(generated.errors, []);
  const metadata = JSON.parse(generated.metadataJson) as Metadata;
  assert.deepEqual(metadata.functions.map((f) => f.id).sort(), Object.keys(EXPECTED).sort());
  for (const fn of metadata.functions) {
    const expected = EXPECTED[fn.id]!;
    assert.equal(fn.name, fn.id);
    assert.ok(fn.description && fn.description.length > 20, `${fn.id} has a description`);
    assert.deepEqual(fn.parameters.map((p) => p.name), expected.params, `${fn.id} parameters`);
    assert.deepEqual(fn.parameters.filter((p) => p.optional).map((p) => p.name), expected.optional, `${fn.id} optional parameters`);
    assert.equal(fn.parameters[0]!.dimensionality, "matrix", `${fn.id} takes a range first`);
    assert.equal(fn.result.dimensionality === "matrix", expected.spills, `${fn.id} result shape`);
  }
  assert.deepEqual(generated.associate.map((a) => `${a.id}=${a.functionName}`).sort(), Object.keys(EXPECTED).map((id) => `${id}=${id.toLowerCase()}`).sort());
});
