/** The first user case: the bundled IECI sample (37 cities, 3 pillars) through buildReport. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, settingsToSpecInput } from "../../../src/core/engine";
import { buildReport } from "../../../src/core/report";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../../src/core/sample";
import { handMedian, near, sheetOf, valuesAt } from "./plan-helpers";

const framework = ieciFrameworkTable();
const result = computeIndex(ieciDataTable(), framework, settingsToSpecInput(ieciSettingsTable()).spec);
const plan = buildReport(result, { language: "en" });
const dashboard = sheetOf(plan, "dashboard");
const chart = (id: string) => dashboard.charts.find((c) => c.id === id)!;
const header = framework[0]!;
const pillarRows = framework.slice(1).filter((row) => row[header.indexOf("Parent")] === "IECI");

describe("IECI sample report", () => {
  it("profiles the rank-1 city on the three pillars against the median of the included cities", () => {
    const radar = chart("radar");
    const results = sheetOf(plan, "results");
    assert.equal(valuesAt(plan, radar.series[0]!.name)[0], results.cells[1]![2], "the rank-1 city");
    assert.deepEqual(
      valuesAt(plan, radar.series[0]!.categories!),
      pillarRows.map((row) => row[header.indexOf("iName")]),
    );
    const scores = sheetOf(plan, "scores");
    valuesAt(plan, radar.series[1]!.values).forEach((median, k) => {
      const col = scores.cells[0]!.indexOf(pillarRows[k]![0]!);
      const column = scores.cells
        .slice(1)
        .map((row) => row[col])
        .filter((v): v is number => typeof v === "number");
      assert.ok(near(median, handMedian(column)), `median of ${pillarRows[k]![0]}`);
    });
  });

  it("stacks each city's pillar contributions (Framework weight share × score) up to its index", () => {
    const stacked = chart("contributions");
    const weights = pillarRows.map((row) => Number(row[header.indexOf("Weight")]));
    const total = weights.reduce((a, b) => a + b, 0);
    const names = valuesAt(plan, stacked.series[0]!.categories!);
    assert.equal(
      names.length,
      Math.min(
        20,
        result.included.reduce((n, v) => n + v, 0),
      ),
      "the top 20 of 37 cities",
    );
    const scores = sheetOf(plan, "scores");
    const series = stacked.series.map((s) => valuesAt(plan, s.values));
    names.forEach((name, i) => {
      const row = scores.cells.find((r) => r[1] === name)!;
      let sum = 0;
      pillarRows.forEach((pillar, k) => {
        const score = row[scores.cells[0]!.indexOf(pillar[0]!)] as number;
        assert.ok(near(series[k]![i]!, (weights[k]! / total) * score), `${name} ${pillar[0]}`);
        sum += series[k]![i] as number;
      });
      assert.ok(near(sum, row[scores.cells[0]!.indexOf("IECI")] as number), `${name}: stack = index`);
    });
  });
});
