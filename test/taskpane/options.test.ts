import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSpec } from "../../src/core/spec";
import {
  defaultOptions,
  optionsToSpecInput,
  specInputToOptions,
  METHOD_PARAMS,
  STEP_METHODS,
} from "../../src/taskpane/options";

test("the default form gives the engine's default spec", () => {
  const { spec, errors } = optionsToSpecInput(defaultOptions());
  assert.deepEqual(errors, []);
  assert.deepEqual(parseSpec(spec), parseSpec(undefined));
});

test("methods and their parameters reach the spec as numbers, booleans and text", () => {
  const form = defaultOptions();
  form.methods = { impute: "group-median", treat: "winsorize", normalize: "zscore", aggregate: "power" };
  Object.assign(form.params, {
    group: "Region",
    winmax: "3",
    skewThreshold: "2.25",
    kurtThreshold: "4",
    mean: "10",
    sd: "2",
    p: "0.5",
  });
  const { spec, errors } = optionsToSpecInput(form);
  assert.deepEqual(errors, []);
  assert.deepEqual(spec, {
    impute: { method: "group-median", group: "Region" },
    treat: { method: "winsorize", winmax: 3, skewThreshold: 2.25, kurtThreshold: 4 },
    normalize: { method: "zscore", mean: 10, sd: 2 },
    aggregate: { method: "power", p: 0.5 },
  });
  const parsed = parseSpec(spec);
  assert.deepEqual(parsed.treat, {
    method: "winsorize",
    winmax: 3,
    skewThreshold: 2.25,
    kurtThreshold: 4,
    fallback: "log",
  });
  assert.equal(parsed.aggregate.p, 0.5);
});

test("parameters of methods not chosen are left out", () => {
  const form = defaultOptions();
  form.methods.normalize = "rank";
  form.params.low = "not a number"; // hidden field: ignored
  const { spec, errors } = optionsToSpecInput(form);
  assert.deepEqual(errors, []);
  assert.deepEqual(spec.normalize, { method: "rank" });
});

test("bad values are reported on their field: non-numbers, high <= low, p = 0, empty group", () => {
  const form = defaultOptions();
  form.params.high = "1,5";
  assert.deepEqual(optionsToSpecInput(form).errors, [{ field: "normalize.high", message: '"1,5" is not a number' }]);
  form.params.high = " ";
  assert.deepEqual(optionsToSpecInput(form).errors, [{ field: "normalize.high", message: "a number is needed" }]);
  form.params.high = "0";
  const swapped = optionsToSpecInput(form).errors;
  assert.equal(swapped.length, 1);
  assert.equal(swapped[0]!.field, "normalize");
  assert.match(swapped[0]!.message, /high must be greater than low/);
  const power = defaultOptions();
  power.methods.aggregate = "power";
  power.params.p = "0";
  assert.deepEqual(
    optionsToSpecInput(power).errors.map((e) => e.field),
    ["aggregate.p"],
  );
  const group = defaultOptions();
  group.methods.impute = "group-mean";
  assert.deepEqual(
    optionsToSpecInput(group).errors.map((e) => e.field),
    ["impute.group"],
  );
});

test("spec → form → spec round-trips for every method (stored choices reopen as saved)", () => {
  for (const step of Object.keys(STEP_METHODS) as (keyof typeof STEP_METHODS)[]) {
    for (const method of STEP_METHODS[step]) {
      const form = defaultOptions();
      form.methods[step] = method;
      form.params.group = "Region";
      form.params.cap = "true";
      const first = optionsToSpecInput(form);
      assert.deepEqual(first.errors, [], `${step}=${method}`);
      const again = optionsToSpecInput(specInputToOptions(first.spec));
      assert.deepEqual(again.spec, first.spec, `${step}=${method}`);
      for (const param of METHOD_PARAMS[step][method] ?? [])
        assert.ok(param in (first.spec[step] as object), `${step}.${param}`);
    }
  }
  // Settings-sheet style shorthand ("normalize": "borda") and junk are tolerated.
  assert.equal(specInputToOptions({ normalize: "borda", aggregate: 42 }).methods.normalize, "borda");
  assert.equal(specInputToOptions({ normalize: { method: "nope" } }).methods.normalize, "minmax");
});
