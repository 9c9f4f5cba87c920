/** The method registry: each entry well formed, the spec read through it, and the docs tables generated from it. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  METHOD_REGISTRY,
  METHOD_STEPS,
  entriesOf,
  methodKeys,
  methodMessages,
  methodName,
  methodsMarkdown,
  withMethodsTable,
} from "../../../src/core/methods";
import { registry } from "../../../src/core/methods/entry";
import { IndexInputError } from "../../../src/core/errors";
import { parseSpec } from "../../../src/core/spec";
import { z } from "zod";

test("each entry's key is its schema's method, with English and Chinese labels and one line of docs", () => {
  for (const step of METHOD_STEPS) {
    for (const [name, entry] of entriesOf(step)) {
      assert.equal(methodName(entry.schema), name, `${step}.${name}`);
      assert.equal(methodKeys(entry.schema)[0], "method");
      assert.ok(entry.label.en.trim().length > 0 && entry.label.zh.trim().length > 0, `${step}.${name} labels`);
      assert.match(entry.label.zh, /[\u4e00-\u9fff]/, `${step}.${name}: the Chinese label has Chinese characters`);
      assert.ok(entry.doc.length > 10 && !entry.doc.includes("\n"), `${step}.${name} doc is one line`);
    }
  }
});

test("a registry whose key names another method's schema fails at load", () => {
  const schema = z.strictObject({ method: z.literal("minmax") });
  assert.throws(
    () => registry({ rank: { schema, label: { en: "x", zh: "x" }, doc: "x" } }),
    /key "rank" holds the schema of "minmax"/,
  );
});

test("a name shared by several steps has one label in each language (the pane keys labels by name)", () => {
  const seen = new Map<string, { en: string; zh: string }>();
  for (const step of METHOD_STEPS) {
    for (const [name, entry] of entriesOf(step)) {
      const first = seen.get(name);
      if (first) assert.deepEqual(entry.label, first, `${step}.${name} differs from the first step's label`);
      else seen.set(name, entry.label);
    }
  }
  assert.equal(seen.size, Object.keys(methodMessages("en")).length);
  assert.equal(methodMessages("zh")["method.winsorize"], "缩尾（再取对数）");
});

test("the spec takes each method of each step, as an object and (without required options) as its name alone", () => {
  const required: Record<string, Record<string, unknown>> = {
    "group-mean": { group: "Region" },
    "group-median": { group: "Region" },
    power: { p: 2 },
  };
  for (const step of METHOD_STEPS) {
    for (const [name] of entriesOf(step)) {
      const block = { method: name, ...required[name] };
      const parsed = parseSpec({ [step]: block })[step] as { method: string };
      assert.equal(parsed.method, name, `${step}.${name}`);
      if (!required[name])
        assert.equal((parseSpec({ [step]: name })[step] as { method: string }).method, name, `"${step}": "${name}"`);
    }
  }
  // Defaults come from the entry's schema: the shorthand fills them in.
  assert.deepEqual(parseSpec({ normalize: "zscore" }).normalize, { method: "zscore", mean: 0, sd: 1 });
  assert.deepEqual(parseSpec({ treat: "winsorize" }).treat, {
    method: "winsorize",
    winmax: 5,
    skewThreshold: 2,
    kurtThreshold: 3.5,
    fallback: "log",
  });
});

test("a wrong key is reported with the keys its method allows, read from the entry's schema", () => {
  for (const step of METHOD_STEPS) {
    for (const [name, entry] of entriesOf(step)) {
      if (name === "power" || name.startsWith("group-")) continue; // their required option is reported first
      const error = captureInputError(() => parseSpec({ [step]: { method: name, bogus: 1 } }));
      const message = error.issues.map((i) => i.message).join(" / ");
      assert.ok(
        message.includes(`allowed keys for ${name}: ${methodKeys(entry.schema).join(", ")}`),
        `${step}.${name}: ${message}`,
      );
    }
  }
  const minmax = captureInputError(() => parseSpec({ normalize: { method: "minmax", lo: 1 } }));
  assert.equal(minmax.issues[0]!.message, 'unknown option "lo" (allowed keys for minmax: method, low, high)');
});

test("docs/methods.md holds the registry's current tables (npm run docs:methods rewrites them)", () => {
  const text = readFileSync(join(__dirname, "..", "..", "..", "docs", "methods.md"), "utf8");
  assert.ok(text.includes(methodsMarkdown()), "run npm run docs:methods");
  assert.equal(withMethodsTable(text), text);
  for (const step of METHOD_STEPS)
    for (const name of Object.keys(METHOD_REGISTRY[step])) assert.ok(methodsMarkdown().includes(`| \`${name}\` |`));
});

function captureInputError(f: () => unknown): IndexInputError {
  try {
    f();
  } catch (error) {
    if (error instanceof IndexInputError) return error;
    throw error;
  }
  throw new Error("expected an IndexInputError");
}
