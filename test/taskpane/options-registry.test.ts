/**
 * A method in the registry (src/core/methods) appears on every surface with no other edit: the spec's
 * allowed list, the pane's choices and labels (English and Chinese), and the worksheet functions'
 * messages. Each check iterates the registry, so a new entry is checked the day it is added.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { METHOD_STEPS, entriesOf, methodKeys, type MethodEntry } from "../../src/core/methods";
import { NORMALIZE_REGISTRY, type NormalizeEntry } from "../../src/core/methods/normalize";
import { AGGREGATE_REGISTRY } from "../../src/core/methods/aggregate";
import { IndexInputError } from "../../src/core/errors";
import { parseSpec } from "../../src/core/spec";
import {
  METHOD_PARAMS,
  OPTIONS_NOT_IN_PANE,
  PARAM_LABELS,
  STEP_METHODS,
  defaultOptions,
  optionsToSpecInput,
} from "../../src/taskpane/options";
import { t, type MessageKey } from "../../src/taskpane/i18n";
import { normalizeRange, scoreRows } from "../../src/functions/columns";

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof IndexInputError) return error.issues.map((i) => `${i.column}: ${i.message}`).join("\n");
    if (error instanceof Error) return error.message;
  }
  assert.fail("expected an error");
}

const listed = (message: string, name: string) =>
  new RegExp(`(: |, |or )${name.replace(/[-]/g, "\\-")}(,| |$)`).test(message);

test("the spec's unknown-method message lists every method of the step's registry, in its order", () => {
  for (const step of METHOD_STEPS) {
    const names = entriesOf(step).map(([name]) => name);
    const message = messageOf(() => parseSpec({ [step]: { method: "no-such-method" } }));
    assert.ok(message.endsWith(`unknown method "no-such-method"; allowed: ${names.join(", ")}`), message);
    // Per-level aggregation and per-indicator normalization read the same registry.
    if (step === "aggregate")
      assert.ok(
        messageOf(() => parseSpec({ aggregate: { byLevel: { 2: "x" } } })).endsWith(`allowed: ${names.join(", ")}`),
      );
    if (step === "normalize")
      assert.ok(
        messageOf(() => parseSpec({ normalize: { byIndicator: { I1: "x" } } })).endsWith(
          `allowed: ${names.join(", ")}`,
        ),
      );
  }
});

test("the pane offers every method with a non-empty label in English and in Chinese, and its options as inputs", () => {
  for (const step of METHOD_STEPS) {
    assert.deepEqual(
      [...STEP_METHODS[step]],
      entriesOf(step).map(([name]) => name),
      step,
    );
    for (const [name, entry] of entriesOf(step)) {
      const key = `method.${name}` as MessageKey;
      assert.equal(t("en", key), entry.label.en, `${step}.${name} en`);
      assert.equal(t("zh-CN", key), entry.label.zh, `${step}.${name} zh`);
      assert.notEqual(t("en", key), key);
      assert.notEqual(t("zh-CN", key), t("en", key), `${step}.${name}: the Chinese label is not the English one`);
      // Every option is an input of the pane, or explicitly left at its default.
      const options = methodKeys(entry.schema).filter((k) => k !== "method");
      const shown = METHOD_PARAMS[step][name] ?? [];
      for (const option of options)
        assert.ok(
          shown.includes(option as never) || OPTIONS_NOT_IN_PANE.has(option),
          `${step}.${name}.${option} has no pane input`,
        );
      for (const param of shown) assert.ok(param in PARAM_LABELS);
    }
  }
});

test("choosing any registry method in the pane gives a spec the engine accepts", () => {
  for (const step of METHOD_STEPS) {
    for (const [name] of entriesOf(step)) {
      const form = defaultOptions();
      form.methods[step] = name;
      if (step === "impute") form.params.group = "Region";
      const { spec, errors } = optionsToSpecInput(form);
      assert.deepEqual(errors, [], `${step}.${name}`);
      assert.equal((parseSpec(spec)[step] as { method: string }).method, name);
    }
  }
});

test("IDX.NORMALIZE and IDX.SCORE name every normalization of the registry: offered, or pointed to IDX.INDEX", () => {
  const normalizeMessage = messageOf(() => normalizeRange([[1], [2]], "no-such-method", undefined, undefined));
  const scoreMessage = messageOf(() => scoreRows([[1], [2]], [[1]], undefined, "no-such-method", undefined));
  for (const [name, entry] of Object.entries(NORMALIZE_REGISTRY) as [string, NormalizeEntry][]) {
    if (entry.frameworkColumns) {
      // Needs Framework columns: both functions say so, by name.
      assert.match(
        messageOf(() => normalizeRange([[1], [2]], name, undefined, undefined)),
        new RegExp(`^${name} needs .*IDX\\.INDEX.*normalize\\.method = ${name}$`),
      );
      assert.ok(!listed(normalizeMessage, name) && !listed(scoreMessage, name), name);
    } else if (entry.identity) {
      assert.ok(listed(scoreMessage, name) && !listed(normalizeMessage, name), `${name}: ${scoreMessage}`);
      assert.deepEqual(scoreRows([[1], [3]], [[1]], undefined, name, undefined), [[1], [3]]);
    } else {
      assert.ok(
        listed(normalizeMessage, name) && listed(scoreMessage, name),
        `${name}: ${normalizeMessage} / ${scoreMessage}`,
      );
      const out = normalizeRange([[1], [2], [4]], name, undefined, undefined);
      assert.equal(out.length, 3);
      assert.ok(
        out.every((row) => typeof row[0] === "number"),
        name,
      );
    }
  }
});

test("IDX.SCORE offers every mean of the registry that needs no option, and says which it allows", () => {
  const message = messageOf(() => scoreRows([[1], [2]], [[1]], undefined, undefined, "no-such-mean"));
  for (const [name, entry] of Object.entries(AGGREGATE_REGISTRY) as [string, MethodEntry][]) {
    const takesOptions = methodKeys(entry.schema).length > 1;
    assert.equal(listed(message, name), !takesOptions, `${name}: ${message}`);
    // Two columns weighted 1 and 3, taken as given ("none"): row 1 is 2 and 8, so the means are by hand.
    if (!takesOptions) {
      const [[score]] = scoreRows(
        [
          [2, 8],
          [8, 2],
        ],
        [[1, 3]],
        undefined,
        "none",
        name,
      ) as number[][];
      const expected: Record<string, number> = {
        arithmetic: (2 + 24) / 4,
        geometric: Math.exp((Math.log(2) + 3 * Math.log(8)) / 4),
        harmonic: 4 / (1 / 2 + 3 / 8),
      };
      if (name in expected) assert.ok(Math.abs(score! - expected[name]!) < 1e-12, `${name}: ${score}`);
    }
  }
});

test("the form's parameter defaults are the registry's, and no two methods disagree on one", () => {
  const form = defaultOptions();
  for (const step of METHOD_STEPS) {
    for (const [name, entry] of entriesOf(step)) {
      const parsed = entry.schema.safeParse({ method: name });
      if (!parsed.success) continue; // a required option has no default
      for (const param of METHOD_PARAMS[step][name] ?? []) {
        assert.equal(
          form.params[param],
          String((parsed.data as Record<string, unknown>)[param]),
          `${step}.${name}.${param}`,
        );
      }
    }
  }
  assert.equal(form.params.low, "0");
  assert.equal(form.params.winmax, "5");
});
