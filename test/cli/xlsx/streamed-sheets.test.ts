/**
 * CSV → .xlsx with sheets large enough to be streamed (ooxml/package.ts, fast-rows.ts): the file
 * passes the ISO schemas and Excel's cross-part rules, and every cell of the Data sheet reads
 * back (exceljs, an independent reader) as the CSV had it. With INDEX_STUDIO_SCALE=1, the plain
 * command at 10,000 units × 1,000 indicators on Node's default heap, peak memory ≤ 2.5 GB
 * (issue 12 §7; its time is in `npm run bench`, bench/scale-xlsx.ts).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { syntheticTables } from "../../../bench/synthetic";
import { runNode } from "../../../bench/targets"; // peak RSS of a child, as the bench measures it
import { writeCsv } from "../../hardening/cli-helpers";
import { MAIN, runInProcess, tempDir } from "../helpers";
import { ooxmlFindings } from "./ooxml";

describe("streamed sheets (CSV input, 400 units × 60 indicators)", () => {
  it("validate, and the Data sheet holds the CSV's values: numbers as numbers, text as text", async () => {
    const dir = tempDir();
    const { data, framework } = syntheticTables(400, 60, 7);
    writeCsv(join(dir, "data.csv"), data);
    writeCsv(join(dir, "meta.csv"), framework);
    const out = join(dir, "out.xlsx");
    const run = await runInProcess(["compute", join(dir, "data.csv"), "--meta", join(dir, "meta.csv"), "--out", out]);
    assert.equal(run.code, 0, run.stderr);
    const findings = await ooxmlFindings(out);
    assert.deepEqual(findings, [], findings.join("\n"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet("Data")!;
    assert.equal(sheet.rowCount, data.length);
    let compared = 0;
    data.forEach((row, r) =>
      row.forEach((value, c) => {
        const cell = sheet.getCell(r + 1, c + 1).value;
        const expected =
          value === null || value === "" ? null : typeof value === "number" ? Number(String(value)) : value;
        assert.equal(cell, expected, `Data!R${r + 1}C${c + 1}`);
        compared++;
      }),
    );
    assert.equal(compared, 401 * 64);
    // The streamed Normalized sheet keeps the number format exceljs gave its first body row.
    const normalized = book.getWorksheet("Normalized")!;
    assert.equal(normalized.rowCount, 401);
    assert.equal(normalized.getCell(400, 3).numFmt, normalized.getCell(2, 3).numFmt);
    assert.equal(typeof normalized.getCell(400, 3).value, "number");
  });
});

const skip =
  process.env.INDEX_STUDIO_SCALE === "1" ? false : "set INDEX_STUDIO_SCALE=1 to run CSV → .xlsx at 10,000 × 1,000";

describe("CSV → .xlsx at 10,000 units × 1,000 indicators", () => {
  it("finishes on Node's default heap under 2.5 GB, and the workbook's sheets are complete", { skip }, async () => {
    const dir = tempDir();
    const { data, framework } = syntheticTables(10_000, 1_000);
    writeCsv(join(dir, "big.csv"), data);
    writeCsv(join(dir, "m.csv"), framework);
    const out = join(dir, "big.xlsx");
    const { code, stderr, peakMB } = await runNode([
      "--import",
      "tsx",
      MAIN,
      "compute",
      join(dir, "big.csv"),
      "--meta",
      join(dir, "m.csv"),
      "--out",
      out,
    ]);
    assert.equal(code, 0, stderr);
    assert.ok(peakMB <= 2500, `peak RSS ${peakMB.toFixed(0)} MB`);
    const parts = unzipSync(readFileSync(out), {
      filter: (f) => f.name === "xl/workbook.xml" || f.name === "xl/worksheets/sheet1.xml",
    });
    assert.match(new TextDecoder().decode(parts["xl/workbook.xml"]), /<sheet [^>]*\bname="Data"/); // attribute order is the writer's
    const sheet = parts["xl/worksheets/sheet1.xml"]!;
    const decoder = new TextDecoder();
    assert.match(decoder.decode(sheet.subarray(0, 4096)), /<dimension ref="A1:ALP10001"\/>/);
    assert.match(decoder.decode(sheet.subarray(sheet.length - 4096)), /<c r="ALP10001"[ >].*<\/row><\/sheetData>/s); // the last row is longer than 4 kB: its last cell
  });
});
