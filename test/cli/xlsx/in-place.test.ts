/** `compute --in-place` run again: the sheets it wrote are replaced where they are, the analyst's never. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { OWNED_SHEETS_NAME, readOwnedSheets } from "../../../src/cli/xlsx/owned";
import { asemTables } from "../../helpers/conformance";
import { runInProcess } from "../helpers";

const OUTPUTS = ["Results (2)", "Scores", "Ranks", "Normalized", "Log", "Dashboard", "Audit"];
let path: string;

async function compute(...flags: string[]): Promise<ExcelJS.Workbook> {
  const run = await runInProcess(["compute", path, "--in-place", ...flags]);
  assert.equal(run.code, 0, run.stderr);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

const names = (book: ExcelJS.Workbook) => book.worksheets.map((ws) => ws.name);
function values(book: ExcelJS.Workbook): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const ws of book.worksheets) out[ws.name] = ws.getSheetValues().map((row) => (Array.isArray(row) ? [...row] : []));
  return out;
}
const workbookXml = async () => (await JSZip.loadAsync(readFileSync(path))).file("xl/workbook.xml")!.async("string");

before(async () => {
  path = join(mkdtempSync(join(tmpdir(), "index-studio-inplace-")), "book.xlsx");
  const { data, meta } = asemTables();
  const input = new ExcelJS.Workbook();
  const dataSheet = input.addWorksheet("Data");
  data.forEach((row, r) => dataSheet.addRow(row.map((v, c) => (r > 0 && c >= 6 && typeof v === "string" && v !== "" ? Number(v) : v ?? null))));
  const frameworkSheet = input.addWorksheet("Framework");
  meta.forEach((row) => frameworkSheet.addRow(row.map((v) => v ?? null)));
  input.addWorksheet("Results").getCell("A1").value = "my own notes";
  await input.xlsx.writeFile(path);
});

describe("compute --in-place twice", () => {
  let first: ExcelJS.Workbook;

  it("the first run adds its sheets after the input, beside the analyst's own \"Results\"", async () => {
    first = await compute("--audit");
    assert.deepEqual(names(first), ["Data", "Framework", "Results", ...OUTPUTS]);
    const owned = readOwnedSheets(await workbookXml());
    assert.deepEqual(owned.map((o) => o.key), ["results", "scores", "ranks", "normalized", "log", "dashboard", "audit"]);
    assert.deepEqual(owned.map((o) => first.worksheets.find((ws) => ws.id === o.sheetId)?.name), OUTPUTS);
  });

  it("the marker is a hidden workbook-level name the analyst does not see", async () => {
    assert.match(await workbookXml(), new RegExp(`<definedName name="${OWNED_SHEETS_NAME}" hidden="1">&quot;v1 results:\\d+ `));
  });

  it("the second run gives the same sheets, in the same order, with identical values; the user's sheet is untouched", async () => {
    const second = await compute("--audit");
    assert.deepEqual(names(second), names(first));
    assert.deepEqual(values(second), values(first));
    assert.equal(second.getWorksheet("Results")!.getCell("A1").value, "my own notes");
    const xml = await JSZip.loadAsync(readFileSync(path));
    const charts = Object.keys(xml.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    assert.equal(charts.length, 4, "the dashboard's charts once, not the old ones grafted again");
  });

  it("a renamed output sheet is still recognised and replaced under its new name; one the plan no longer has is removed", async () => {
    // Rename "Log" as Excel would: only the name in xl/workbook.xml changes, the sheetId stays.
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    assert.ok(xml.includes(' name="Log"'));
    zip.file("xl/workbook.xml", xml.replace(' name="Log"', ' name="My log"'));
    writeFileSync(path, await zip.generateAsync({ type: "nodebuffer" }));

    const third = await compute();
    assert.deepEqual(names(third), ["Data", "Framework", "Results", "Results (2)", "Scores", "Ranks", "Normalized", "My log", "Dashboard"]);
    assert.deepEqual(values(third)["My log"], values(first)["Log"]);
    assert.deepEqual(readOwnedSheets(await workbookXml()).map((o) => o.key), ["results", "scores", "ranks", "normalized", "log", "dashboard"]);
  });

  it("a sheet the analyst adds with an output's name is theirs: the next run goes around it", async () => {
    const zip = await JSZip.loadAsync(readFileSync(path));
    // The analyst deletes the owned Scores sheet and makes their own "Scores" (a new sheetId).
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await zip.generateAsync({ type: "arraybuffer" }));
    const ownedXml = (await zip.file("xl/workbook.xml")!.async("string")).match(new RegExp(`<definedName name="${OWNED_SHEETS_NAME}"[^>]*>[^<]*</definedName>`))![0];
    // Excel numbers a new sheet after the highest sheetId; exceljs would reuse the freed one.
    const mine = book.addWorksheet("Scores mine");
    book.removeWorksheet(book.getWorksheet("Scores")!.id);
    mine.name = "Scores";
    mine.getCell("A1").value = "mine";
    const rewritten = await JSZip.loadAsync(await book.xlsx.writeBuffer() as ArrayBuffer);
    const wb = await rewritten.file("xl/workbook.xml")!.async("string");
    // exceljs drops the marker on reading; put the old one back, as Excel would have kept it.
    rewritten.file("xl/workbook.xml", wb.includes("<definedNames>") ? wb.replace("<definedNames>", `<definedNames>${ownedXml}`) : wb.replace("</sheets>", `</sheets><definedNames>${ownedXml}</definedNames>`));
    writeFileSync(path, await rewritten.generateAsync({ type: "nodebuffer" }));
    const scoresId = book.getWorksheet("Scores")!.id;
    assert.ok(!readOwnedSheets(await workbookXml()).some((o) => o.sheetId === scoresId), "the user's new sheet has an id of its own");

    const fourth = await compute();
    assert.equal(fourth.getWorksheet("Scores")!.getCell("A1").value, "mine");
    assert.ok(names(fourth).includes("Scores (2)"), names(fourth).join(", "));
    assert.equal(names(fourth).filter((n) => n.startsWith("Results")).length, 2);
  });
});
