/** `compute --in-place` run again: the sheets it wrote are replaced where they are, the analyst's never. */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { OWNED_NAME } from "../../../src/cli/xlsx/owned";
import { ownedSheetsOf as readOwnedSheets, setOwnedSheets as writeOwnedSheets } from "./zip-probe";
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
  for (const ws of book.worksheets)
    out[ws.name] = ws.getSheetValues().map((row) => (Array.isArray(row) ? [...row] : []));
  return out;
}
async function editWorkbookXml(edit: (xml: string) => string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  zip.file("xl/workbook.xml", edit(await zip.file("xl/workbook.xml")!.async("string")));
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer" }));
}
const workbookXml = async () => (await JSZip.loadAsync(readFileSync(path))).file("xl/workbook.xml")!.async("string");

before(async () => {
  path = join(mkdtempSync(join(tmpdir(), "index-studio-inplace-")), "book.xlsx");
  const { data, meta } = asemTables();
  const input = new ExcelJS.Workbook();
  const dataSheet = input.addWorksheet("Data");
  data.forEach((row, r) =>
    dataSheet.addRow(
      row.map((v, c) => (r > 0 && c >= 6 && typeof v === "string" && v !== "" ? Number(v) : (v ?? null))),
    ),
  );
  const frameworkSheet = input.addWorksheet("Framework");
  meta.forEach((row) => frameworkSheet.addRow(row.map((v) => v ?? null)));
  input.addWorksheet("Results").getCell("A1").value = "my own notes";
  await input.xlsx.writeFile(path);
});

describe("compute --in-place twice", () => {
  let first: ExcelJS.Workbook;

  it('the first run adds its sheets after the input, beside the analyst\'s own "Results"', async () => {
    first = await compute("--audit");
    assert.deepEqual(names(first), ["Data", "Framework", "Results", ...OUTPUTS]);
    const owned = readOwnedSheets(await workbookXml());
    assert.deepEqual(
      owned.map((o) => o.key),
      ["results", "scores", "ranks", "normalized", "log", "dashboard", "audit"],
    );
    assert.deepEqual(
      owned.map((o) => o.name),
      OUTPUTS,
    );
  });

  it("the marks are hidden names scoped to each output sheet, the analyst does not see them", async () => {
    const index = names(first).indexOf("Results (2)");
    assert.ok(
      (await workbookXml()).includes(
        `<definedName name="${OWNED_NAME}" localSheetId="${index}" hidden="1">&quot;results:Results (2)&quot;</definedName>`,
      ),
    );
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

  it("a renamed output sheet becomes the analyst's: kept as it is, the output written anew", async () => {
    // Rename "Log" as Excel would: only the name in xl/workbook.xml changes, the sheetId stays.
    await editWorkbookXml((xml) => xml.replace(' name="Log"', ' name="My log"'));
    const third = await compute("--audit");
    assert.deepEqual(names(third), [
      "Data",
      "Framework",
      "Results",
      ...OUTPUTS.map((n) => (n === "Log" ? "My log" : n)),
      "Log",
    ]);
    assert.deepEqual(values(third)["My log"], values(first)["Log"]);
    assert.deepEqual(values(third)["Log"], values(first)["Log"]);
  });

  it("sheetIds renumbered by another program (LibreOffice saves them by position) change nothing: the marks are on the sheets", async () => {
    // The analyst's "Results" ends up with the sheetId the Dashboard had, and the Dashboard with another.
    const beforeBook = await compute("--audit");
    const before = values(beforeBook);
    await editWorkbookXml((xml) => {
      const idOf = (name: string) =>
        new RegExp(`<sheet [^>]*name="${name.replace(/[()]/g, "\\$&")}"[^>]*>`)
          .exec(xml)![0]
          .match(/sheetId="(\d+)"/)![1]!;
      const [user, dashboard] = [idOf("Results"), idOf("Dashboard")];
      return xml.replace(/<sheet [^>]*>/g, (tag) => {
        const name = /name="([^"]*)"/.exec(tag)![1];
        if (name === "Results") return tag.replace(/sheetId="\d+"/, `sheetId="${dashboard}"`);
        if (name === "Dashboard") return tag.replace(/sheetId="\d+"/, `sheetId="${user}"`);
        return tag;
      });
    });
    const after = await compute("--audit");
    assert.deepEqual(names(after), names(beforeBook));
    assert.equal(after.getWorksheet("Results")!.getCell("A1").value, "my own notes");
    assert.deepEqual(values(after), before);
  });

  it("outputs the plan no longer has are removed", async () => {
    const book = await compute();
    assert.ok(!names(book).includes("Audit"), names(book).join(", "));
    assert.ok(!readOwnedSheets(await workbookXml()).some((o) => o.key === "audit"));
  });

  it("a sheet the analyst adds with an output's name, where the output was, is theirs: the next run goes around it", async () => {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const ownedBefore = readOwnedSheets(await zip.file("xl/workbook.xml")!.async("string"));
    // The analyst deletes the owned Scores sheet (Excel deletes its sheet-scoped names with it)
    // and makes their own "Scores" in the same place.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await zip.generateAsync({ type: "arraybuffer" }));
    const old = book.getWorksheet("Scores")!;
    const order = (old as unknown as { orderNo: number }).orderNo;
    book.removeWorksheet(old.id);
    const mine = book.addWorksheet("Scores");
    (mine as unknown as { orderNo: number }).orderNo = order;
    mine.getCell("A1").value = "mine";
    const rewritten = await JSZip.loadAsync((await book.xlsx.writeBuffer()) as ArrayBuffer);
    // exceljs drops the marks on reading; put back those Excel would have kept.
    await writeOwnedSheets(
      rewritten,
      ownedBefore.filter((o) => o.key !== "scores"),
    );
    writeFileSync(path, await rewritten.generateAsync({ type: "nodebuffer" }));
    assert.ok(
      !readOwnedSheets(await workbookXml()).some((o) => o.name === "Scores"),
      "the user's new sheet has no mark",
    );
    assert.equal(names(book).indexOf("Scores"), names(first).indexOf("Scores"), "in the place the output had");

    const fourth = await compute();
    assert.equal(fourth.getWorksheet("Scores")!.getCell("A1").value, "mine");
    assert.ok(names(fourth).includes("Scores (2)"), names(fourth).join(", "));
    assert.equal(names(fourth).filter((n) => n.startsWith("Results")).length, 2);
  });
});

describe("ownership marks", () => {
  const WORKBOOK =
    '<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="Say &quot;hi&quot; &amp; 结果" sheetId="7" r:id="rId2"/><sheet name="Log" sheetId="3" r:id="rId3"/></sheets>' +
    '<definedNames><definedName name="Mine">A!$A$1</definedName><definedName name="_IndexStudio_Owned_log" hidden="1">&quot;3:Log&quot;</definedName></definedNames></workbook>';

  it("round-trip any sheet name (quotes doubled in the formula's text constant), replace earlier marks and remove the old workbook-level ones", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", WORKBOOK);
    const owned = [
      { key: "results", name: 'Say "hi" & 结果' },
      { key: "log", name: "Log" },
    ];
    await writeOwnedSheets(zip, owned);
    await writeOwnedSheets(zip, owned);
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    assert.equal(xml.match(/_IndexStudio_Output/g)?.length, 2, "written once, not added again");
    assert.ok(!xml.includes("_IndexStudio_Owned_"), "the workbook-level marks of earlier versions are gone");
    assert.ok(
      xml.includes(
        '<definedName name="_IndexStudio_Output" localSheetId="1" hidden="1">&quot;results:Say &quot;&quot;hi&quot;&quot; &amp; 结果&quot;</definedName>',
      ),
      xml,
    );
    assert.ok(xml.includes('<definedName name="Mine">A!$A$1</definedName>'), "the user's names stay");
    assert.deepEqual(readOwnedSheets(xml), owned);
    await writeOwnedSheets(zip, []);
    assert.equal(
      await zip.file("xl/workbook.xml")!.async("string"),
      WORKBOOK.replace('<definedName name="_IndexStudio_Owned_log" hidden="1">&quot;3:Log&quot;</definedName>', ""),
    );
  });

  it("trust only a mark on a sheet of the name it gives: not workbook-level ones, renamed or copied sheets, or marks that do not parse", () => {
    const sheets =
      '<sheets><sheet name="Results" sheetId="1"/><sheet name="Log (2)" sheetId="2"/><sheet name="Ranks" sheetId="3"/><sheet name="Scores" sheetId="4"/></sheets>';
    const xml =
      `<workbook>${sheets}<definedNames><definedName name="_IndexStudio_Owned_results" hidden="1">&quot;1:Results&quot;</definedName>` +
      '<definedName name="_IndexStudio_Output" localSheetId="1" hidden="1">&quot;log:Log&quot;</definedName>' +
      '<definedName name="_IndexStudio_Output" localSheetId="3">&quot;Scores:Scores&quot;</definedName>' +
      '<definedName name="_IndexStudio_Output" hidden="1">&quot;ranks:Ranks&quot;</definedName>' +
      '<definedName name="_IndexStudio_Output" localSheetId="2" hidden="false">&quot;ranks:Ranks&quot;</definedName></definedNames></workbook>';
    assert.deepEqual(readOwnedSheets(xml), [{ key: "ranks", name: "Ranks" }]);
  });
});
