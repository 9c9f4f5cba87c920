/** The Analysis section and its Web Worker in a real Chromium: numbers equal Node's, Cancel works, the UI stays responsive. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import webpack from "webpack";
import { chromium } from "playwright-core";
import { computeIndex } from "../../src/core";
import { runAnalysis } from "../../src/core/analysis";
import { smallData, smallFramework } from "../core/audit/fixture";

const CHROMIUM = "/usr/bin/chromium";
const OUT = resolve("test-output/analysis-worker");

function build(): Promise<void> {
  const config: webpack.Configuration = {
    mode: "development",
    devtool: false,
    entry: { page: "./test/taskpane/analysis-page.ts" },
    output: { path: OUT, clean: true, publicPath: "/" },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [{ test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true } }] },
    infrastructureLogging: { level: "error" },
  };
  return new Promise((done, fail) => webpack(config, (error, stats) => (error ? fail(error) : stats?.hasErrors() ? fail(new Error(stats.toString("errors-only"))) : done())));
}

function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    const path = request.url === "/" ? "/index.html" : request.url!.split("?")[0]!;
    if (path === "/favicon.ico") return response.writeHead(204).end();
    if (path === "/index.html") {
      response.writeHead(200, { "content-type": "text/html", "content-security-policy": "default-src 'self'; script-src 'self'" });
      return response.end('<!doctype html><html><body><script src="/page.js"></script></body></html>');
    }
    try {
      const body = await readFile(join(OUT, path.replace(/\.\./g, "")));
      // Workers take their CSP from their own response: no eval there either.
      response.writeHead(200, { "content-type": "text/javascript", "content-security-policy": "default-src 'self'; script-src 'self'" });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

test("Analysis section in Chromium: worker result equals Node's; Cancel stops a long run", { skip: !existsSync(CHROMIUM) && "chromium is not installed", timeout: 180_000 }, async () => {
  await build();
  const { server, url } = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("worker", (worker) => worker.on("console", (message) => message.type() === "error" && errors.push(message.text())));
    await page.goto(url);
    await page.waitForSelector("button");
    // Fill the form: audit on, 200 runs, sensitivity N = 20, seed 6; run; wait for the status line.
    const inputs = page.locator("input");
    await inputs.nth(1).fill("200");
    await inputs.nth(2).fill("20");
    await inputs.nth(3).fill("6");
    await page.getByRole("button", { name: "Run analysis" }).click();
    await page.waitForFunction(() => /Wrote/.test(document.querySelector('[role="status"]')?.textContent ?? ""), undefined, { timeout: 60_000 });
    const sheets = await page.evaluate(() => (window as unknown as { analysisPage: { written: { key: string; cells: unknown[][] }[][] } }).analysisPage.written[0]!);
    assert.deepEqual(sheets.map((s) => s.key), ["audit", "uncertainty", "sensitivity"]);
    const analysis = runAnalysis(computeIndex(smallData, smallFramework), { audit: true, uncertainty: { runs: 200 }, sensitivity: { n: 20 }, seed: 6 });
    // Same seed, same numbers in the browser's worker as in Node.
    const uncertaintyRows = sheets[1]!.cells.slice(1, 7).map((row) => row.slice(0, 6));
    const expected = analysis.uncertainty!.units.map((u) => [u.nominalRank, u.code, u.name, u.medianRank, u.rankLow, u.rankHigh]);
    assert.deepEqual(uncertaintyRows, expected);
    const first = sheets[2]!.cells[1]!;
    assert.equal(first[2], analysis.sensitivity!.indices[0]!.first);
    assert.equal(first[5], analysis.sensitivity!.indices[0]!.total);

    // Choose the inputs in the form: noise ±10 %, PCA weight set, no rank normalization; no sensitivity.
    await inputs.nth(4).fill("10");
    await page.getByRole("checkbox", { name: "pca" }).check();
    await page.getByRole("checkbox", { name: "rank" }).uncheck();
    await inputs.nth(1).fill("60");
    await inputs.nth(2).fill("");
    await page.getByRole("button", { name: "Run analysis" }).click();
    await page.waitForFunction(() => (window as unknown as { analysisPage: { written: unknown[] } }).analysisPage.written.length === 2, undefined, { timeout: 60_000 });
    const second = await page.evaluate(() => (window as unknown as { analysisPage: { written: { key: string; cells: unknown[][] }[][] } }).analysisPage.written[1]!);
    assert.deepEqual(second.map((s) => s.key), ["audit", "uncertainty"]);
    const chosen = runAnalysis(computeIndex(smallData, smallFramework), {
      uncertainty: { runs: 60, inputs: { weights: { factor: 0.1 }, weightSets: ["framework", "pca"], normalize: ["minmax", "zscore"], aggregate: ["arithmetic", "geometric"] } },
      seed: 6,
    }).uncertainty!;
    assert.deepEqual(second[1]!.cells.slice(1, 7).map((row) => row.slice(0, 6)), chosen.units.map((u) => [u.nominalRank, u.code, u.name, u.medianRank, u.rankLow, u.rankHigh]));
    assert.ok(second[1]!.cells.some((row) => row.includes("weight set: framework | pca")));

    // A long run: Cancel ends it, the page keeps answering meanwhile, nothing is written.
    await inputs.nth(1).fill("100000");
    await page.getByRole("button", { name: "Run analysis" }).click();
    await page.waitForFunction(() => /Running/.test(document.querySelector('[role="status"]')?.textContent ?? ""));
    const t0 = Date.now();
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    assert.ok(Date.now() - t0 < 1000, "the page answers while the worker computes");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForFunction(() => /Cancelled/.test(document.querySelector('[role="status"]')?.textContent ?? ""), undefined, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => (window as unknown as { analysisPage: { written: unknown[] } }).analysisPage.written.length), 2);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
