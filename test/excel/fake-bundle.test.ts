/** The fake must also run in a browser page (the shell's Chromium test injects it): bundle it and run it without Node globals. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";

test("fake-excel.ts bundles as an IIFE and works with browser globals only", async () => {
  // esbuild comes with tsx (the test runner's compiler).
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const built = await esbuild.build({
    entryPoints: ["test/excel/fake-excel.ts"],
    bundle: true,
    format: "iife",
    globalName: "FakeExcel",
    platform: "browser",
    write: false,
  });
  const code = built.outputFiles[0]!.text;
  assert.doesNotMatch(code, /require\(["']node:/);
  const window: Record<string, unknown> = {
    setTimeout,
    TextEncoder,
    structuredClone,
    Office: { context: { document: {} } },
  };
  runInNewContext(code, window);
  const script = `
    var wb = new FakeExcel.WorkbookModel();
    wb.setValues("Data", [["uCode", "x"], ["A", 1]]);
    FakeExcel.installFakeOffice(this, wb);
    Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Data").getUsedRange(true).load("address, values");
      await context.sync();
      return [range.address, range.values, Office.context.requirements.isSetSupported("ExcelApi", "1.7"), typeof Office.context.document];
    });`;
  const result = await (runInNewContext(script, window) as Promise<unknown>);
  assert.deepEqual(JSON.parse(JSON.stringify(result)), [
    "Data!A1:B2",
    [
      ["uCode", "x"],
      ["A", 1],
    ],
    true,
    "object",
  ]);
});
