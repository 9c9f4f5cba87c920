/**
 * The built task pane in headless Chromium with the Excel fake, on the sample's two editions: Compute
 * scores both, the results card shows 2024 with ▲/▼ changes, the selector shows 2022's top 10.
 * (The page set-up follows taskpane-browser.test.ts.)
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { test } from "node:test";
import { build as esbuild } from "esbuild";
import { chromium } from "playwright-core";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { editionsSummary } from "../../src/core/engine";
import { ieciEditionsTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { buildAddin } from "./build-helper";

const CHROMIUM = "/usr/bin/chromium";
const SKIP = !existsSync(CHROMIUM) && "chromium is not installed (/usr/bin/chromium); .ci/run installs it with apt";

async function fakeScript(): Promise<string> {
  const bundled = await esbuild({
    entryPoints: ["test/excel/fake-excel.ts"],
    bundle: true,
    format: "iife",
    globalName: "FakeExcel",
    write: false,
    platform: "browser",
    target: "es2020",
  });
  return `${bundled.outputFiles[0]!.text}
;(function () {
  var workbook = new FakeExcel.WorkbookModel();
  FakeExcel.installFakeOffice(window, workbook);
  Office.actions = { associate: function () {} };
  Office.addin.showAsTaskpane = function () { return Promise.resolve(); };
  window.CustomFunctions = { associate: function () {}, Error: Error };
  window.__test = { workbook: workbook };
})();`;
}

function serve(root: string, fake: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
  };
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url!, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) return void response.writeHead(404).end();
    const body = path === "/office/office.js" ? `${readFileSync(file, "utf8")}\n${fake}` : readFileSync(file);
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    response.end(body);
  });
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/taskpane.html` }),
    ),
  );
}

test(
  "task pane with two editions: the card shows 2024 with rank changes, the selector shows 2022",
  { skip: SKIP, timeout: 240_000 },
  async () => {
    const [root, fake] = await Promise.all([buildAddin("test-output/build-editions"), fakeScript()]);
    const { server, url } = await serve(root, fake);
    const profile = mkdtempSync(join(tmpdir(), "index-studio-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 420, height: 1200 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(url);
      await page.getByRole("status").filter({ hasText: "No Data or Framework sheet found" }).waitFor();
      const sheets = { Data: ieciEditionsTable(), Framework: ieciFrameworkTable(), Settings: ieciSettingsTable() };
      await page.evaluate(
        `(() => { const s = ${JSON.stringify(sheets)}; for (const name of Object.keys(s)) window.__test.workbook.setValues(name, s[name]); })()`,
      );
      await page.getByRole("button", { name: "Detect sheets" }).click();
      await page.getByRole("button", { name: "Compute" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /^Ranked \d+ units/ })
        .waitFor({ timeout: 90_000 });

      const expected = editionsSummary(
        computeIndex(ieciEditionsTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec),
        10,
      )!;
      const arrow = (c: number | null) => (c === null ? "–" : c > 0 ? `▲${c}` : c < 0 ? `▼${-c}` : "0");
      const rowsFor = (k: number) =>
        expected.tops[k]!.map((row) => [String(row.rank), row.name, row.score.toFixed(2), arrow(row.change)]);
      const shown = () =>
        page
          .locator("#top-body tr")
          .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent)));
      const select = page.getByRole("combobox", { name: "Edition" });
      assert.ok(await select.isVisible());
      assert.deepEqual(await select.locator("option").allTextContents(), ["2022", "2024"]);
      assert.equal(await select.inputValue(), "1");
      assert.ok(await page.locator("#change-heading").isVisible());
      assert.deepEqual(await shown(), rowsFor(1));
      assert.ok(
        (await shown()).some((row) => row[3]!.startsWith("▲")),
        "a mover in the 2024 top 10",
      );
      await select.selectOption("2022");
      assert.deepEqual(await shown(), rowsFor(0));
      assert.ok(
        (await shown()).every((row) => row[3] === "–"),
        "2022 is the first edition",
      );
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
);
