/** The findings of an analysis (core/analysis/findings), on hand-made results and on the sample. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../../src/core/engine";
import { runAnalysis, type AnalysisResult, type UnitUncertainty } from "../../../src/core/analysis";
import { analysisFindings } from "../../../src/core/analysis";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../../src/core/sample";

const unit = (code: string, rank: number, low: number, high: number): UnitUncertainty => ({
  code,
  name: code,
  nominalRank: rank,
  nominalScore: 0,
  medianRank: rank,
  rankLow: low,
  rankHigh: high,
  meanScore: 0,
  scoreLow: 0,
  scoreHigh: 0,
});

test("findings: mean rank shift, widest intervals (ties in rank order, unranked left out), the input with the largest total index", () => {
  const analysis = {
    seed: 1,
    uncertainty: {
      runs: 4,
      seed: 1,
      inputs: [],
      notes: [],
      low: 5,
      high: 95,
      scoreRuns: 4,
      units: [unit("A", 1, 1, 2), unit("B", 2, 1, 5), unit("C", 3, 2, 6), unit("D", 4, 3, 4), unit("E", NaN, NaN, NaN)],
      rankShift: Float64Array.from([0.5, 1, 1.5, 3]),
    },
    sensitivity: {
      n: 10,
      runs: 40,
      seed: 1,
      confidence: 0.95,
      meanRankShift: 1,
      variance: 1,
      notes: [],
      indices: [
        {
          input: "weights",
          description: "w",
          first: 0.2,
          total: 0.5,
          firstLow: 0,
          firstHigh: 0,
          totalLow: 0,
          totalHigh: 0,
        },
        {
          input: "normalize",
          description: "n",
          first: 0.4,
          total: 0.6,
          firstLow: 0,
          firstHigh: 0,
          totalLow: 0,
          totalHigh: 0,
        },
        {
          input: "aggregate",
          description: "a",
          first: 0.1,
          total: NaN,
          firstLow: 0,
          firstHigh: 0,
          totalLow: 0,
          totalHigh: 0,
        },
      ],
    },
  } as unknown as AnalysisResult;
  const found = analysisFindings(analysis, 2);
  assert.equal(found.meanRankShift, (0.5 + 1 + 1.5 + 3) / 4); // 1.5
  assert.deepEqual(
    found.widest.map((u) => u.code),
    ["B", "C"],
    "B (1–5) and C (2–6) both span 4; B ranks first",
  );
  assert.deepEqual(found.mattersMost, { input: "normalize", description: "n", total: 0.6, first: 0.4 });
  assert.equal(found.audit, null);
  assert.deepEqual(analysisFindings({ seed: 1 }), { meanRankShift: null, widest: [], mattersMost: null, audit: null });
});

test("findings on the sample: the widest interval is one of the units with the largest rankHigh − rankLow", () => {
  const result = computeIndex(ieciDataTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  const analysis = runAnalysis(result, { uncertainty: { runs: 50 }, seed: 3 });
  const found = analysisFindings(analysis);
  const widths = analysis.uncertainty!.units.map((u) => u.rankHigh - u.rankLow);
  assert.equal(found.widest[0]!.rankHigh - found.widest[0]!.rankLow, Math.max(...widths));
  assert.ok(found.meanRankShift! > 0);
});
