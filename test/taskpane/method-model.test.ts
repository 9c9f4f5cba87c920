/** The method panel's model (issue 15): fields from the registry, what differs from Settings, the run's overrides. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ieciSettingsTable } from "../../src/core/sample";
import {
  checkValues,
  differences,
  flattenOptions,
  methodParams,
  overridesOf,
  removePrefix,
  setValue,
  stepFields,
  valuesOf,
} from "../../src/taskpane/method-model";

const sample = () =>
  valuesOf(
    ieciSettingsTable()
      .slice(1)
      .map(([key, value]) => ({ key: String(key), value: value as string | number | boolean, address: "" })),
  );

test("method model: fields come from the registry (parameters, kinds, defaults), one select per aggregation level", () => {
  assert.deepEqual(methodParams("treat", "winsorize"), [
    { name: "winmax", kind: "number", fallback: 5 },
    { name: "skewThreshold", kind: "number", fallback: 2 },
    { name: "kurtThreshold", kind: "number", fallback: 3.5 },
    { name: "fallback", kind: "select", choices: ["log", "none"], fallback: "log" },
  ]);
  assert.deepEqual(methodParams("aggregate", "power"), [{ name: "p", kind: "number" }]);
  const base = sample();
  assert.deepEqual(
    stepFields("treat", base, 4).map((f) => f.key),
    ["treat.method", "treat.winmax", "treat.skewThreshold", "treat.kurtThreshold", "treat.fallback"],
  );
  assert.deepEqual(
    stepFields("treat", setValue(base, base, "treat.method", "none"), 4).map((f) => f.key),
    ["treat.method"],
  );
  assert.deepEqual(
    stepFields("aggregate", base, 4).map((f) => f.key),
    ["aggregate.method", "aggregate.byLevel.2.method", "aggregate.byLevel.3.method", "aggregate.byLevel.4.method"],
  );
  assert.equal(stepFields("aggregate", base, 4)[1]!.choices![0], "", "a level may follow the global method");
  // The default method when Settings have no key: the engine's (parseSpec), e.g. no imputation.
  assert.equal(stepFields("impute", new Map(), 2)[0]!.key, "impute.method");
});

test("method model: differences mark exactly what changed; equal text and numbers are not a change", () => {
  const base = sample();
  assert.deepEqual(differences(base, base), []);
  assert.deepEqual(
    differences(base, setValue(base, base, "treat.winmax", "5")),
    [],
    '"5" typed equals the number 5 in Settings',
  );
  const changed = setValue(base, base, "treat.winmax", 4);
  assert.deepEqual(differences(base, changed), [{ key: "treat.winmax", value: 4, before: 5 }]);
  // A new method drops the old one's parameters; going back brings Settings' values back (no change left).
  const zscore = setValue(base, base, "normalize.method", "zscore");
  assert.deepEqual(
    differences(base, zscore).map((d) => [d.key, d.value]),
    [
      ["normalize.method", "zscore"],
      ["normalize.low", null],
      ["normalize.high", null],
    ],
  );
  assert.deepEqual(differences(base, setValue(zscore, base, "normalize.method", "minmax")), []);
  // An exception and a weight are additions; removing them is no change.
  const more = setValue(setValue(base, base, "normalize.byIndicator.PM25.method", "rank"), base, "weights.ATT", 2);
  assert.deepEqual(
    differences(base, more).map((d) => [d.key, d.before, d.value]),
    [
      ["normalize.byIndicator.PM25.method", null, "rank"],
      ["weights.ATT", null, 2],
    ],
  );
  assert.deepEqual(
    differences(base, removePrefix(removePrefix(more, "normalize.byIndicator.PM25"), "weights.ATT")),
    [],
  );
});

test("method model: overrides nest the changes (null removes a key) and flatten back; engine problems name the option", () => {
  const base = sample();
  const values = setValue(
    setValue(base, base, "treat.method", "none"),
    base,
    "aggregate.byLevel.2.method",
    "geometric",
  );
  const options = overridesOf(differences(base, values))!;
  assert.deepEqual(JSON.parse(JSON.stringify(options)), {
    treat: { method: "none", winmax: null, skewThreshold: null, kurtThreshold: null },
    aggregate: { byLevel: { 2: { method: "geometric" } } },
  });
  assert.deepEqual(flattenOptions(options), [
    ["treat.method", "none"],
    ["treat.winmax", null],
    ["treat.skewThreshold", null],
    ["treat.kurtThreshold", null],
    ["aggregate.byLevel.2.method", "geometric"],
  ]);
  assert.equal(overridesOf([]), null);
  assert.deepEqual(checkValues(base), []);
  const bad = checkValues(setValue(setValue(base, base, "aggregate.method", "power"), base, "aggregate.p", 0));
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.key, /^aggregate/);
  assert.match(bad[0]!.message, /p must not be 0/);
});
