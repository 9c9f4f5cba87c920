/**
 * Sheet plans of the robustness analysis: Audit (statistics with flags highlighted, group checks,
 * correlation heatmap), Uncertainty (rank intervals sorted by nominal rank, median-rank chart with
 * 5–95 % bars) and Sensitivity (first-order and total indices with intervals, bar chart).
 */
import type { AnalysisResult } from "../analysis";
import type { AuditResult } from "../audit";
import type { IndexResult } from "../result";
import type { SensitivityResult } from "../uncertainty/sensitivity";
import type { UncertaintyResult } from "../uncertainty/montecarlo";
import type { Cell } from "../types";
import type { Language } from "../language";
import { mean } from "../stats";
import { render, type Message } from "../messages";
import { columnFormats, finishReport, finishSheet } from "./finish";
import type { FormatPlan, SheetDraft, SheetPlan } from "./types";
import { bodyRange, nodeName, num, rangeA1, uniqueHeaders } from "./util";

const TEXT = {
  en: {
    audit: "Audit",
    uncertainty: "Uncertainty",
    sensitivity: "Sensitivity",
    code: "Code",
    name: "Name",
    parent: "Parent",
    level: "Level",
    min: "Min",
    max: "Max",
    mean: "Mean",
    median: "Median",
    sd: "SD",
    skew: "Skew",
    kurt: "Kurtosis",
    available: "Available",
    shareAvailable: "Share available",
    shareNonZero: "Share non-zero",
    shareUnique: "Share unique",
    flagAvailability: "Availability flag",
    flagZeros: "Zeros flag",
    flagUnique: "Unique flag",
    flagOutliers: "Outlier flag",
    rParent: "r with parent",
    rhoParent: "Spearman with parent",
    rIndex: "r with index",
    rhoIndex: "Spearman with index",
    negative: "Negative with parent",
    effectiveWeight: "Effective weight",
    importance: "Importance share (r² scaled)",
    low: "LOW",
    out: "OUT",
    yes: "YES",
    groups: "Aggregates",
    children: "Children",
    alpha: "Cronbach's alpha",
    pcaVariance: "PC1 variance share",
    collinear: "Collinear pairs (|r| > {t})",
    note: "Note",
    heatmap: "Pearson correlations between normalized indicators",
    nominalRank: "Nominal rank",
    medianRank: "Median rank",
    rankLow: "Rank {p} %",
    rankHigh: "Rank {p} %",
    below: "Bar below",
    above: "Bar above",
    nominalScore: "Nominal score",
    meanScore: "Mean score",
    scoreLow: "Score {p} %",
    scoreHigh: "Score {p} %",
    runs: "Runs",
    seed: "Seed",
    inputs: "Uncertain inputs",
    meanShift: "Mean absolute rank shift",
    scoreNote:
      "Mean score and its interval are over the runs that use the nominal normalization only (another method puts scores on another scale); ranks are over every run.",
    scoreRuns: "Runs in the mean score (nominal normalization)",
    collinearNote:
      'Collinear pairs are flagged when |r| > {t}: a strong negative correlation is flagged too (COINr\'s "high" correlation flag uses r > {t}).',
    normalization: "Normalization",
    treatment: "Treatment",
    chartRanks: "Median rank with {low}–{high} % interval",
    axisRank: "Rank",
    axisUnit: "Unit",
    segmentBelow: "Rank {p} % → median",
    segmentAbove: "Median → rank {p} %",
    input: "Input",
    description: "Description",
    first: "First-order S",
    firstLow: "S low",
    firstHigh: "S high",
    total: "Total ST",
    totalLow: "ST low",
    totalHigh: "ST high",
    n: "N (base sample)",
    confidence: "Confidence",
    variance: "Var(rank shift)",
    chartSobol: "Sensitivity of the mean rank shift",
    axisIndex: "Index",
  },
  "zh-CN": {
    audit: "统计审核",
    uncertainty: "不确定性分析",
    sensitivity: "敏感性分析",
    code: "代码",
    name: "名称",
    parent: "上级",
    level: "层级",
    min: "最小值",
    max: "最大值",
    mean: "均值",
    median: "中位数",
    sd: "标准差",
    skew: "偏度",
    kurt: "峰度",
    available: "有效数",
    shareAvailable: "有效比例",
    shareNonZero: "非零比例",
    shareUnique: "不同值比例",
    flagAvailability: "有效性标记",
    flagZeros: "零值标记",
    flagUnique: "不同值标记",
    flagOutliers: "异常值标记",
    rParent: "与上级 r",
    rhoParent: "与上级 Spearman",
    rIndex: "与指数 r",
    rhoIndex: "与指数 Spearman",
    negative: "与上级负相关",
    effectiveWeight: "有效权重",
    importance: "重要性份额（r² 归一）",
    low: "偏低",
    out: "异常",
    yes: "是",
    groups: "汇总项",
    children: "下级数",
    alpha: "Cronbach α",
    pcaVariance: "第一主成分方差占比",
    collinear: "共线对（|r| > {t}）",
    note: "说明",
    heatmap: "标准化指标间的 Pearson 相关系数",
    nominalRank: "名义排名",
    medianRank: "排名中位数",
    rankLow: "排名 {p}%",
    rankHigh: "排名 {p}%",
    below: "下误差",
    above: "上误差",
    nominalScore: "名义得分",
    meanScore: "平均得分",
    scoreLow: "得分 {p}%",
    scoreHigh: "得分 {p}%",
    runs: "运行次数",
    seed: "随机种子",
    inputs: "不确定输入",
    meanShift: "平均绝对排名变动",
    scoreNote: "平均得分及其区间仅基于采用名义标准化方法的运行（其他方法的得分尺度不同）；排名基于全部运行。",
    scoreRuns: "计入平均得分的运行次数（名义标准化）",
    collinearNote: "当 |r| > {t} 时标记为共线对：强负相关也会被标记（COINr 的“高”相关标记使用 r > {t}）。",
    normalization: "标准化",
    treatment: "异常值处理",
    chartRanks: "排名中位数及 {low}–{high}% 区间",
    axisRank: "排名",
    axisUnit: "单位",
    segmentBelow: "排名 {p}% → 中位数",
    segmentAbove: "中位数 → 排名 {p}%",
    input: "输入",
    description: "说明",
    first: "一阶指数 S",
    firstLow: "S 下限",
    firstHigh: "S 上限",
    total: "总效应 ST",
    totalLow: "ST 下限",
    totalHigh: "ST 上限",
    n: "N（基础样本）",
    confidence: "置信水平",
    variance: "排名变动方差",
    chartSobol: "平均排名变动的敏感性",
    axisIndex: "指数",
  },
} as const;

type Text = { [K in keyof (typeof TEXT)["en"]]: string };

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));

const blankSheet = (key: SheetPlan["key"], name: string): SheetDraft => ({
  key,
  name,
  cells: [],
  formats: [],
  colorScales: [],
  highlights: [],
  freeze: { rows: 1, cols: 0 },
  charts: [],
});

export function buildAnalysisReport(
  analysis: AnalysisResult,
  result: IndexResult,
  options: { language: Language },
): SheetPlan[] {
  const text: Text = TEXT[options.language] ?? TEXT.en;
  const sheets: SheetDraft[] = [];
  if (analysis.audit) sheets.push(auditSheet(analysis.audit, result, text, options.language));
  if (analysis.uncertainty) sheets.push(uncertaintySheet(analysis.uncertainty, text, options.language));
  if (analysis.sensitivity) sheets.push(sensitivitySheet(analysis.sensitivity, text, options.language));
  return finishReport(sheets.map(finishSheet));
}

function auditSheet(audit: AuditResult, result: IndexResult, text: Text, language: Language): SheetDraft {
  const sheet = blankSheet("audit", text.audit);
  const nodes = new Map(audit.nodes.map((n) => [n.code, n]));
  const importance = new Map(audit.importance.map((i) => [i.code, i]));
  const headers = [
    text.code,
    text.name,
    text.parent,
    text.min,
    text.max,
    text.mean,
    text.median,
    text.sd,
    text.skew,
    text.kurt,
    text.available,
    text.shareAvailable,
    text.shareNonZero,
    text.shareUnique,
    text.flagAvailability,
    text.flagZeros,
    text.flagUnique,
    text.flagOutliers,
    text.rParent,
    text.rhoParent,
    text.rIndex,
    text.rhoIndex,
    text.negative,
    text.effectiveWeight,
    text.importance,
    text.normalization,
    text.treatment,
  ];
  const methods = new Map(result.log.methods.map((m) => [m.indicator, m]));
  const flagCols = [14, 15, 16, 17, 22];
  sheet.cells.push(uniqueHeaders(headers));
  audit.stats.forEach((s) => {
    const node = nodes.get(s.code);
    const imp = importance.get(s.code);
    const flags = [
      s.flags.lowAvailability && text.low,
      s.flags.manyZeros && text.low,
      s.flags.nearConstant && text.low,
      s.flags.outliers && text.out,
    ];
    const row: Cell[] = [
      s.code,
      nodeName(result, s.code),
      node?.parent ?? "",
      num(s.min),
      num(s.max),
      num(s.mean),
      num(s.median),
      num(s.sd),
      num(s.skew),
      num(s.kurt),
      s.available,
      num(s.shareAvailable),
      num(s.shareNonZero),
      num(s.shareUnique),
      ...flags.map((f) => f || ""),
      num(node?.pearsonParent ?? NaN),
      num(node?.spearmanParent ?? NaN),
      num(node?.pearsonIndex ?? NaN),
      num(node?.spearmanIndex ?? NaN),
      node?.negativeWithParent ? text.yes : "",
      num(imp?.effectiveWeight ?? NaN),
      num(imp?.importanceShare ?? NaN),
      methods.get(s.code)?.normalize ?? "",
      methods.get(s.code)?.treat ?? "",
    ];
    const r = sheet.cells.length;
    for (const c of flagCols) if (row[c] !== "") sheet.highlights.push(rangeA1(r, c, r, c));
    sheet.cells.push(row);
  });
  const statRows = audit.stats.length;
  sheet.table = { name: "IndexStudioAudit", rows: statRows + 1, cols: headers.length };
  // Raw-data statistics follow each column's magnitude (an office rent of 300 shows as 300.0, not 300.000).
  for (const format of columnFormats(sheet.cells, 1, statRows, 3, 9)) sheet.formats.push(format);
  addFormats(sheet.formats, statRows, [
    [10, 10, "0"],
    [11, 13, "0.0%"],
    [18, 21, "0.00"],
    [23, 24, "0.000"],
  ]);
  sheet.columnWidths = headers.map((_, c) => (c === 1 ? 28 : c === 0 || c === 2 ? 12 : 11));
  sheet.freeze = { rows: 1, cols: 1 };

  // Aggregates: alpha, PCA, collinear pairs, and the aggregates' own correlations with parent and index.
  let r = sheet.cells.length + 1;
  pad(sheet.cells, r);
  const groupHeader = [
    text.groups,
    text.name,
    text.level,
    text.children,
    text.alpha,
    text.pcaVariance,
    text.rParent,
    text.rIndex,
    text.negative,
    fill(text.collinear, { t: audit.collinearity }),
    text.note,
  ];
  sheet.cells.push(groupHeader);
  const groupTop = sheet.cells.length;
  for (const g of [...audit.groups].reverse()) {
    const node = nodes.get(g.code);
    const pairs = g.collinear.map((p) => `${p.a} – ${p.b} (${p.pearson.toFixed(2)})`).join("; ");
    const row: Cell[] = [
      g.code,
      nodeName(result, g.code),
      g.level,
      g.children.length,
      num(g.cronbachAlpha),
      num(g.pcaVariance),
      num(node?.pearsonParent ?? NaN),
      num(node?.pearsonIndex ?? NaN),
      node?.negativeWithParent ? text.yes : "",
      pairs,
      g.note ? noteIn(language, g.note, g.noteText) : "",
    ];
    r = sheet.cells.length;
    if (pairs) sheet.highlights.push(rangeA1(r, 9, r, 9));
    if (node?.negativeWithParent) sheet.highlights.push(rangeA1(r, 8, r, 8));
    sheet.cells.push(row);
  }
  if (audit.groups.length) {
    sheet.formats.push({ range: rangeA1(groupTop, 4, sheet.cells.length - 1, 7), numberFormat: "0.00" });
  }
  sheet.cells.push([text.note, fill(text.collinearNote, { t: audit.collinearity })]);

  // Heatmap: the indicator correlation matrix with a colour scale.
  const k = audit.indicatorCodes.length;
  if (k > 1) {
    sheet.cells.push([]);
    sheet.cells.push([text.heatmap]);
    sheet.cells.push(["", ...audit.indicatorCodes]);
    const top = sheet.cells.length;
    audit.indicatorCodes.forEach((code, a) => {
      const row: Cell[] = [code];
      for (let b = 0; b < k; b++) row.push(num(audit.indicatorCorrelations[a * k + b]!));
      sheet.cells.push(row);
    });
    const range = rangeA1(top, 1, top + k - 1, k);
    sheet.colorScales.push(range);
    sheet.formats.push({ range, numberFormat: "0.00" });
  }
  return sheet;
}

function uncertaintySheet(u: UncertaintyResult, text: Text, language: Language): SheetDraft {
  const sheet = blankSheet("uncertainty", text.uncertainty);
  const pLow = Math.round(u.low * 100);
  const pHigh = Math.round(u.high * 100);
  const headers = uniqueHeaders([
    text.nominalRank,
    text.code,
    text.name,
    text.medianRank,
    fill(text.rankLow, { p: pLow }),
    fill(text.rankHigh, { p: pHigh }),
    text.below,
    text.above,
    text.nominalScore,
    text.meanScore,
    fill(text.scoreLow, { p: pLow }),
    fill(text.scoreHigh, { p: pHigh }),
  ]);
  sheet.cells.push(headers);
  for (const unit of u.units) {
    sheet.cells.push([
      num(unit.nominalRank),
      unit.code,
      unit.name,
      num(unit.medianRank),
      num(unit.rankLow),
      num(unit.rankHigh),
      num(unit.medianRank - unit.rankLow),
      num(unit.rankHigh - unit.medianRank),
      num(unit.nominalScore),
      num(unit.meanScore),
      num(unit.scoreLow),
      num(unit.scoreHigh),
    ]);
  }
  const rows = u.units.length;
  sheet.table = { name: "IndexStudioUncertainty", rows: rows + 1, cols: headers.length };
  addFormats(sheet.formats, rows, [
    [0, 0, "0"],
    [3, 7, "0.#"],
    [8, 11, "0.00"],
  ]);
  sheet.columnWidths = [9, 10, 26, 10, 9, 9, 9, 9, 11, 11, 10, 10];
  // "Bar below/above" only feed the interval chart.
  sheet.hiddenColumns = [6, 7];
  sheet.freeze = { rows: 1, cols: 3 };
  const infoCol = headers.length + 1;
  const info: [string, Cell][] = [
    [text.runs, u.runs],
    [text.seed, u.seed],
    [text.meanShift, num(mean(u.rankShift))],
    [text.scoreRuns, u.scoreRuns],
    ...u.inputs.map((d, i): [string, Cell] => [i === 0 ? text.inputs : "", d]),
    ...u.notes.map((n, i): [string, Cell] => [i === 0 ? text.note : "", noteIn(language, n, u.noteTexts?.[i])]),
    ["", text.scoreNote],
  ];
  info.forEach(([label, value], i) => setCell(sheet.cells, i, infoCol, label, value));
  sheet.formats.push({ range: rangeA1(2, infoCol + 1, 2, infoCol + 1), numberFormat: "0.00" });
  const ranked = u.units.filter((x) => x.nominalRank === x.nominalRank).length;
  if (ranked > 0) {
    const ref = (col: number) => ({ sheet: "uncertainty" as const, range: bodyRange(col, ranked)! });
    sheet.charts.push({
      id: "rankInterval",
      kind: "rankInterval",
      title: fill(text.chartRanks, { low: pLow, high: pHigh }),
      xAxisTitle: text.axisUnit,
      yAxisTitle: text.axisRank,
      legend: false,
      valueFormat: "0",
      series: [
        {
          name: text.medianRank,
          categories: ref(2),
          values: ref(3),
          errorMinus: ref(6),
          errorPlus: ref(7),
          low: ref(4),
          segmentNames: {
            low: fill(text.rankLow, { p: pLow }),
            below: fill(text.segmentBelow, { p: pLow }),
            above: fill(text.segmentAbove, { p: pHigh }),
          },
        },
      ],
      anchor: { row: info.length + 1, col: infoCol, rows: Math.max(18, Math.ceil(ranked * 0.6) + 6), cols: 10 },
      reverseCategories: true,
    });
  }
  return sheet;
}

function sensitivitySheet(s: SensitivityResult, text: Text, language: Language): SheetDraft {
  const sheet = blankSheet("sensitivity", text.sensitivity);
  const headers = uniqueHeaders([
    text.input,
    text.description,
    text.first,
    text.firstLow,
    text.firstHigh,
    text.total,
    text.totalLow,
    text.totalHigh,
  ]);
  sheet.cells.push(headers);
  for (const i of s.indices) {
    sheet.cells.push([
      i.input,
      noteIn(language, i.description, i.descriptionText),
      num(i.first),
      num(i.firstLow),
      num(i.firstHigh),
      num(i.total),
      num(i.totalLow),
      num(i.totalHigh),
    ]);
  }
  const rows = s.indices.length;
  sheet.table = { name: "IndexStudioSensitivity", rows: rows + 1, cols: headers.length };
  addFormats(sheet.formats, rows, [[2, 7, "0.000"]]);
  sheet.columnWidths = [16, 44, 12, 10, 10, 12, 10, 10];
  const info: [string, Cell][] = [
    [text.n, s.n],
    [text.runs, s.runs],
    [text.seed, s.seed],
    [text.confidence, s.confidence],
    [text.meanShift, num(s.meanRankShift)],
    [text.variance, num(s.variance)],
    ...s.notes.map((n, i): [string, Cell] => [i === 0 ? text.note : "", noteIn(language, n, s.noteTexts?.[i])]),
  ];
  const infoTop = rows + 2;
  info.forEach(([label, value], i) => setCell(sheet.cells, infoTop + i, 0, label, value));
  sheet.formats.push({ range: rangeA1(infoTop + 4, 1, infoTop + 5, 1), numberFormat: "0.000" });
  if (rows > 0) {
    const ref = (col: number) => ({ sheet: "sensitivity" as const, range: bodyRange(col, rows)! });
    sheet.charts.push({
      id: "sobol",
      kind: "bar",
      title: text.chartSobol,
      xAxisTitle: text.input,
      yAxisTitle: text.axisIndex,
      legend: true,
      valueFormat: "0.00",
      series: [
        { name: { sheet: "sensitivity", range: rangeA1(0, 2, 0, 2) }, categories: ref(0), values: ref(2) },
        { name: { sheet: "sensitivity", range: rangeA1(0, 5, 0, 5) }, categories: ref(0), values: ref(5) },
      ],
      anchor: { row: 0, col: headers.length + 1, rows: 18, cols: 9 },
    });
  }
  return sheet;
}

function addFormats(formats: FormatPlan[], rows: number, spans: [number, number, string][]): void {
  if (rows === 0) return;
  for (const [from, to, numberFormat] of spans) formats.push({ range: rangeA1(1, from, rows, to), numberFormat });
}

function pad(cells: Cell[][], rows: number): void {
  while (cells.length < rows) cells.push([]);
}

function setCell(cells: Cell[][], row: number, col: number, label: string, value: Cell): void {
  pad(cells, row + 1);
  const line = cells[row]!;
  while (line.length < col) line.push(null);
  line[col] = label;
  line[col + 1] = value;
}

/** A note in the sheet's language when it is in the catalogue, else as the engine wrote it. */
function noteIn(language: Language, note: string, text: Message | undefined): string {
  return text ? render(language, text) : note;
}
