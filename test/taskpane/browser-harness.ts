/**
 * What the browser tests share: the production build served over http with the Excel fake injected after
 * office.js, headless Chromium at a task pane's width, the fake workbook's snapshot, and the layout check.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { build as esbuild } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { sharedProductionBuild } from "./build-helper";

export const CHROMIUM = "/usr/bin/chromium";
export const SKIP =
  !existsSync(CHROMIUM) && "chromium is not installed (/usr/bin/chromium); .ci/run installs it with apt";
/** The narrowest task pane Office shows (Excel on the web and a docked pane on a small screen). */
export const PANE_WIDTH = 320;

export type Snapshot = {
  sheets: {
    name: string;
    cells: [string, unknown, string | null, string | null][];
    charts: {
      type: string;
      title: string;
      series: { name: string; values: string | null; xValues: string | null }[];
    }[];
  }[];
  tables: { name: string; sheet: string; range: string }[];
};

/** Bundles the Excel fake for the browser and a small script that installs it, records registrations and exposes the workbook. */
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
  const install = `
;(function () {
  var workbook = new FakeExcel.WorkbookModel();
  workbook.displayLanguage = new URLSearchParams(location.search).get("lang") || "en-US";
  // The fake's Office.context (requirements, displayLanguage) survives office.js's host script, which
  // arrives later (asynchronously) and defines Office.context again.
  FakeExcel.installFakeOffice(window, workbook);
  var test = { workbook: workbook, actions: {}, functions: {}, shownTaskpane: 0 };
  // What Excel provides in a shared runtime: ribbon action and custom function registries, showAsTaskpane.
  Office.actions = { associate: function (id, fn) { test.actions[id] = fn; } };
  Office.addin.showAsTaskpane = function () { test.shownTaskpane++; return Promise.resolve(); };
  window.CustomFunctions = { associate: function (id, fn) { test.functions[id] = fn; }, Error: Error };
  window.__test = test;
})();`;
  return `${bundled.outputFiles[0]!.text}\n${install}`;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".xml": "application/xml",
};

/** Serves the build folder; office.js gets the fake appended (so it runs after office.js, before the bundles). */
function serve(root: string, fake: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url!, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file)) return void response.writeHead(404).end();
    let body: Buffer | string = readFileSync(file);
    if (path === "/office/office.js") body = `${body.toString("utf8")}\n${fake}`;
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    response.end(body);
  });
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/taskpane.html` }),
    ),
  );
}

export interface Pane {
  root: string;
  url: string;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** The production build (shared between test files) in headless Chromium, PANE_WIDTH wide, on the fake workbook. */
export async function openPane(): Promise<Pane> {
  const [root, fake] = await Promise.all([sharedProductionBuild(), fakeScript()]);
  const { server, url } = await serve(root, fake);
  const profile = mkdtempSync(join(tmpdir(), "index-studio-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: PANE_WIDTH, height: 900 },
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
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    root,
    url,
    context,
    page,
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What the user sees; the add-in's record of its sheets' ids is left out (a refresh recreates its own sheets). */
export const snapshot = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __test: { workbook: { snapshot(o: object): unknown } } }).__test.workbook.snapshot({
      omitSettings: ["IndexStudio.ownedSheets"],
    }),
  ) as Promise<Snapshot>;

export function cellsOf(snap: Snapshot, sheet: string): Map<string, unknown> {
  const found = snap.sheets.find((s) => s.name === sheet);
  assert.ok(found, `no sheet "${sheet}" in ${snap.sheets.map((s) => s.name).join(", ")}`);
  return new Map(found.cells.map(([address, value]) => [address, value]));
}

/** The rows of a sheet as arrays (A1-keyed cells → row-major values). */
export function rowsOf(cells: Map<string, unknown>): unknown[][] {
  const rows: unknown[][] = [];
  for (const [address, value] of cells) {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address)!;
    const col = [...letters!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    (rows[Number(digits) - 1] ??= [])[col] = value;
  }
  return rows;
}

/**
 * The pane never scrolls sideways and nothing is cut off: the document and every section are no wider than their
 * boxes, and every visible control ends inside the window. `when` names the state in the failure message.
 */
// A string, not a function: tsx would add helpers (__name) to a function that the page does not have.
const FIT_CHECK = `(() => {
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.getAttribute("aria-labelledby") ? "[" + el.getAttribute("aria-labelledby") + "]" : "");
  const boxes = [document.documentElement, document.body, ...document.querySelectorAll("main, main > section, main > header, main > div")];
  for (const box of boxes) {
    if (box.getClientRects().length === 0) continue; // hidden
    if (box.scrollWidth > box.clientWidth) found.push(name(box) + ": scrollWidth " + box.scrollWidth + " > clientWidth " + box.clientWidth);
  }
  const width = document.documentElement.clientWidth;
  for (const control of document.querySelectorAll("main button, main input, main select, main label, main th, main td, main a, main .badge")) {
    const rect = control.getBoundingClientRect();
    if (rect.width > 0 && rect.right > width + 0.5) found.push(name(control) + " " + JSON.stringify((control.textContent || "").trim().slice(0, 30)) + " ends at " + rect.right.toFixed(1) + " > " + width);
  }
  return found;
})()`;

export async function assertFitsWidth(page: Page, when: string): Promise<void> {
  const overflows = (await page.evaluate(FIT_CHECK)) as string[];
  const width = (await page.evaluate("document.documentElement.clientWidth")) as number;
  assert.deepEqual(overflows, [], `${when}: the pane is wider than ${width} px`);
}

/** The task pane screenshots of issue 15: test-output/pane/<lang>-NN-<state>.png, the whole pane (full page). */
export async function paneScreenshot(page: Page, lang: "en" | "zh", number: string, state: string): Promise<string> {
  mkdirSync("test-output/pane", { recursive: true });
  const path = `test-output/pane/${lang}-${number}-${state}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Opens a collapsible pane section (issue 15) when it is closed, as an analyst clicks its header. */
export async function openSection(page: Page, name: string): Promise<void> {
  const toggle = page.locator(`#section-${name}-toggle`);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}
