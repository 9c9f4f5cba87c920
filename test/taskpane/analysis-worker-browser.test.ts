/**
 * The Analysis section and its Web Worker in the production build (minified, as `npm run build` ships it) in real
 * Chromium at 320 px, on the IECI template in the Excel fake: the sheets written hold Node's numbers for the same
 * seed, the chosen uncertain inputs are used, Cancel stops a long run with nothing written, the pane keeps answering.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { runAnalysis, type AnalysisOptions } from "../../src/core/analysis";
import { buildAnalysisReport } from "../../src/core/report";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { assertFitsWidth, cellsOf, openPane, rowsOf, SKIP, snapshot, type Snapshot } from "./browser-harness";

const { spec } = settingsToSpecInput(ieciSettingsTable());
const computed = computeIndex(ieciDataTable(), ieciFrameworkTable(), spec);

/** Node's analysis with the same options, and the names of the sheets the pane writes for it. */
function expected(options: AnalysisOptions) {
  const analysis = runAnalysis(computed, options);
  const names = buildAnalysisReport(analysis, computed, { language: "en" }).map((sheet) => sheet.name);
  return { analysis, names };
}

const uncertaintyRows = (snap: Snapshot, sheet: string) =>
  rowsOf(cellsOf(snap, sheet))
    .slice(1, 7)
    .map((row) => row.slice(0, 6));

test(
  "Analysis section in Chromium (production build): worker result equals Node's; Cancel stops a long run",
  { skip: SKIP, timeout: 240_000 },
  async () => {
    const pane = await openPane();
    const { page, url } = pane;
    try {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("worker", (worker) =>
        worker.on("console", (message) => message.type() === "error" && errors.push(message.text())),
      );
      await page.goto(url);
      await page.getByRole("status").filter({ hasText: "No Data or Framework sheet found" }).waitFor();
      await page.getByRole("button", { name: "Create" }).click();
      await page.getByRole("status").filter({ hasText: "Template sheets created" }).waitFor();
      await page.getByRole("button", { name: "Compute" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /^Ranked 37 units/ })
        .waitFor({ timeout: 60_000 });

      // Audit on, 200 runs, sensitivity N = 20, seed 6, the form's default uncertain inputs.
      const analysis = page.locator("#section-analysis-body");
      const status = analysis.getByRole("status");
      await analysis.getByLabel(/^Uncertainty: number of random runs/).fill("200");
      await analysis.getByLabel(/^Sensitivity: sample size/).fill("20");
      await analysis.getByLabel(/^Random start/).fill("6");
      await analysis.getByRole("button", { name: "Run analysis" }).click();
      await status.filter({ hasText: /^Wrote / }).waitFor({ timeout: 120_000 });
      const first = expected({ audit: true, uncertainty: { runs: 200 }, sensitivity: { n: 20 }, seed: 6 });
      assert.equal(await status.innerText(), `Wrote ${first.names.join(", ")}.`);
      let snap = await snapshot(page);
      const units = first.analysis.uncertainty!.units;
      assert.equal(units.length, 37);
      assert.deepEqual(
        uncertaintyRows(snap, first.names[1]!),
        units.slice(0, 6).map((u) => [u.nominalRank, u.code, u.name, u.medianRank, u.rankLow, u.rankHigh]),
      );
      const sobol = rowsOf(cellsOf(snap, first.names[2]!))[1]!;
      assert.equal(sobol[2], first.analysis.sensitivity!.indices[0]!.first);
      assert.equal(sobol[5], first.analysis.sensitivity!.indices[0]!.total);
      await assertFitsWidth(page, "after an analysis");

      // Chosen inputs: noise ±10 %, the PCA weight set, no rank normalization; no sensitivity.
      await analysis.getByLabel("Weights vary by ± (%)").fill("10");
      await analysis.getByRole("checkbox", { name: "PCA", exact: true }).check();
      await analysis.getByRole("checkbox", { name: "Rank", exact: true }).uncheck();
      await analysis.getByLabel(/^Uncertainty: number of random runs/).fill("60");
      await analysis.getByLabel(/^Sensitivity: sample size/).fill("");
      await analysis.getByRole("button", { name: "Run analysis" }).click();
      await status
        .filter({ hasText: /^Wrote .*\.$/ })
        .filter({ hasNotText: first.names[2]! })
        .waitFor({ timeout: 120_000 });
      const chosen = expected({
        audit: true,
        uncertainty: {
          runs: 60,
          inputs: {
            weights: { factor: 0.1 },
            weightSets: ["framework", "pca"],
            normalize: ["minmax", "zscore"],
            aggregate: ["arithmetic", "geometric"],
          },
        },
        seed: 6,
      });
      snap = await snapshot(page);
      const chosenUnits = chosen.analysis.uncertainty!.units.slice(0, 6);
      assert.deepEqual(
        uncertaintyRows(snap, chosen.names[1]!),
        chosenUnits.map((u) => [u.nominalRank, u.code, u.name, u.medianRank, u.rankLow, u.rankHigh]),
      );
      assert.ok(rowsOf(cellsOf(snap, chosen.names[1]!)).some((row) => row?.includes("weight set: framework | pca")));

      // A long run: Cancel ends it, the page keeps answering meanwhile, nothing is written.
      const before = await snapshot(page);
      await analysis.getByLabel(/^Uncertainty: number of random runs/).fill("100000");
      await analysis.getByRole("button", { name: "Run analysis" }).click();
      await status.filter({ hasText: /runs · .* left$/ }).waitFor();
      const t0 = Date.now();
      assert.equal(await page.evaluate("1 + 1"), 2);
      assert.ok(Date.now() - t0 < 1000, "the page answers while the worker computes");
      await analysis.getByRole("button", { name: "Cancel" }).click();
      await status.filter({ hasText: /^Cancelled/ }).waitFor({ timeout: 10_000 });
      assert.deepEqual(await snapshot(page), before);
      assert.deepEqual(errors, []);
    } finally {
      await pane.close();
    }
  },
);
