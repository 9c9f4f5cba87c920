/** The corpus through the command line, spawned as npm runs it: exit 1 with the cell named, or exit 0 with the results. */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertNamed, assertUnits, assertWarnings, loadCorpus, type Naming } from "./corpus";
import { spawnCli, tempDir, type CliRun } from "../cli/helpers";
import { limited, writeCsv } from "./cli-helpers";

const NAMING: Naming = { sheet: { Data: "data.csv", Framework: "framework.csv" } };
const cases = loadCorpus();
const runs = new Map<string, { run: CliRun; dir: string }>();

before(async () => {
  const jobs = cases.map((c) => async () => {
    const dir = tempDir();
    writeCsv(join(dir, "data.csv"), c.data);
    writeCsv(join(dir, "framework.csv"), c.framework);
    const args = [
      "compute",
      join(dir, "data.csv"),
      "--meta",
      join(dir, "framework.csv"),
      "--json",
      join(dir, "result.json"),
      "--out",
      join(dir, "results.xlsx"),
    ];
    if (c.spec) {
      writeFileSync(join(dir, "spec.json"), JSON.stringify(c.spec));
      args.push("--spec", join(dir, "spec.json"));
    }
    runs.set(c.name, { run: await spawnCli(args), dir });
  });
  await limited(jobs, 3);
});

interface ResultJson {
  root: string;
  units: { code: string; name: string }[];
  scores: Record<string, (number | null)[]>;
  ranks: Record<string, (number | null)[]>;
  warnings: { text: string }[];
}

for (const c of cases) {
  test(`command line: ${c.name}`, () => {
    const { run, dir } = runs.get(c.name)!;
    const { expect } = c;
    assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, `${c.name}: no crash, no stack trace`);
    if (expect.outcome === "error") {
      assert.equal(run.code, 1, `${c.name}: exit code 1 for bad input\n${run.stderr}`);
      assertNamed(run.stderr, expect.message, expect.where, NAMING, c.name);
      assert.ok(
        !existsSync(join(dir, "result.json")) && !existsSync(join(dir, "results.xlsx")),
        `${c.name}: nothing written on failure`,
      );
      return;
    }
    assert.equal(run.code, 0, `${c.name}: exit 0\n${run.stderr}`);
    const json = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as ResultJson;
    assertWarnings(
      json.warnings.map((w) => w.text),
      expect.warnings,
      expect.outcome,
      NAMING,
      c.name,
    );
    for (const w of json.warnings)
      assert.ok(run.stderr.includes(w.text), `${c.name}: warning shown: ${w.text.slice(0, 80)}`);
    const byUnit = (column: (number | null)[]) => new Map(json.units.map((u, k) => [u.code, column[k] ?? null]));
    assertUnits(
      {
        index: byUnit(json.scores[json.root]!),
        ranks: byUnit(json.ranks[json.root]!),
        names: new Map(json.units.map((u) => [u.code, u.name])),
      },
      expect,
      c.name,
    );
    assert.ok(existsSync(join(dir, "results.xlsx")), `${c.name}: workbook written`);
  });
}

test("command line, .xlsx input: real error cells and formula errors are missing data with their cells; a merged title row names the header row", async () => {
  const ExcelJS = (await import("exceljs")).default;
  const dir = tempDir();
  const framework = cases.find((c) => c.name === "text-na")!.framework;
  const book = async (path: string, fill: (sheet: import("exceljs").Worksheet) => void) => {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet("Data"));
    const f = wb.addWorksheet("Framework");
    for (const row of framework) f.addRow(row.map((v) => v ?? undefined));
    await wb.xlsx.writeFile(path);
  };
  await book(join(dir, "errors.xlsx"), (d) => {
    d.addRow(["uCode", "uName", "x1", "x2", "x3"]);
    d.addRow(["A", "Alpha", 1, 10, 5]);
    d.addRow(["B", "Beta", { error: "#N/A" }, 40, 3]);
    d.addRow(["C", "Gamma", 3, { formula: "1/0", result: { error: "#DIV/0!" } }, 1]);
    d.addRow(["D", "Delta", 4, 30, 2]);
  });
  const errors = await spawnCli(["compute", join(dir, "errors.xlsx"), "--json", join(dir, "errors.json")]);
  assert.equal(errors.code, 0, errors.stderr);
  assert.match(errors.stderr, /Data!C3: #N\/A is an Excel error value; treated as missing/);
  assert.match(errors.stderr, /Data!D4: #DIV\/0! is an Excel error value; treated as missing/);
  const json = JSON.parse(readFileSync(join(dir, "errors.json"), "utf8")) as ResultJson;
  // Hand-computed: B has x2 only in P1 (0) and x3 = 50 in P2 → 25; C has x1 only in P1 (66.67), P2 = 0.
  assert.deepEqual(
    json.scores[json.root]!.map((v) => Math.round(v! * 1e6) / 1e6),
    [75, 25, 33.333333, 45.833333],
  );

  await book(join(dir, "merged.xlsx"), (d) => {
    d.addRow(["Exchange centres 2022"]);
    d.mergeCells("A1:E1");
    d.addRow(["uCode", "uName", "x1", "x2", "x3"]);
    d.addRow(["A", "Alpha", 1, 10, 5]);
    d.addRow(["B", "Beta", 2, 40, 3]);
  });
  const merged = await spawnCli(["compute", join(dir, "merged.xlsx")]);
  assert.equal(merged.code, 1, merged.stderr);
  assert.match(
    merged.stderr,
    /Data row 1: no unit code column.*row 2 looks like the header: the header must be the first row, so delete the row above it/,
  );
});
