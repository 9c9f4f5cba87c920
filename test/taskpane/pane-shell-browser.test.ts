/**
 * The pane shell of issue 15 on the production build at 320 px, in English and Chinese: first view, template,
 * ranges, results (with rank changes against the previous run), a warning labelled with its unit and indicator,
 * an error with its cell as a link and the results marked out of date, a mistyped sheet name with "did you mean",
 * and a visible auto-refresh ("Refreshed 14:03 after an edit in Data!E2 · London 1→3"). Each state: no sideways
 * scroll, and a screenshot in test-output/pane/. Expected ranks come from the engine run in Node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { assertFitsWidth, openPane, paneScreenshot, SKIP } from "./browser-harness";

type Lang = "en" | "zh";

/** What each language's pane says, as the tests look for it. */
const TEXT = {
  en: {
    nothing: "No Data or Framework sheet found",
    create: "Create",
    created: "Template sheets created",
    compute: "Compute",
    ranked: /^Ranked 37 units/,
    useRange: /^Use selected range Framework/,
    useRangeData: /^Use selected range Data/,
    outOfDate: "Out of date",
    refreshed: /^Refreshed \d\d:\d\d after an edit in /,
    auto: /Refresh automatically/,
    didYouMean: (name: string) => `Did you mean ${name}?`,
    useFix: (name: string) => `Use ${name}`,
    goToResults: "Go to Results",
    warning: (n: number) => (n === 1 ? "1 warning" : `${n} warnings`),
    vsLast: "vs last run",
    dataField: /^Data \(/,
    frameworkField: /^Framework \(/,
  },
  zh: {
    nothing: "未找到 Data 或 Framework 工作表",
    create: "创建",
    created: "模板工作表已创建",
    compute: "计算",
    ranked: /^已为 37 个单位排名/,
    useRange: /^使用所选区域 框架/,
    useRangeData: /^使用所选区域 数据/,
    outOfDate: "已过期",
    refreshed: /^\d\d:\d\d 已刷新（编辑了 /,
    auto: /自动刷新/,
    didYouMean: (name: string) => `您是指 ${name} 吗？`,
    useFix: (name: string) => `使用 ${name}`,
    goToResults: "转到结果",
    warning: (n: number) => `${n} 条警告`,
    vsLast: "较上次",
    dataField: /^数据（/,
    frameworkField: /^框架（/,
  },
} as const;

const ranksOf = (data: unknown[][]) => {
  const result = computeIndex(data as never, ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  const ranks = result.ranks.columns[result.ranks.codes.indexOf(result.framework.root)]!;
  return new Map(result.units.codes.map((code, u) => [code, ranks[u]!]));
};

for (const lang of ["en", "zh"] as const) {
  test(
    `pane shell (${lang}, production build, 320 px): first view → template → ranges → results → warning → error → auto-refresh`,
    { skip: SKIP, timeout: 300_000 },
    async () => {
      const pane = await openPane();
      const { page, url } = pane;
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      try {
        await page.goto(`${url}?lang=${lang === "zh" ? "zh-CN" : "en-US"}`);
        await walk(page, lang);
        assert.deepEqual(problems, []);
      } catch (error) {
        await page.screenshot({ path: `test-output/pane/${lang}-failure.png`, fullPage: true }).catch(() => undefined);
        throw error;
      } finally {
        await pane.close();
      }
    },
  );
}

async function walk(page: Page, lang: Lang): Promise<void> {
  const T = TEXT[lang];
  const status = page.getByRole("status");
  const runLine = page.locator("#run-line");
  const section = (name: string) => page.locator(`.pane-section[data-section="${name}"]`);
  const toggle = (name: string) => page.locator(`#section-${name}-toggle`);

  // 01 first view: nothing found, the template section open and first; Weights/Editions hidden while nothing mounts.
  await status.filter({ hasText: T.nothing }).waitFor();
  assert.equal(await toggle("template").getAttribute("aria-expanded"), "true");
  assert.equal(await section("editions").isVisible(), false);
  // Every section header is a button that controls its body; the keyboard opens and closes it.
  await toggle("method").focus();
  await page.keyboard.press("Enter");
  assert.equal(await toggle("method").getAttribute("aria-expanded"), "true");
  assert.ok(await page.locator("#section-method-body").isVisible());
  await page.keyboard.press(" ");
  assert.equal(await toggle("method").getAttribute("aria-expanded"), "false");
  assert.equal(await page.locator("#section-method-body").isVisible(), false);
  await assertFitsWidth(page, `${lang} first view`);
  await paneScreenshot(page, lang, "01", "first-view");

  // 02 template: created; Data and Framework found, so the template section folds away (secondary).
  await page.getByRole("button", { name: T.create, exact: true }).click();
  await status.filter({ hasText: T.created }).waitFor();
  assert.equal(await toggle("template").getAttribute("aria-expanded"), "false");
  assert.match((await section("template").getAttribute("class")) ?? "", /secondary/);
  const dataSheet = await page.getByRole("textbox", { name: T.dataField }).inputValue();
  const frameworkSheet = await page.getByRole("textbox", { name: T.frameworkField }).inputValue();
  await assertFitsWidth(page, `${lang} template created`);
  await paneScreenshot(page, lang, "02", "template");

  // 03 ranges: both tables picked as ranges with "Use selected range".
  for (const [sheetName, button] of [
    [frameworkSheet, T.useRange],
    [dataSheet, T.useRangeData],
  ] as const) {
    await page.evaluate(`(() => { const wb = window.__test.workbook; const sheet = wb.sheets.find((s) => s.name === ${JSON.stringify(sheetName)});
      wb.selection = { sheet, rect: sheet.usedRect(false) }; })()`);
    await page.getByRole("button", { name: button }).click();
  }
  await page.waitForFunction(() => (document.getElementById("source-data") as HTMLInputElement).value.includes("!"));
  assert.match(
    await page.getByRole("textbox", { name: T.dataField }).inputValue(),
    new RegExp(`^'?${dataSheet}'?!A1:[A-Z]+38$`), // sheet names outside A-Z are quoted, as Excel accepts
  );
  await assertFitsWidth(page, `${lang} ranges`);
  await paneScreenshot(page, lang, "03", "ranges");

  // 06 results: a first run, then an edit in the sheet and a second run: the card shows the rank changes.
  const userEdit = (row: number, col: number, value: string | number) =>
    page.evaluate(
      `window.__test.workbook.userEdit(${JSON.stringify(dataSheet)}, [[${JSON.stringify(value)}]], ${row}, ${col})`,
    );
  const compute = async () => {
    await page.getByRole("button", { name: T.compute, exact: true }).click();
    await page.waitForFunction(() => document.getElementById("app")!.getAttribute("aria-busy") === "false");
  };
  await compute();
  await runLine.filter({ hasText: T.ranked }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator("#change-heading").isVisible(), false, "no change column on the first run");
  const sample = ieciDataTable().map((row) => [...row]);
  const before = ranksOf(sample);
  const nyc = sample.findIndex((row) => row[0] === "NYC");
  const edited = sample.map((row) => [...row]);
  edited[nyc]![4] = 80; // New York's PM25 (lower is better) much worse
  await userEdit(nyc, 4, 80);
  await compute();
  const after = ranksOf(edited);
  assert.equal(await page.locator("#change-heading").innerText(), T.vsLast);
  const shown = await page
    .locator("#top-body tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent)));
  const codeOfName = new Map(sample.slice(1).map((row) => [String(row[1]), String(row[0])]));
  for (const [rank, name, , change] of shown) {
    const code = codeOfName.get(name!)!;
    assert.equal(Number(rank), after.get(code), `${name}'s rank`);
    const moved = before.get(code)! - after.get(code)!;
    assert.equal(change, moved > 0 ? `▲${moved}` : moved < 0 ? `▼${-moved}` : "0", `${name}'s change`);
  }
  assert.ok(
    shown.some(([, , , change]) => change !== "0"),
    "someone moved",
  );
  const line = await runLine.innerText();
  assert.match(line, T.ranked);
  assert.ok(line.includes(T.goToResults));
  assert.doesNotMatch(line, /round trip|往返/, "no jargon");
  // "Go to Results" selects the Results sheet's first cell in Excel.
  const goTo = runLine.getByRole("link", { name: T.goToResults });
  const resultsSheet = (await goTo.getAttribute("data-sheet"))!;
  await goTo.click();
  await page.waitForFunction((name) => {
    const wb = (
      window as unknown as {
        __test: {
          workbook: {
            selection: { sheet: { name: string }; rect: { row: number; col: number } } | null;
            activeSheet: { name: string } | null;
          };
        };
      }
    ).__test.workbook;
    return (
      wb.selection?.sheet.name === name &&
      wb.selection.rect.row === 0 &&
      wb.selection.rect.col === 0 &&
      wb.activeSheet?.name === name
    );
  }, resultsSheet);
  await assertFitsWidth(page, `${lang} results`);
  await paneScreenshot(page, lang, "06", "results");

  // 07 warning: text in a number cell; the warning names the cell (a link), Paris and PM25, and the count is in the line.
  await userEdit(3, 4, "n/a");
  await compute();
  const warning = page.locator("#warning-list li", { hasText: `${dataSheet}!E4` }).first();
  await warning.waitFor({ timeout: 60_000 });
  assert.ok((await warning.innerText()).includes(`${dataSheet}!E4 (Paris · PM25)`), await warning.innerText());
  const warnings = await page.locator("#warning-list li").count();
  assert.ok((await runLine.innerText()).includes(T.warning(warnings)), await runLine.innerText());
  await warning.getByRole("link", { name: `${dataSheet}!E4` }).click();
  await page.waitForFunction(
    `window.__test.workbook.selection.rect.row === 3 && window.__test.workbook.selection.rect.col === 4`,
  );
  await assertFitsWidth(page, `${lang} warning`);
  await paneScreenshot(page, lang, "07", "warning");

  // 08 error: a duplicate code; the alert links the cell with its unit, the old results are marked out of date.
  await userEdit(2, 0, "LON");
  await compute();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`${dataSheet}!A3 \\(New York\\)`));
  assert.ok(await page.locator("#results-card .badge", { hasText: T.outOfDate }).isVisible());
  assert.ok(await page.locator("#stale-note").isVisible());
  assert.equal(await page.locator("#progress-text").innerText(), "", "no 'Finished' after the failure");
  await assertFitsWidth(page, `${lang} error`);
  await paneScreenshot(page, lang, "08", "error");

  // A mistyped sheet name: "did you mean", the field marked invalid and described by the message; the fix fills it.
  await userEdit(nyc, 0, "NYC");
  await userEdit(nyc, 4, sample[nyc]![4] as number);
  await userEdit(3, 4, sample[3]![4] as number);
  const frameworkBox = page.getByRole("textbox", { name: T.frameworkField });
  const frameworkRange = await frameworkBox.inputValue();
  const typo =
    frameworkSheet.length > 4 ? frameworkSheet.slice(0, 4) + frameworkSheet.slice(5) : frameworkSheet.slice(0, -1); // "Framwork"
  await frameworkBox.fill(frameworkRange.replace(frameworkSheet, typo));
  await compute();
  const fieldError = page.locator("#source-framework-error");
  await fieldError.filter({ hasText: T.didYouMean(frameworkSheet) }).waitFor();
  assert.equal(await frameworkBox.getAttribute("aria-invalid"), "true");
  assert.equal(await frameworkBox.getAttribute("aria-describedby"), "source-framework-error");
  await fieldError.getByRole("button", { name: T.useFix(frameworkSheet) }).click();
  const unquoted = (range: string) => range.replace(/^'(.*)'!/, "$1!"); // '框架'!A1 and 框架!A1 are the same range
  assert.equal(
    unquoted(await frameworkBox.inputValue()),
    unquoted(frameworkRange),
    "the fix keeps the range, with the sheet's name corrected",
  );
  assert.equal(await frameworkBox.getAttribute("aria-invalid"), "false");
  await assertFitsWidth(page, `${lang} did you mean`);

  // 09 auto-refresh: an edit of London's PM25 recomputes; the card says when, which cell and who moved.
  await compute();
  await page.locator("#results-card.stale").waitFor({ state: "detached" });
  await page.getByRole("checkbox", { name: T.auto }).check();
  await page.waitForTimeout(1_600); // past the quiet period that hides the add-in's own writes
  const base = sample.map((row) => [...row]); // every edit above undone
  const baseRanks = ranksOf(base);
  const london = base.findIndex((row) => row[0] === "LON");
  base[london]![4] = 80;
  const refreshedRanks = ranksOf(base);
  await userEdit(london, 4, 80);
  const report = page.locator("#refresh-report");
  await report.filter({ hasText: T.refreshed }).waitFor({ timeout: 30_000 });
  const reported = await report.innerText();
  assert.ok(reported.includes(`${dataSheet}!E${london + 1} (London · PM25)`), reported);
  const [from, to] = [baseRanks.get("LON")!, refreshedRanks.get("LON")!];
  assert.notEqual(from, to, "the edit moves London");
  assert.ok(reported.includes(`London ${from}→${to}`), reported);
  await assertFitsWidth(page, `${lang} auto-refresh`);
  await paneScreenshot(page, lang, "09", "auto-refresh");
  await page.getByRole("checkbox", { name: T.auto }).uncheck();
  await page.waitForFunction(() => document.getElementById("app")!.getAttribute("aria-busy") === "false");

  // Themes: the system's dark and forced-colors settings apply Fluent's dark and high-contrast tokens (no Office theme here).
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), "rgb(255, 255, 255)");
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await background(), "rgb(41, 41, 41)", "webDarkTheme colorNeutralBackground1 #292929");
  await page.emulateMedia({ colorScheme: "light", forcedColors: "active" });
  assert.equal(
    await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue("--colorNeutralBackground1").trim(),
    ),
    "#000000",
    "teamsHighContrastTheme",
  );
  await page.emulateMedia({ colorScheme: "light", forcedColors: "none" });
  // The progress bar has an accessible name.
  assert.ok(
    await page
      .locator("#progress")
      .evaluate((bar) => document.getElementById(bar.getAttribute("aria-labelledby")!)?.textContent?.trim()),
  );
}
