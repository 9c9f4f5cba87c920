/**
 * The production build (taskpane.html + functions.js + taskpane.js as `npm run build` minifies them, office.js from
 * @microsoft/office-js) in real headless Chromium, 320 px wide, with the Excel fake injected after office.js:
 * template → Enter in the Data field computes → ribbon Refresh, checked against the engine run in Node on the same
 * sample; no sideways scrolling in any state, in English and Chinese. Keeps screenshots in test-output/.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { assertFitsWidth, cellsOf, openPane, openSection, PANE_WIDTH, rowsOf, SKIP, snapshot } from "./browser-harness";

test(
  "task pane in Chromium (production build, 320 px): template → Enter computes → ribbon Refresh, results and charts equal the engine's",
  { skip: SKIP, timeout: 240_000 },
  async () => {
    const pane = await openPane();
    const { page, root, url } = pane;
    try {
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
      });
      // Any request that leaves the test server (a CDN, telemetry) is a defect: the pane works offline.
      const outside: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(new URL(url).origin) && !request.url().startsWith("data:"))
          outside.push(request.url());
      });
      await page.addInitScript(() => {
        const seen: string[] = [];
        document.addEventListener("securitypolicyviolation", (event) =>
          seen.push(`${event.violatedDirective} ${event.blockedURI} from ${event.sourceFile}`),
        );
        Object.assign(window, { __csp: seen });
      });
      await page.goto(url);
      try {
        await scenario(page, root, problems, outside);
      } catch (error) {
        // Say what the pane showed, so a failure here is diagnosable without a browser.
        const shown = await page
          .evaluate(() => ({
            status: document.getElementById("status")?.textContent,
            errors: document.getElementById("errors")?.textContent,
          }))
          .catch(() => null);
        await page.screenshot({ path: "test-output/taskpane-failure.png", fullPage: true }).catch(() => undefined);
        throw Object.assign(error as Error, {
          message: `${(error as Error).message}\npane: ${JSON.stringify(shown)}\nproblems: ${JSON.stringify(problems)}`,
        });
      }
    } finally {
      await pane.close();
    }
  },
);

async function scenario(page: Page, root: string, problems: string[], outside: string[]): Promise<void> {
  // office.js's host script arrives asynchronously and defines Office.context again; the fake's context still answers.
  await page.waitForFunction(() =>
    String(Object.getOwnPropertyDescriptor(Office, "context")?.get).includes("_OfficeAppFactory"),
  );
  assert.deepEqual(
    await page.evaluate(() => [
      Office.context.requirements.isSetSupported("ExcelApi", "1.7"),
      Office.context.displayLanguage,
    ]),
    [true, "en-US"],
  );
  // Registrations: every custom function of functions.json and the ribbon's Refresh are associated.
  const metadata = JSON.parse(readFileSync(join(root, "functions.json"), "utf8")) as { functions: { id: string }[] };
  await page.waitForFunction(
    () => Object.keys((window as unknown as { __test: { actions: object } }).__test.actions).length > 0,
  );
  const registered = await page.evaluate(() => {
    const t = (window as unknown as { __test: { actions: object; functions: object } }).__test;
    return { actions: Object.keys(t.actions), functions: Object.keys(t.functions).sort() };
  });
  assert.deepEqual(registered.actions, ["refreshRanking"]);
  assert.deepEqual(registered.functions, metadata.functions.map((f) => f.id).sort());

  // An empty workbook: nothing detected, said in the status line.
  await page.getByRole("status").filter({ hasText: "No Data or Framework sheet found" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.clientWidth), PANE_WIDTH);
  // The minifier drops type="text" (the default): what styles and wires the fields must not depend on it.
  assert.equal(await page.locator("#source-data").getAttribute("type"), null, "the production build is minified");
  await assertFitsWidth(page, "empty workbook");

  // New index from the IECI template (the default choice), by the accessible names of the controls.
  await page.getByRole("radio", { name: /IECI sample/ }).check();
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByRole("status").filter({ hasText: "Template sheets created" }).waitFor();
  assert.equal(await page.getByRole("textbox", { name: /^Data \(/ }).inputValue(), "Data");
  assert.equal(await page.getByRole("textbox", { name: /^Framework \(/ }).inputValue(), "Framework");
  // Method panel (issue 15): the method shown is the Settings sheet's.
  await openSection(page, "method");
  await page.locator("#section-method-body").getByText("The method in force, from Settings.").waitFor();

  // Pick the Framework as a range: select it in the sheet, then "Use selected range" (named after its field).
  await page.evaluate(`(() => { const wb = window.__test.workbook; const sheet = wb.sheets.find((s) => s.name === "Framework");
    wb.selection = { sheet, rect: sheet.usedRect(false) }; })()`);
  await page.getByRole("button", { name: "Use selected range Framework (sheet, table or range)" }).click();
  await page.waitForFunction(() =>
    (document.getElementById("source-framework") as HTMLInputElement).value.includes("!"),
  );
  const frameworkRange = await page.getByRole("textbox", { name: /^Framework \(/ }).inputValue();
  assert.match(frameworkRange, /^Framework!A1:[A-Z]+\d+$/);
  // Both "Use selected range" buttons are shown now: they must fit beside their fields.
  assert.ok(await page.getByRole("button", { name: "Use selected range Data (sheet, table or range)" }).isVisible());
  await assertFitsWidth(page, "sources filled, Use selected range shown");

  // Enter in the Data field computes (as the README says), with no click anywhere.
  const syncsBeforeEnter = (await page.evaluate("window.__test.workbook.syncCount")) as number;
  await page.getByRole("textbox", { name: /^Data \(/ }).press("Enter");
  await page
    .getByRole("status")
    .filter({ hasText: /^Ranked 37 units/ })
    .waitFor({ timeout: 60_000 });
  assert.ok(
    ((await page.evaluate("window.__test.workbook.syncCount")) as number) > syncsBeforeEnter,
    "Enter reached Excel",
  );
  const shownTop = await page
    .locator("#top-body tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent)));

  // The engine in Node on the same sample and settings.
  const settingsRows = ieciSettingsTable();
  const { spec } = settingsToSpecInput(settingsRows);
  const result = computeIndex(ieciDataTable(), ieciFrameworkTable(), spec);
  const indexCode = result.framework.root;
  const scores = result.scores.columns[result.scores.codes.indexOf(indexCode)]!;
  const ranks = result.ranks.columns[result.ranks.codes.indexOf(indexCode)]!;
  const order = [...ranks.keys()].sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  const expectedTop = order
    .slice(0, 10)
    .map((u) => [String(ranks[u]), result.units.names[u] || result.units.codes[u], scores[u]!.toFixed(2)]);
  assert.deepEqual(shownTop, expectedTop);

  const after = await snapshot(page);
  const names = after.sheets.map((s) => s.name);
  for (const sheet of ["Data", "Framework", "Settings", "Results", "Dashboard"])
    assert.ok(names.includes(sheet), `${sheet} missing from ${names.join(", ")}`);
  // Results: every unit's row carries its code and exactly the engine's index score and rank.
  const resultRows = rowsOf(cellsOf(after, "Results"));
  for (const u of order) {
    const row = resultRows.find((r) => r?.includes(result.units.codes[u]));
    assert.ok(row, `no Results row for ${result.units.codes[u]}`);
    assert.ok(
      row.some((v) => typeof v === "number" && Math.abs(v - scores[u]!) <= 1e-9 * Math.max(1, Math.abs(scores[u]!))),
      `${result.units.codes[u]}: index score ${scores[u]} not written`,
    );
    assert.equal(
      row.find((v) => typeof v === "number"),
      ranks[u],
      `${result.units.codes[u]}: rank`,
    );
  }
  // Dashboard: native charts whose series point at written numeric ranges.
  const charts = after.sheets.flatMap((s) => s.charts);
  const types = new Set(charts.map((c) => c.type));
  for (const type of ["BarClustered", "BarStacked", "Radar", "XYScatter"])
    assert.ok(types.has(type), `no ${type} chart (have ${[...types].join(", ")})`);
  for (const chart of charts) {
    for (const series of chart.series) {
      assert.ok(series.values && !series.values.startsWith("#REF"), `${chart.title}: series without values`);
      const [sheet, range] = series.values.split("!") as [string, string];
      const cells = cellsOf(after, sheet.replace(/^'|'$/g, "").replace(/''/g, "'"));
      const [from, to = from] = range.split(":");
      const numbers = [...cells].filter(([a, v]) => typeof v === "number" && inRange(a, from!, to)).length;
      assert.ok(numbers > 0, `${chart.title}: ${series.values} holds no numbers`);
    }
  }
  const topChart = charts.find((c) => c.type === "BarClustered")!;
  const [topSheet, topRange] = topChart.series[0]!.values!.split("!") as [string, string];
  const topValues = [...cellsOf(after, topSheet.replace(/^'|'$/g, ""))]
    .filter(([a, v]) => typeof v === "number" && inRange(a, ...(topRange.split(":") as [string, string])))
    .map(([, v]) => v as number);
  assert.ok(
    topValues.some((v) => Math.abs(v - scores[order[0]!]!) < 1e-9),
    "the top-N chart plots the leader's score",
  );

  await assertFitsWidth(page, "after a run (top 10, analysis section)");
  await page.screenshot({ path: "test-output/pane-320-en.png", fullPage: true });

  // Ribbon "Refresh ranking": completes its event, and a second run leaves the workbook identical.
  // (A string, not a function: tsx would add helpers to a function that the page does not have.)
  const clickRefresh = `(async () => { let n = 0; await window.__test.actions.refreshRanking({ completed() { n++; } }); return { completed: n, shown: window.__test.shownTaskpane }; })()`;
  const completed = ((await page.evaluate(clickRefresh)) as { completed: number }).completed;
  assert.equal(completed, 1);
  assert.deepEqual(await snapshot(page), after);

  // Accessibility: Chromium's own accessibility tree gives every control of the pane a name.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
  };
  const controls = nodes.filter(
    (n) =>
      !n.ignored && ["button", "textbox", "combobox", "checkbox", "radio", "spinbutton"].includes(n.role?.value ?? ""),
  );
  assert.ok(controls.length >= 15, `only ${controls.length} controls in the accessibility tree`);
  assert.deepEqual(
    controls.filter((n) => !n.name?.value.trim()).map((n) => n.role?.value),
    [],
    "controls without an accessible name",
  );
  await cdp.detach();

  // The Analysis section appears after a run; its Web Worker loads under the pane's CSP and writes its sheet.
  const analysis = page.locator("#section-analysis-body");
  await analysis.getByLabel(/^Uncertainty: number of random runs/).fill("");
  await analysis.getByLabel(/^Sensitivity: sample size/).fill("");
  await analysis.getByRole("button", { name: "Run analysis" }).click();
  await analysis
    .getByRole("status")
    .filter({ hasText: /^Wrote / })
    .waitFor({ timeout: 60_000 });
  const withAudit = (await snapshot(page)).sheets.map((s) => s.name);
  assert.ok(withAudit.length > names.length, `the analysis wrote no sheet (${withAudit.join(", ")})`);

  // Auto-refresh: a user's edit of Data recomputes after the debounce, and the new numbers are the engine's.
  const userEdit = (address: [number, number], value: string | number) =>
    page.evaluate(
      `window.__test.workbook.userEdit("Data", [[${JSON.stringify(value)}]], ${address[0]}, ${address[1]})`,
    );
  await page.getByRole("checkbox", { name: /Refresh automatically/ }).check();
  assert.ok(await page.getByRole("checkbox", { name: /Refresh automatically/ }).isChecked());
  await page.waitForTimeout(1_600); // past the quiet period that hides the add-in's own writes
  const syncsBeforeEdit = (await page.evaluate("window.__test.workbook.syncCount")) as number;
  await userEdit([1, 4], 80); // London's PM25 (a "lower is better" indicator) gets much worse
  await page.waitForFunction(
    (n) => (window as unknown as { __test: { workbook: { syncCount: number } } }).__test.workbook.syncCount > n + 1,
    syncsBeforeEdit,
    { timeout: 30_000 },
  );
  await page
    .locator("#refresh-report")
    .filter({ hasText: /^Refreshed / })
    .waitFor();
  const editedData = ieciDataTable().map((row) => [...row]);
  editedData[1]![4] = 80;
  const recomputed = computeIndex(editedData, ieciFrameworkTable(), spec);
  const londonScore = recomputed.scores.columns[recomputed.scores.codes.indexOf(indexCode)]![0]!;
  assert.notEqual(londonScore, scores[0]);
  await expectResultsScore(page, "LON", londonScore);
  await page.getByRole("checkbox", { name: /Refresh automatically/ }).uncheck();
  await page.waitForFunction(() => document.getElementById("app")!.getAttribute("aria-busy") === "false"); // watch removed

  // Names from the data are shown as text, never parsed as HTML.
  const hostile = `<img src=x onerror="window.__pwned=1">London`;
  await page.evaluate(`window.__test.workbook.userEdit("Data", [[${JSON.stringify(hostile)}]], 1, 1)`);
  await page.getByRole("button", { name: "Compute" }).click();
  await page.locator("#top-body td", { hasText: hostile }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator("#top-body img").count(), 0);
  assert.equal(await page.evaluate("window.__pwned"), undefined);

  // The method panel (issue 15): a bad parameter is reported on its step and nothing runs.
  const syncsBefore = await page.evaluate("window.__test.workbook.syncCount");
  await openSection(page, "method"); // the Method section is open
  await page.locator("#mp-aggregate-method").selectOption("power");
  await page.locator("#mp-aggregate-p").fill("0");
  await page.getByRole("button", { name: "Compute" }).click();
  await page.locator("#mp-error-aggregate", { hasText: "p must not be 0" }).waitFor();
  assert.equal(await page.locator("#mp-aggregate-p").getAttribute("aria-invalid"), "true");
  // The message is tied to its field: the field's description is the error text.
  assert.match(
    (await page
      .locator("#mp-aggregate-p")
      .evaluate((input) => document.getElementById(input.getAttribute("aria-describedby")!)?.textContent)) ?? "",
    /p must not be 0/,
  );
  await assertFitsWidth(page, "method options with a field error");
  assert.equal(
    await page.evaluate("window.__test.workbook.syncCount"),
    syncsBefore,
    "an invalid form never reaches Excel",
  );
  await page.getByRole("button", { name: "Undo changes" }).click();

  // Text in a number cell: the run goes on (the engine treats it as missing) and the warning names the cell.
  await userEdit([3, 4], "n/a");
  await page.getByRole("button", { name: "Compute" }).click();
  await page.locator("#warning-list li", { hasText: "Data!E4" }).first().waitFor({ timeout: 60_000 });

  // A duplicate unit code is an error: it names the cell, the pane stays usable, and nothing is written.
  await userEdit([2, 0], "LON");
  const edited = await snapshot(page);
  await page.getByRole("button", { name: "Compute" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  // The cell reference names its unit (the sample's second city, row 3) and is a link.
  const secondCity = String(ieciDataTable()[2]![1]);
  assert.match(await alert.innerText(), new RegExp(`Data!A3 \\(${secondCity}\\): duplicate unit code LON`));
  assert.ok(await alert.getByRole("link", { name: "Data!A3" }).isVisible());
  await assertFitsWidth(page, "error shown");
  assert.deepEqual(await snapshot(page), edited, "a failed run changes nothing");
  assert.ok(await page.getByRole("button", { name: "Compute" }).isEnabled());

  // The ribbon reports the same failure in the pane and opens it.
  const shown = await page.evaluate(clickRefresh);
  assert.deepEqual(shown, { completed: 1, shown: 1 });
  assert.match(await alert.innerText(), /Refresh ranking failed[\s\S]*Data!A3/);

  // Switching to Chinese relabels the pane.
  await page.getByLabel("Language").selectOption("zh-CN");
  assert.equal(await page.locator("h1").innerText(), "指数工作室");
  assert.ok(await page.getByRole("button", { name: "计算" }).isVisible());
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
  await assertFitsWidth(page, "Chinese, after a run");
  // Chinese with the method options shown and no error: the screenshot of the whole pane.
  await userEdit([2, 0], String(ieciDataTable()[2]![0])); // the duplicate code undone
  await page.getByRole("button", { name: "计算" }).click();
  await page
    .getByRole("status")
    .filter({ hasText: /^已为 37 个单位排名/ })
    .waitFor({ timeout: 60_000 });
  await assertFitsWidth(page, "Chinese, method options shown");
  await page.screenshot({ path: "test-output/pane-320-zh.png", fullPage: true });

  // Office's display language decides the starting language: a Chinese Excel opens the pane in Chinese.
  const chinese = await page.context().newPage();
  await chinese.goto(`${page.url().split("?")[0]}?lang=zh-CN`);
  await chinese.getByRole("status").filter({ hasText: "未找到 Data 或 Framework 工作表" }).waitFor();
  assert.equal(await chinese.locator("h1").innerText(), "指数工作室");
  assert.ok(await chinese.getByRole("button", { name: "创建" }).isVisible());
  assert.equal(await chinese.evaluate(() => document.documentElement.lang), "zh-CN");
  await assertFitsWidth(chinese, "Chinese Excel, empty workbook");
  await chinese.close();

  // The CSP blocks only office.js's own telemetry iframe (a hidden frame to Microsoft, created outside Office);
  // nothing of ours is ever blocked.
  const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  const origin = new URL(page.url()).origin;
  const telemetry = new RegExp(
    `^(frame-src https://telemetryservice\\.firstpartyapps\\.oaspapps\\.com|style-src-attr inline) from ${origin}/office/`,
  );
  assert.deepEqual(
    violations.filter((v) => !telemetry.test(v)),
    [],
    "CSP violations",
  );
  assert.deepEqual(
    problems.filter((p) => !/^CSP: .*(telemetryservice|style-src)/.test(p)),
    [],
  );
  assert.deepEqual(outside, [], "requests outside the test server");
}

/** Waits until the Results row of one unit holds the expected index score (auto-refresh runs on its own time). */
async function expectResultsScore(page: Page, code: string, score: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const row = rowsOf(cellsOf(await snapshot(page), "Results")).find((r) => r?.includes(code));
    if (row?.some((v) => typeof v === "number" && Math.abs(v - score) <= 1e-9 * Math.max(1, Math.abs(score)))) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`Results never showed ${code} = ${score}`);
}

function inRange(address: string, from: string, to: string): boolean {
  const parse = (a: string) => {
    const [, letters, digits] = /^\$?([A-Z]+)\$?(\d+)$/.exec(a)!;
    return { col: [...letters!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(digits) };
  };
  const a = parse(address),
    f = parse(from),
    t = parse(to);
  return a.row >= f.row && a.row <= t.row && a.col >= f.col && a.col <= t.col;
}
