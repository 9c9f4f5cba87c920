/** buildReport against COINr's own outputs on the ASEM example and hand calculations. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, IndexInputError } from "../../../src/core/engine";
import { buildReport } from "../../../src/core/report";
import { asemTables, expectedTable } from "../../helpers/conformance";
import { columnIndex, handMedian, near, overlaps, sheetOf, valuesAt } from "./plan-helpers";

const { data, meta } = asemTables();
const expected = expectedTable("expected-default.csv");
const expectedNormalized = expectedTable("expected-default-normalized.csv");
const result = computeIndex(data, meta);
const plan = buildReport(result, { language: "en" });
const exp = (unit: string, column: string) => expected.get(unit)!.get(column) as number;
const unitsInRankOrder = [...expected.keys()].sort((a, b) => exp(a, "Index_Rank") - exp(b, "Index_Rank"));

describe("Results sheet", () => {
  const sheet = sheetOf(plan, "results");
  const header = sheet.cells[0]!;

  it("lists every unit in COINr's index rank order with COINr's scores and ranks", () => {
    assert.equal(sheet.cells.length, 52);
    const [rank, code, index] = [
      columnIndex(sheet, "Rank"),
      columnIndex(sheet, "Code"),
      columnIndex(sheet, "Sustainable Connectivity"),
    ];
    const conn = columnIndex(sheet, "Connectivity");
    const connRank = columnIndex(sheet, "Connectivity rank");
    const sustRank = columnIndex(sheet, "Sustainability rank");
    const physical = columnIndex(sheet, "Physical");
    const social = columnIndex(sheet, "Social");
    sheet.cells.slice(1).forEach((row, i) => {
      const unit = String(row[code]);
      assert.equal(row[rank], exp(unit, "Index_Rank"), unit);
      if (i > 0) assert.ok((row[rank] as number) >= (sheet.cells[i]![rank] as number), "sorted by rank");
      assert.ok(near(row[index]!, exp(unit, "Index")), `${unit} index ${row[index]} vs ${exp(unit, "Index")}`);
      assert.ok(near(row[conn]!, exp(unit, "Conn")), `${unit} Conn`);
      assert.equal(row[connRank], exp(unit, "Conn_Rank"));
      assert.equal(row[sustRank], exp(unit, "Sust_Rank"));
      assert.ok(near(row[physical]!, exp(unit, "Physical")), `${unit} Physical`);
      assert.ok(near(row[social]!, exp(unit, "Social")), `${unit} Social`);
    });
    assert.deepEqual(
      sheet.cells
        .slice(1)
        .map((row) => row[code])
        .filter((_, i) => i < 3),
      unitsInRankOrder.slice(0, 3),
    );
  });

  it("has rank, code, name, index, two columns per pillar, the 8 sub-pillars and a note", () => {
    assert.deepEqual(header.slice(0, 8), [
      "Rank",
      "Code",
      "Name",
      "Sustainable Connectivity",
      "Connectivity",
      "Connectivity rank",
      "Sustainability",
      "Sustainability rank",
    ]);
    assert.equal(header.length, 8 + 8 + 1);
    assert.equal(header.at(-1), "Note");
    assert.deepEqual(sheet.table, { name: "IndexStudioResults", rows: 52, cols: 17 });
    assert.deepEqual(sheet.freeze, { rows: 1, cols: 3 });
  });

  it("formats scores and ranks and puts a colour scale on every score column, not on ranks", () => {
    assert.ok(sheet.colorScales.includes("D2:D52"));
    assert.ok(sheet.colorScales.includes("E2:E52"));
    assert.ok(!sheet.colorScales.includes("F2:F52"), "Connectivity rank is not a score");
    assert.equal(sheet.colorScales.length, 1 + 2 + 8);
    assert.deepEqual(
      sheet.formats.find((f) => f.range === "A2:A52"),
      { range: "A2:A52", numberFormat: "0" },
    );
    assert.deepEqual(
      sheet.formats.find((f) => f.range === "D2:D52"),
      { range: "D2:D52", numberFormat: "0.00" },
    );
  });
});

describe("Scores, Ranks and Normalized sheets", () => {
  it("hold every aggregate's COINr score and rank per unit, root first", () => {
    const scores = sheetOf(plan, "scores");
    const ranks = sheetOf(plan, "ranks");
    assert.deepEqual(scores.cells[0], [
      "Code",
      "Name",
      "Index",
      "Conn",
      "Sust",
      "Physical",
      "ConEcFin",
      "Political",
      "Instit",
      "P2P",
      "Environ",
      "Social",
      "SusEcFin",
    ]);
    for (const row of scores.cells.slice(1)) {
      scores.cells[0]!.slice(2).forEach((code, k) =>
        assert.ok(near(row[k + 2]!, exp(String(row[0]), String(code))), `${row[0]} ${code}`),
      );
    }
    for (const row of ranks.cells.slice(1)) {
      ranks.cells[0]!.slice(2).forEach((code, k) => assert.equal(row[k + 2], exp(String(row[0]), `${code}_Rank`)));
    }
  });

  it("holds COINr's normalized indicators", () => {
    const normalized = sheetOf(plan, "normalized");
    assert.equal(normalized.cells[0]!.length, 2 + 49);
    let compared = 0;
    let empty = 0;
    for (const row of normalized.cells.slice(1)) {
      normalized.cells[0]!.slice(2).forEach((code, k) => {
        const want = expectedNormalized.get(String(row[0]))!.get(String(code));
        if (want === null) (assert.equal(row[k + 2], null, "missing stays an empty cell"), empty++);
        else (assert.ok(near(row[k + 2]!, want as number), `${row[0]} ${code}`), compared++);
      });
    }
    assert.equal(compared + empty, 51 * 49);
    assert.ok(empty > 50 && compared > 2400);
  });
});

describe("Dashboard sheet", () => {
  const dashboard = sheetOf(plan, "dashboard");
  const chart = (id: string) => dashboard.charts.find((c) => c.id === id)!;

  it("binds the top-10 bar chart to COINr's ten best units, rank 1 on top", () => {
    const top = chart("top");
    assert.equal(top.kind, "bar");
    assert.equal(top.reverseCategories, true);
    const names = valuesAt(plan, top.series[0]!.categories!);
    assert.deepEqual(
      names,
      unitsInRankOrder.slice(0, 10).map((u) => expected.get(u)!.get("uName")),
    );
    valuesAt(plan, top.series[0]!.values).forEach((v, i) => assert.ok(near(v, exp(unitsInRankOrder[i]!, "Index"))));
    assert.deepEqual(valuesAt(plan, top.series[0]!.name), ["Sustainable Connectivity"]);
    assert.equal(top.title, "Top 10: Sustainable Connectivity");
  });

  it("writes pillar contributions (effective weight × score) that stack up to the index", () => {
    const stacked = chart("contributions");
    assert.equal(stacked.kind, "barStacked");
    assert.equal(stacked.series.length, 2);
    const units = valuesAt(plan, stacked.series[0]!.categories!);
    const [conn, sust] = stacked.series.map((s) => valuesAt(plan, s.values));
    // The top 20 by index score (every label readable); the data block beside it holds all 51.
    assert.equal(units.length, 20);
    units.forEach((name, i) => {
      const code = unitsInRankOrder[i]!;
      assert.equal(name, expected.get(code)!.get("uName"));
      // Two equally weighted sub-indices: each contributes half its score.
      assert.ok(near(conn![i]!, 0.5 * exp(code, "Conn")), `${code} Conn contribution`);
      assert.ok(near((conn![i] as number) + (sust![i] as number), exp(code, "Index")), `${code} stack = index`);
    });
  });

  it("profiles the rank-1 unit against the median; with two pillars the radar uses the sub-pillars", () => {
    const radar = chart("radar");
    const axes = valuesAt(plan, radar.series[0]!.categories!);
    assert.deepEqual(axes, [
      "Physical",
      "Economic and Financial (Con)",
      "Political",
      "Institutional",
      "People to People",
      "Environmental",
      "Social",
      "Economic and Financial (Sus)",
    ]);
    assert.deepEqual(valuesAt(plan, radar.series[0]!.name), ["Germany"]);
    const codes = ["Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social", "SusEcFin"];
    valuesAt(plan, radar.series[0]!.values).forEach((v, k) => assert.ok(near(v, exp("DEU", codes[k]!))));
    valuesAt(plan, radar.series[1]!.values).forEach((v, k) => {
      assert.ok(near(v, handMedian([...expected.keys()].map((u) => exp(u, codes[k]!)))), `median of ${codes[k]}`);
    });
  });

  it("plots the first two pillars against each other for every unit", () => {
    const scatter = chart("scatter");
    assert.equal(scatter.kind, "scatter");
    assert.equal(scatter.xAxisTitle, "Connectivity");
    assert.equal(scatter.yAxisTitle, "Sustainability");
    const xs = valuesAt(plan, scatter.series[0]!.categories!);
    const ys = valuesAt(plan, scatter.series[0]!.values);
    assert.equal(xs.length, 51);
    xs.forEach((x, i) =>
      assert.ok(near(x, exp(unitsInRankOrder[i]!, "Conn")) && near(ys[i]!, exp(unitsInRankOrder[i]!, "Sust"))),
    );
  });

  it("places charts in separate blocks clear of the data, with titles on every axis", () => {
    const dataStart = Math.min(...dashboard.cells[0]!.map((v, c) => (v === null || v === undefined ? Infinity : c)));
    dashboard.charts.forEach((a, i) => {
      assert.ok(a.anchor.col + a.anchor.cols <= dataStart, `${a.id} ends before the data`);
      dashboard.charts
        .slice(i + 1)
        .forEach((b) => assert.ok(!overlaps(a.anchor, b.anchor), `${a.id} overlaps ${b.id}`));
      assert.ok(a.title.length > 0 && a.yAxisTitle && a.valueFormat);
    });
    assert.deepEqual(
      dashboard.charts.map((c) => c.id),
      ["top", "contributions", "radar", "scatter"],
    );
  });

  it("follows the options: top 5, a chosen radar unit and scatter nodes", () => {
    const custom = buildReport(result, {
      language: "en",
      topN: 5,
      radarUnit: "CHN",
      scatterPillars: ["Physical", "Social"],
      contributionUnits: 20,
    });
    const dash = sheetOf(custom, "dashboard");
    const top = dash.charts.find((c) => c.id === "top")!;
    assert.equal(valuesAt(custom, top.series[0]!.values).length, 5);
    const stacked = dash.charts.find((c) => c.id === "contributions")!;
    assert.equal(valuesAt(custom, stacked.series[1]!.values).length, 20);
    assert.equal(stacked.title, "Pillar contributions to Sustainable Connectivity: top 20");
    assert.equal(
      chart("contributions").title,
      "Pillar contributions to Sustainable Connectivity: top 20",
      "the default draws 20",
    );
    const all = sheetOf(buildReport(result, { language: "en", contributionUnits: 60 }), "dashboard").charts.find(
      (c) => c.id === "contributions",
    )!;
    assert.equal(all.title, "Pillar contributions to Sustainable Connectivity", "all 51 drawn");
    assert.equal(all.anchor.rows, 51 + 8, "one row of height per unit, plus title, axis and legend");
    const radar = dash.charts.find((c) => c.id === "radar")!;
    assert.deepEqual(valuesAt(custom, radar.series[0]!.name), ["China"]);
    const scatter = dash.charts.find((c) => c.id === "scatter")!;
    valuesAt(custom, scatter.series[0]!.categories!).forEach((x, i) =>
      assert.ok(near(x, exp(unitsInRankOrder[i]!, "Physical"))),
    );
  });

  it("rejects an unknown radar unit or scatter node with a message naming the option", () => {
    assert.throws(
      () => buildReport(result, { language: "en", radarUnit: "XXX" }),
      (e: unknown) => e instanceof IndexInputError && /radarUnit "XXX" is not a unit code/.test(e.message),
    );
    assert.throws(
      () => buildReport(result, { language: "en", scatterPillars: ["Conn", "Nope"] }),
      (e: unknown) => e instanceof IndexInputError && /scatterPillars: "Nope"/.test(e.message),
    );
  });
});

describe("Screening, log and language", () => {
  const screened = computeIndex(data, meta, {
    impute: { method: "mean" },
    screen: { minCoverage: 0.9 },
    treat: { method: "winsorize" },
  });
  const screenedPlan = buildReport(screened, { language: "en" });
  const indicatorCols = meta
    .slice(1)
    .filter((r) => r[9] === "Indicator")
    .map((r) => data[0]!.indexOf(r[1]!));
  const coverage = (code: string) => {
    const row = data.find((r) => r[1] === code)!;
    return indicatorCols.filter((c) => row[c] !== null && row[c] !== "").length / indicatorCols.length;
  };
  const lowCoverage = data
    .slice(1)
    .map((r) => String(r[1]))
    .filter((code) => coverage(code) < 0.9);

  it("lists excluded units last, without scores, with their coverage", () => {
    assert.ok(lowCoverage.length > 0, "the ASEM data has units under 90 % coverage");
    const results = sheetOf(screenedPlan, "results");
    const tail = results.cells.slice(-lowCoverage.length);
    assert.deepEqual(tail.map((r) => r[1]).sort(), [...lowCoverage].sort());
    for (const row of tail) {
      assert.equal(row[0], null);
      assert.ok(
        row.slice(3, -1).every((v) => v === null),
        "no scores for an excluded unit",
      );
      assert.equal(row.at(-1), `Excluded by screening (coverage ${(coverage(String(row[1])) * 100).toFixed(1)} %)`);
    }
  });

  it("logs every imputed cell with the column mean, the exclusions, treatment and effective weights", () => {
    const log = sheetOf(screenedPlan, "log").cells;
    const titleRow = (title: string) => log.findIndex((r) => r[0] === title && r.length === 1);
    const imputedAt = titleRow("Imputed cells");
    const missing = data
      .slice(1)
      .reduce((n, row) => n + indicatorCols.filter((c) => row[c] === null || row[c] === "").length, 0);
    const imputedRows = log.slice(imputedAt + 2, imputedAt + 2 + missing);
    assert.equal(screened.log.imputed.length, missing);
    const lpiMean = (code: string) => {
      const col = data[0]!.indexOf(code);
      const values = data
        .slice(1)
        .map((r) => r[col])
        .filter((v) => v !== null && v !== "")
        .map(Number);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    for (const row of imputedRows)
      assert.ok(near(row[2]!, lpiMean(String(row[1]))), `${row[0]} ${row[1]} imputed with the mean`);
    assert.equal(log[imputedAt + 2 + missing]!.length, 0, "a blank row ends the section");

    const excludedAt = titleRow("Excluded units");
    assert.deepEqual(
      log.slice(excludedAt + 2, excludedAt + 2 + lowCoverage.length).map((r) => r[0]),
      screened.log.excluded.map((e) => e.unit),
    );

    const treatmentAt = titleRow("Outlier treatment");
    assert.deepEqual(log[treatmentAt + 1]!.slice(0, 3), ["Indicator", "Skew before", "Kurtosis before"]);
    const treated = screened.log.treatment.filter((t) => t.action !== "none");
    assert.ok(treated.length > 0);
    const row = log.slice(treatmentAt + 2).find((r) => r[0] === treated[0]!.indicator)!;
    assert.equal(row[5], treated[0]!.winsorizedHigh.length);
    assert.equal(
      row[9],
      { winsorized: "winsorized", log: "log transform", failed: "still failing", none: "passed" }[treated[0]!.action],
    );

    // methods.md: an indicator of a 5-indicator pillar in a 5-pillar sub-index of a 2-sub-index index.
    const weightsAt = titleRow("Effective weights");
    const weightRows = log.slice(weightsAt + 2);
    const physicalSize = meta.filter((r) => r[8] === "Physical").length;
    const lpi = weightRows.find((r) => r[0] === "LPI")!;
    assert.ok(near(lpi[5]!, 0.5 * 0.2 * (1 / physicalSize)));
    assert.ok(near(weightRows.find((r) => r[0] === "Index")![5]!, 1));
  });

  it("writes sheet names, headers and titles in Simplified Chinese", () => {
    const zh = buildReport(result, { language: "zh-CN" });
    assert.deepEqual(
      zh.sheets.map((s) => s.name),
      ["结果", "得分", "排名", "标准化指标", "日志", "仪表板"],
    );
    assert.deepEqual(sheetOf(zh, "results").cells[0]!.slice(0, 3), ["排名", "代码", "名称"]);
    assert.equal(sheetOf(zh, "dashboard").charts[0]!.title, "前 10 名：Sustainable Connectivity");
    assert.deepEqual(
      zh.sheets.map((s) => s.key),
      plan.sheets.map((s) => s.key),
    );
  });
});
