/**
 * Settings rows, --spec / --inputs JSON and stored options never reach a prototype: a hostile key
 * (__proto__, constructor, prototype anywhere in the path) is an error naming its cell or option,
 * and Object.prototype is unchanged afterwards, on every face (engine, command line, add-in on the
 * fake, IDX.INDEX). The command line runs in its own process: there the proof is that the run is
 * refused (a polluted prototype would have scaled every min-max to 0–10 and exited 0).
 */
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { computeIndex, IndexInputError, parseSpec, settingsToSpecInput } from "../../src/core/engine";
import { parseUncertainInputs } from "../../src/core/uncertainty/inputs-schema";
import { validateChoice } from "../../src/excel/choice";
import { AddinError } from "../../src/excel";
import * as fns from "../../src/functions/functions";
import { FunctionError } from "../../src/functions/errors";
import type { Cell } from "../../src/core/types";
import { assertPrototypeClean, loadCorpus } from "./corpus";
import { spawnCli, tempDir } from "../cli/helpers";
import { writeCsv } from "./cli-helpers";
import { freshWorkbook, putTable } from "../excel/helpers";
import { errorLines, refresh, sheetChoice } from "./excel-helpers";

afterEach(() => assertPrototypeClean("after this case"));

const base = loadCorpus().find((c) => c.name === "zero-weight")!;
/** Hostile keys, each put on row 3 of a Settings sheet under a header and a harmless row. */
const HOSTILE: [string, Cell, string][] = [
  ["__proto__.high", 10, "__proto__"],
  ["constructor.prototype.high", 10, "constructor"],
  ["normalize.__proto__.high", 10, "__proto__"],
  ["prototype", 1, "prototype"],
  ["weights.__proto__", 5, "__proto__"],
  ["__proto__", "x", "__proto__"],
  ["aggregate.byLevel.__proto__.method", "geometric", "__proto__"],
  ["impute.constructor", "mean", "constructor"],
];
const settingsWith = (key: string, value: Cell): Cell[][] => [
  ["key", "value"],
  ["normalize.method", "minmax"],
  [key, value],
];

test("engine: settingsToSpecInput refuses every hostile path part, naming the key cell; the spec object has no prototype", () => {
  for (const [key, value, part] of HOSTILE) {
    const { spec, issues } = settingsToSpecInput(settingsWith(key, value));
    assert.equal(issues.length, 1, key);
    assert.deepEqual(
      { table: issues[0]!.table, row: issues[0]!.row, col: issues[0]!.col },
      { table: "Settings", row: 2, col: 0 },
      key,
    );
    assert.match(issues[0]!.message, new RegExp(`^"${part}" cannot be an option name`), key);
    assert.equal(Object.getPrototypeOf(spec), null);
    assert.deepEqual(Object.keys(spec), ["normalize"]);
  }
  assert.equal(settingsToSpecInput(settingsWith("normalize.high", 10)).issues.length, 0, "an ordinary key is fine");
});

test("engine: parseSpec refuses __proto__/constructor/prototype at any depth (JSON keeps them as own keys), and a swapped prototype", () => {
  const cases: [string, string][] = [
    ['{"__proto__": {"normalize": {"method": "minmax", "high": 10}}}', "__proto__"],
    ['{"normalize": {"method": "minmax", "__proto__": {"high": 10}}}', "normalize.__proto__"],
    [
      '{"aggregate": {"byLevel": {"constructor": {"prototype": {"method": "geometric"}}}}}',
      "aggregate.byLevel.constructor",
    ],
    ['{"weights": {"__proto__": 3}}', "weights.__proto__"],
  ];
  for (const [json, path] of cases) {
    assert.throws(
      () => parseSpec(JSON.parse(json)),
      (e: unknown) =>
        e instanceof IndexInputError &&
        e.issues.some((i) => i.column === path && /cannot be an option name/.test(i.message)),
      json,
    );
  }
  const swapped = Object.setPrototypeOf(
    { impute: { method: "mean" } },
    { normalize: { method: "minmax", high: 10 } },
  ) as unknown;
  assert.throws(
    () => parseSpec(swapped),
    (e: unknown) => e instanceof IndexInputError && /__proto__/.test(e.message),
  );
  const result = computeIndex(base.data, base.framework, JSON.parse('{"normalize": {"method": "minmax"}}'));
  assert.equal(result.spec.normalize.method === "minmax" && result.spec.normalize.high, 100);
});

test("engine: --inputs JSON with a hostile key is refused (zod's record would drop it silently)", () => {
  for (const json of [
    '{"__proto__": {"winsorize": {"min": 0, "max": 5}}}',
    '{"weightSets": [{"name": "w", "weights": {"__proto__": 2}}]}',
  ]) {
    assert.throws(
      () => parseUncertainInputs(JSON.parse(json)),
      (e: unknown) => e instanceof IndexInputError && /cannot be an option name/.test(e.message),
      json,
    );
  }
});

test("IDX.INDEX: a hostile Settings range gives #VALUE! naming the key cell; a later innocent call works", () => {
  for (const [key, value, part] of HOSTILE) {
    const out = fns.index(
      base.data.map((r) => r.map((c) => c ?? "")),
      base.framework.map((r) => r.map((c) => c ?? "")),
      "*",
      settingsWith(key, value),
    );
    const error = out[0]![0];
    assert.ok(error instanceof FunctionError, key);
    assert.match(error.message, new RegExp(`^Settings!A3: "${part}" cannot be an option name`), key);
    assertPrototypeClean(key);
  }
  const fine = fns.index(
    base.data.map((r) => r.map((c) => c ?? "")),
    base.framework.map((r) => r.map((c) => c ?? "")),
  );
  assert.deepEqual(
    fine.map((row) => row[0]),
    [50, 41.66666666666667, 33.333333333333336, 62.5],
    "as in zero-weight.json",
  );
});

test("add-in on the fake: a hostile Settings sheet is refused naming Settings!A3, the workbook is unchanged; stored options with __proto__ are refused", async () => {
  for (const [key, value, part] of HOSTILE) {
    const model = freshWorkbook();
    putTable(model, "Data", base.data);
    putTable(model, "Framework", base.framework);
    putTable(model, "Settings", settingsWith(key, value));
    const before = JSON.stringify(model.snapshot({ ids: true }));
    const outcome = await refresh({ ...sheetChoice(), settings: { kind: "sheet", sheet: "Settings" } });
    assert.ok(!outcome.ok, key);
    assert.match(errorLines(outcome.error), new RegExp(`Settings!A3: "${part}" cannot be an option name`), key);
    assert.equal(JSON.stringify(model.snapshot({ ids: true })), before, `${key}: nothing written`);
    assertPrototypeClean(key);
  }
  const stored = JSON.parse(
    '{"version": 1, "data": {"kind": "sheet", "sheet": "Data"}, "framework": {"kind": "sheet", "sheet": "Framework"}, "settings": null, "options": {"__proto__": {"high": 10}}}',
  ) as unknown;
  assert.throws(
    () => validateChoice(stored),
    (e: unknown) =>
      e instanceof AddinError &&
      /Option options.__proto__: "__proto__" cannot be an option name/.test(e.messages.join("\n")),
  );
});

test("command line: a Settings sheet row __proto__.high | 10, and --spec / --inputs with __proto__, exit 1 naming the cell or option; nothing is written", async () => {
  const ExcelJS = (await import("exceljs")).default;
  const dir = tempDir();
  const book = new ExcelJS.Workbook();
  for (const [name, table] of [
    ["Data", base.data],
    ["Framework", base.framework],
    ["Settings", settingsWith("__proto__.high", 10)],
  ] as const) {
    const sheet = book.addWorksheet(name);
    for (const row of table) sheet.addRow(row.map((v) => v ?? undefined));
  }
  await book.xlsx.writeFile(join(dir, "book.xlsx"));
  const sheetRun = await spawnCli(["compute", join(dir, "book.xlsx"), "--json", join(dir, "a.json")]);
  assert.equal(sheetRun.code, 1, sheetRun.stderr);
  assert.match(sheetRun.stderr, /Settings!A3: "__proto__" cannot be an option name/);

  writeCsv(join(dir, "data.csv"), base.data);
  writeCsv(join(dir, "framework.csv"), base.framework);
  writeFileSync(join(dir, "spec.json"), '{"__proto__": {"normalize": {"method": "minmax", "high": 10}}}');
  const specRun = await spawnCli([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--spec",
    join(dir, "spec.json"),
    "--json",
    join(dir, "b.json"),
  ]);
  assert.equal(specRun.code, 1, specRun.stderr);
  assert.match(specRun.stderr, /spec\.json \(__proto__\): "__proto__" cannot be an option name/);

  writeFileSync(join(dir, "inputs.json"), '{"__proto__": {"winsorize": {"min": 0, "max": 100000000}}}');
  const inputsRun = await spawnCli([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--uncertainty",
    "10",
    "--inputs",
    join(dir, "inputs.json"),
    "--json",
    join(dir, "c.json"),
  ]);
  assert.equal(inputsRun.code, 1, inputsRun.stderr);
  assert.match(inputsRun.stderr, /inputs\.__proto__\): "__proto__" cannot be an option name/);
  for (const file of ["a.json", "b.json", "c.json"]) assert.ok(!existsSync(join(dir, file)), `${file} not written`);
});
