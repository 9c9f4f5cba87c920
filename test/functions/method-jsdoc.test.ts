/**
 * The JSDoc of src/functions/functions.ts is static text for custom-functions-metadata, so it cannot
 * read the registry; this test holds its method lists to exactly the registry's methods each function supports.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TREAT_REGISTRY, methodKeys } from "../../src/core/methods";
import {
  COLUMN_NORMALIZE_METHODS,
  IDENTITY_NORMALIZE_METHODS,
  SCORE_AGGREGATE_METHODS,
} from "../../src/functions/columns";

const source = readFileSync(join(__dirname, "..", "..", "src", "functions", "functions.ts"), "utf8");

/** The JSDoc block just above `export function name(`. */
function jsdocOf(name: string): string {
  const at = source.indexOf(`export function ${name}(`);
  assert.ok(at > 0, name);
  const start = source.lastIndexOf("/**", at);
  return source.slice(start, at);
}

/** "minmax (default), zscore, rank or dist2max." → ["minmax", "zscore", "rank", "dist2max"]. */
function listOf(doc: string, param: string): string[] {
  const line = doc.split("\n").find((l) => l.includes(`@param [${param}] `));
  assert.ok(line, `@param [${param}]`);
  const text = line
    .slice(line.indexOf(`[${param}] `) + param.length + 3)
    .replace(/\.\s*$/, "")
    .replace(/\s*\(default\)/g, "");
  return text.split(/,\s*|\s+or\s+/).map((s) => s.trim());
}

test("IDX.NORMALIZE's method list names exactly the registry's column normalizations", () => {
  assert.deepEqual(listOf(jsdocOf("normalize"), "method"), COLUMN_NORMALIZE_METHODS);
});

test("IDX.SCORE's lists name exactly the registry's methods it supports", () => {
  const doc = jsdocOf("score");
  assert.deepEqual(listOf(doc, "normalize"), [...COLUMN_NORMALIZE_METHODS, ...IDENTITY_NORMALIZE_METHODS]);
  assert.deepEqual(listOf(doc, "aggregate"), SCORE_AGGREGATE_METHODS);
});

test("IDX.WINSORIZE's options are the winsorize entry's options", () => {
  const params = [...jsdocOf("winsorize").matchAll(/@param \[(\w+)\]/g)].map((m) => m[1]);
  const keys = methodKeys(TREAT_REGISTRY.winsorize.schema);
  assert.ok(params.length > 0);
  for (const p of params) assert.ok(keys.includes(p!), `${p} is not an option of winsorize (${keys.join(", ")})`);
});

test("the list reader itself: a list that drifts is caught", () => {
  assert.deepEqual(listOf(" * @param [m] a (default), b or c.", "m"), ["a", "b", "c"]);
  assert.notDeepEqual(listOf(" * @param [m] a (default), b or c.", "m"), ["a", "b"]);
});
