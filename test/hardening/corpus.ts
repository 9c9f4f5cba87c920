/**
 * The corpus of broken Data and Framework tables (test/hardening/corpus/*.json) and the checks
 * that every path (engine, command line, add-in adapter, worksheet functions) applies to it.
 * Each case says what is right: an error whose message matches `message` and names `where`, or a
 * result (with the warnings listed, and hand-computed index scores and ranks).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Cell, Table } from "../../src/core/types";

export type TableKey = "Data" | "Framework";

/** `cell` is an A1 address inside the table as given; `row` a 1-based row; neither: the table itself. */
export interface Where {
  table: TableKey;
  cell?: string;
  row?: number;
}

export interface ExpectedWarning extends Where {
  message: string;
}

export type Expectation =
  | { outcome: "error"; kind: "input" | "compute"; message: string; where?: Where }
  | {
      outcome: "ok" | "ok-with-warning";
      /** Every listed warning must be reported; for "ok", [] means no warning at all. */
      warnings: ExpectedWarning[];
      /** Index score by unit code (null: no score). */
      index?: Record<string, number | null>;
      ranks?: Record<string, number | null>;
      raw?: { unit: string; indicator: string; value: number }[];
      /** Unit names kept whole: length by unit code. */
      names?: Record<string, number>;
      /** Unit names kept exactly. */
      unitNames?: Record<string, string>;
    };

export interface CorpusCase {
  name: string;
  about: string;
  data: Table;
  framework: Table;
  spec?: Record<string, unknown>;
  expect: Expectation;
}

export const CORPUS_DIR = join(__dirname, "corpus");

export function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({
      name: file.replace(/\.json$/, ""),
      ...(JSON.parse(readFileSync(join(CORPUS_DIR, file), "utf8")) as Omit<CorpusCase, "name">),
    }));
}

/** How a path names a table's location: the sheet or file name, and where the table starts on it. */
export interface Naming {
  sheet: Record<TableKey, string>;
  /** 0-based offset of the table's header cell on its sheet. */
  offset?: Record<TableKey, { row: number; col: number }>;
}

const quoted = (sheet: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);

function shiftCell(cell: string, by: { row: number; col: number }): string {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  col += by.col;
  let letters = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${Number(m[2]) + by.row}`;
}

/** The text a message must contain to name `where`: "Data!C3", "'My data'!D4", "data.csv row 1". */
export function locationText(where: Where, naming: Naming): string {
  const sheet = naming.sheet[where.table];
  const by = naming.offset?.[where.table] ?? { row: 0, col: 0 };
  if (where.cell) return `${quoted(sheet)}!${shiftCell(where.cell, by)}`;
  if (where.row !== undefined) return `${quoted(sheet)} row ${where.row + by.row}`;
  return sheet;
}

/** Some line of `text` matches the message and names the place. */
export function assertNamed(
  text: string,
  message: string,
  where: Where | undefined,
  naming: Naming,
  label: string,
): void {
  const pattern = new RegExp(message);
  const place = where ? locationText(where, naming) : "";
  const lines = text.split("\n");
  assert.ok(
    lines.some((line) => pattern.test(line) && line.includes(place)),
    `${label}: expected a line matching /${message}/ naming "${place}", got:\n${text.slice(0, 2000)}`,
  );
}

export function assertWarnings(
  warnings: string[],
  expected: ExpectedWarning[],
  outcome: string,
  naming: Naming,
  label: string,
): void {
  if (outcome === "ok") assert.deepEqual(warnings, [], `${label}: no warnings expected`);
  for (const w of expected) assertNamed(warnings.join("\n"), w.message, w, naming, `${label} (warning)`);
}

/** Scores and ranks by unit code, as each path reports them (null = no score). */
export interface UnitOutcome {
  index: Map<string, number | null>;
  ranks?: Map<string, number | null>;
  names?: Map<string, string>;
}

export function close(actual: number | null | undefined, expected: number | null, label: string): void {
  if (expected === null)
    return assert.ok(
      actual === null || actual === undefined || Number.isNaN(actual),
      `${label}: expected no score, got ${actual}`,
    );
  assert.ok(typeof actual === "number" && Number.isFinite(actual), `${label}: expected ${expected}, got ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${label}: expected ${expected}, got ${actual}`,
  );
}

export function assertUnits(
  got: UnitOutcome,
  expect: Extract<Expectation, { warnings: unknown }>,
  label: string,
): void {
  for (const [unit, value] of Object.entries(expect.index ?? {}))
    close(got.index.get(unit), value, `${label} index of ${unit}`);
  if (got.ranks)
    for (const [unit, value] of Object.entries(expect.ranks ?? {}))
      close(got.ranks.get(unit), value, `${label} rank of ${unit}`);
  if (got.names) {
    for (const [unit, length] of Object.entries(expect.names ?? {}))
      assert.equal(got.names.get(unit)?.length, length, `${label}: name of ${unit} kept whole`);
    for (const [unit, name] of Object.entries(expect.unitNames ?? {}))
      assert.equal(got.names.get(unit), name, `${label}: name of ${unit} kept as text`);
  }
}

/** Settings rows (key | value) for a spec object: {normalize: {method: "zscore"}} → [["normalize.method", "zscore"]]. */
export function specToSettings(spec: Record<string, unknown>, prefix = ""): Cell[][] {
  return Object.entries(spec).flatMap(([key, value]) =>
    Array.isArray(value)
      ? [[`${prefix}${key}`, value.join(", ")]] // a list in one cell, as an analyst types it (screen.include | A, B)
      : value !== null && typeof value === "object"
        ? specToSettings(value as Record<string, unknown>, `${prefix}${key}.`)
        : [[`${prefix}${key}`, value as Cell]],
  );
}

const PROTOTYPE_BASELINE = Object.getOwnPropertyNames(Object.prototype).sort().join(",");

/** Object.prototype holds exactly what it held when the tests started, and plain objects still inherit from it. */
export function assertPrototypeClean(label: string): void {
  assert.equal(
    Object.getOwnPropertyNames(Object.prototype).sort().join(","),
    PROTOTYPE_BASELINE,
    `${label}: Object.prototype gained or lost a property`,
  );
  const probe = {} as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(probe), Object.prototype, `${label}: a plain object has its normal prototype`);
  for (const key of ["high", "low", "method", "normalize", "weights", "x1"])
    assert.equal(probe[key], undefined, `${label}: {}.${key} is not inherited`);
}
