/**
 * Nothing lost (beyond test/excel/refresh.test.ts and test/cli/run.test.ts): a refresh that fails
 * in validation or computation keeps the previous output; output names that collide with every one
 * of the user's sheets, tables and names get new names, stably; a write rejected at any operation
 * of a first run, or in the middle of a chunked write, leaves no trace; the command line never
 * writes over its input, also through links, and --in-place replaces the file by rename.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, linkSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Cell } from "../../src/core/types";
import type { WorkbookModel } from "../excel/fake-excel";
import { loadCorpus } from "./corpus";
import { spawnCli, tempDir } from "../cli/helpers";
import { writeCsv } from "./cli-helpers";
import { freshWorkbook, putTable } from "../excel/helpers";
import { errorLines, refresh, sheetChoice } from "./excel-helpers";

const corpus = new Map(loadCorpus().map((c) => [c.name, c]));
const good = corpus.get("text-na")!;
const exact = (wb: WorkbookModel) => JSON.stringify(wb.snapshot({ ids: true }));
const OUTPUT_NAMES = ["Results", "Scores", "Ranks", "Normalized", "Log", "Dashboard"];

/** A workbook where every output name is taken by the user: sheets, a table and a defined name. */
function crowdedWorkbook(): WorkbookModel {
  const wb = freshWorkbook();
  putTable(wb, "Data", good.data);
  putTable(wb, "Framework", good.framework);
  for (const name of [...OUTPUT_NAMES, "Results (2)"])
    putTable(wb, name, [
      ["user's own", name],
      [1, 2],
    ]);
  // Hidden sheets count too: a very hidden "Log" must not be taken over either.
  wb.sheetByName("Log")!.visibility = "VeryHidden";
  wb.sheetByName("Dashboard")!.visibility = "Hidden";
  wb.addTable("Scores", { row: 0, col: 0, rows: 2, cols: 2 }, "IndexStudioScores");
  wb.names.push({ name: "IndexStudioRanks", formula: "=Ranks!A1" } as never);
  wb.names.push({ name: "IndexStudioResults", formula: "=Results!B2" } as never);
  return wb;
}

function userPart(wb: WorkbookModel, names: string[]): string {
  const snap = wb.snapshot({ ids: true }) as { sheets: { name: string }[]; tables: unknown[]; names: unknown[] };
  return JSON.stringify({
    sheets: snap.sheets.filter((s) => names.includes(s.name)),
    tables: (snap.tables as { name: string }[]).filter(
      (t) => !t.name.startsWith("IndexStudio") || t.name === "IndexStudioScores",
    ),
    names: snap.names,
  });
}

test("every output name taken by the user: outputs get new names, the user's sheets/tables/names are untouched, and refresh reuses the same names", async () => {
  const wb = crowdedWorkbook();
  const userSheets = ["Data", "Framework", ...OUTPUT_NAMES, "Results (2)"];
  const before = userPart(wb, userSheets);
  const first = await refresh(sheetChoice());
  assert.ok(first.ok, first.ok ? "" : errorLines(first.error));
  for (const name of first.summary.sheets)
    assert.ok(!userSheets.includes(name), `output ${name} does not take a user's sheet name`);
  assert.equal(new Set(first.summary.sheets).size, OUTPUT_NAMES.length);
  assert.equal(userPart(wb, userSheets), before, "user's sheets, table and names unchanged");
  const tables = wb.tables.filter((t) => !t.deleted).map((t) => t.name);
  assert.equal(new Set(tables.map((t) => t.toLowerCase())).size, tables.length, "table names unique");
  const second = await refresh(sheetChoice());
  assert.ok(second.ok);
  assert.deepEqual(
    second.summary.sheets,
    first.summary.sheets,
    "refresh writes to the same output sheets, not new copies",
  );
  assert.equal(userPart(wb, userSheets), before);
  assert.equal(
    wb.sheets.filter((s) => !s.deleted).length,
    userSheets.length + OUTPUT_NAMES.length,
    "no extra sheets accumulate",
  );
});

test("a refresh that fails in validation or computation keeps the previous output exactly", async () => {
  for (const broken of [
    "constant-indicator",
    "duplicate-unit-code",
    "geometric-over-zero",
    "parent-cycle",
    "screening-excludes-all",
  ]) {
    const wb = freshWorkbook();
    putTable(wb, "Data", good.data);
    putTable(wb, "Framework", good.framework);
    assert.ok((await refresh(sheetChoice())).ok);
    // The user edits the inputs into a broken state (as typed text where the corpus has text).
    const c = corpus.get(broken)!;
    for (const name of ["Data", "Framework"]) {
      const sheet = wb.sheetByName(name)!;
      sheet.rows.clear();
    }
    putTable(wb, "Data", c.data);
    putTable(wb, "Framework", c.framework);
    const before = exact(wb);
    const outcome = await refresh(sheetChoice(c.spec));
    assert.ok(!outcome.ok, `${broken}: fails`);
    assert.equal(exact(wb), before, `${broken}: previous output and inputs unchanged`);
    for (const name of OUTPUT_NAMES)
      assert.ok(wb.sheetByName(name)!.rows.size > 0, `${broken}: ${name} still holds the last good result`);
    assert.equal(wb.sheetByName("Results")!.value(1, 1), "A", `${broken}: the last good ranking is still shown`);
  }
});

test("a first run over a crowded workbook: a write rejected at any operation leaves no trace", async () => {
  const probe = crowdedWorkbook();
  probe.operationLog.length = 0;
  assert.ok((await refresh(sheetChoice())).ok);
  const counts = new Map<string, number>();
  for (const op of probe.operationLog) counts.set(op, (counts.get(op) ?? 0) + 1);
  let failures = 0;
  for (const [op, count] of counts) {
    for (const occurrence of new Set([1, Math.ceil(count / 2), count])) {
      const wb = crowdedWorkbook();
      const before = exact(wb);
      wb.failOperation(op, occurrence);
      const outcome = await refresh(sheetChoice());
      wb.clearFailures();
      if (outcome.ok) {
        // A failure after the swap started may complete it; then the output is whole.
        assert.equal(
          outcome.summary.sheets.length,
          OUTPUT_NAMES.length,
          `${op} #${occurrence}: completed output is whole`,
        );
        continue;
      }
      failures++;
      assert.equal(outcome.error.name, "AddinError", `${op} #${occurrence}: ${outcome.error.stack}`);
      assert.equal(exact(wb), before, `${op} #${occurrence}: workbook changed after a failed first run`);
    }
  }
  assert.ok(failures >= counts.size, `failures injected: ${failures} over ${counts.size} operation kinds`);
});

test("a write rejected in the middle of a chunked write (many requests) leaves the previous output as it was", async () => {
  const units: Cell[][] = [["uCode", "uName", "x1", "x2", "x3"]];
  for (let u = 0; u < 600; u++)
    units.push([`U${u}`, `Unit ${u} ${"·".repeat(40)}`, (u * 7) % 101, (u * 13) % 97, (u * 17) % 89]);
  const wb = freshWorkbook();
  putTable(wb, "Data", units);
  putTable(wb, "Framework", good.framework);
  assert.ok((await refresh(sheetChoice(), { maxRequestBytes: 30_000 })).ok);
  const probe = wb.operationLog.length;
  assert.ok((await refresh(sheetChoice(), { maxRequestBytes: 30_000 })).ok);
  const writes = wb.operationLog.slice(probe).filter((op) => op === "Range.values").length;
  assert.ok(writes > 8, `chunked: ${writes} value writes`);
  for (const occurrence of [2, Math.floor(writes / 2), writes - 1]) {
    const before = exact(wb);
    wb.failOperation("Range.values", occurrence);
    const outcome = await refresh(sheetChoice(), { maxRequestBytes: 30_000 });
    wb.clearFailures();
    assert.ok(!outcome.ok, `value write #${occurrence} rejected`);
    assert.equal(exact(wb), before, `value write #${occurrence}: workbook as it was`);
    for (const request of wb.requests) assert.ok(request.requestBytes < 5 * 1024 * 1024);
  }
});

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

async function inputWorkbook(path: string, data: Cell[][], framework: Cell[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of [
    ["Data", data],
    ["Framework", framework],
  ] as const) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row.map((v) => (v === null ? undefined : v)));
  }
  await workbook.xlsx.writeFile(path);
}

test("command line: --out through a symlink or a hard link to the input is refused; --csv/--json over the input too", async () => {
  const dir = tempDir();
  const input = join(dir, "in.xlsx");
  await inputWorkbook(input, good.data as Cell[][], good.framework as Cell[][]);
  symlinkSync(input, join(dir, "alias.xlsx"));
  linkSync(input, join(dir, "hard.xlsx"));
  writeCsv(join(dir, "data.csv"), good.data);
  writeCsv(join(dir, "framework.csv"), good.framework);
  const hashes = () => ["in.xlsx", "data.csv", "framework.csv"].map((f) => sha(join(dir, f))).join();
  const before = hashes();
  const attempts = [
    ["compute", input, "--out", join(dir, "alias.xlsx")],
    ["compute", input, "--out", join(dir, "hard.xlsx")],
    ["compute", join(dir, "alias.xlsx"), "--out", input],
    ["compute", join(dir, "data.csv"), "--meta", join(dir, "framework.csv"), "--json", join(dir, "data.csv")],
    ["compute", join(dir, "data.csv"), "--meta", join(dir, "framework.csv"), "--csv", join(dir, "framework.csv")],
    ["compute", join(dir, "data.csv"), "--meta", join(dir, "framework.csv"), "--in-place"],
  ];
  for (const args of attempts) {
    const run = await spawnCli(args);
    assert.equal(run.code, 2, `${args.join(" ")}: refused\n${run.stderr}`);
    assert.match(run.stderr, /refusing to write over it|--in-place adds the results to an input \.xlsx/);
  }
  assert.equal(hashes(), before, "inputs byte-identical");
  assert.deepEqual(
    readdirSync(dir).sort(),
    ["alias.xlsx", "data.csv", "framework.csv", "hard.xlsx", "in.xlsx"],
    "nothing written, no temp files",
  );
});

test("command line --in-place: bad data leaves the file byte-identical; a good run replaces it by rename (new inode), input sheets kept", async () => {
  const dir = tempDir();
  const input = join(dir, "book.xlsx");
  const bad = corpus.get("constant-indicator")!;
  await inputWorkbook(input, bad.data as Cell[][], bad.framework as Cell[][]);
  const before = sha(input);
  const failed = await spawnCli(["compute", input, "--in-place"]);
  assert.equal(failed.code, 1, failed.stderr);
  assert.equal(sha(input), before, "a failed --in-place run leaves the file as it was");
  assert.deepEqual(readdirSync(dir), ["book.xlsx"]);

  await inputWorkbook(input, good.data as Cell[][], good.framework as Cell[][]);
  const inode = statSync(input).ino;
  const run = await spawnCli(["compute", input, "--in-place"]);
  assert.equal(run.code, 0, run.stderr);
  assert.notEqual(
    statSync(input).ino,
    inode,
    "written to a new file and renamed over the input (never truncated in place)",
  );
  assert.deepEqual(readdirSync(dir), ["book.xlsx"], "no temporary file left");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  assert.equal(workbook.getWorksheet("Data")!.getCell("C3").value, "n/a", "input cells kept");
  assert.ok(workbook.getWorksheet("Results"), "results added");
  assert.ok(!existsSync(join(dir, ".book.xlsx.tmp")));
});
