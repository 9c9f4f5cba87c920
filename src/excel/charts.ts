/** Native Excel charts from the report's ChartPlans, bound to the written ranges. */
import type { ChartKind, ChartPlan, ChartSeriesPlan, RangeRef, SheetKey, SheetPlan } from "../core/report";
import { cellAddress, forEachCell, parseA1 } from "../core/engine";
import { apiSupported } from "./office";

type NativeChartType = "BarClustered" | "BarStacked" | "Radar" | "XYScatter" | "LineMarkers" | "ColumnStacked";

const CHART_TYPE: Record<ChartKind, NativeChartType> = {
  bar: "BarClustered",
  barStacked: "BarStacked",
  radar: "Radar",
  scatter: "XYScatter",
  // Fallback only (a plan without `low`): markers without the interval. With `low` the interval is
  // drawn as a floating stacked column (queueFloatingInterval), since Office.js cannot bind custom
  // error bars to ranges.
  rankInterval: "LineMarkers",
  line: "LineMarkers",
};

export interface ChartTargets {
  /** The (staging) worksheet of each planned sheet. */
  sheet(key: SheetKey): Excel.Worksheet;
  /** The planned sheet, to read literal series names out of its cells. */
  plan(key: SheetKey): SheetPlan;
}

/** Rough request size of one chart (for batching). */
export const CHART_BYTES = 2_000;

/** Colours of the visible interval segments: the change from light to dark marks the median. */
const BELOW_MEDIAN_FILL = "#9DC3E6";
const ABOVE_MEDIAN_FILL = "#2E75B6";

export function queueChart(on: Excel.Worksheet, chart: ChartPlan, targets: ChartTargets): void {
  const range = (ref: RangeRef) => targets.sheet(ref.sheet).getRange(ref.range);
  const [first] = chart.series;
  if (chart.kind === "rankInterval" && first?.low && first.errorMinus && first.errorPlus) {
    queueFloatingInterval(on, chart, first as IntervalSeries, range);
    return;
  }
  const created = on.charts.add(CHART_TYPE[chart.kind], range(first!.values), "Columns");
  created.name = chart.id;
  created.title.text = chart.title;
  created.legend.visible = chart.legend;
  chart.series.forEach((plan, i) => {
    const series = i === 0 ? created.series.getItemAt(0) : created.series.add();
    if (i > 0) series.setValues(range(plan.values));
    if (plan.categories) series.setXAxisValues(range(plan.categories));
    series.name = seriesName(plan.name, targets);
    // An interval chart shows points, not a line through units.
    if (chart.kind === "rankInterval") series.format.line.lineStyle = "None";
    // Point labels (unit names) need ChartDataLabel.text, ExcelApi 1.8.
    if (plan.pointLabels && apiSupported("1.8")) {
      labelTexts(plan.pointLabels, targets).forEach((text, k) => {
        if (text === "") return;
        const point = series.points.getItemAt(k);
        point.hasDataLabel = true;
        point.dataLabel.text = text;
      });
    }
  });
  if (chart.reverseCategories) created.axes.categoryAxis.reversePlotOrder = true;
  finishChart(created, chart);
}

type IntervalSeries = ChartSeriesPlan & Required<Pick<ChartSeriesPlan, "low" | "errorMinus" | "errorPlus">>;

/**
 * A rank interval as a floating stacked column per unit: an unfilled, borderless segment up to the
 * low rank, then low → median and median → high. Stacked values add up, so the visible bar spans
 * exactly [low, high] when low + errorMinus = median and median + errorPlus = high.
 */
function queueFloatingInterval(
  on: Excel.Worksheet,
  chart: ChartPlan,
  plan: IntervalSeries,
  range: (ref: RangeRef) => Excel.Range,
): void {
  const created = on.charts.add("ColumnStacked", range(plan.low), "Columns");
  created.name = chart.id;
  created.title.text = chart.title;
  created.legend.visible = chart.legend;
  const names = plan.segmentNames;
  const spacer = created.series.getItemAt(0);
  if (names) spacer.name = names.low;
  spacer.format.fill.clear();
  spacer.format.line.lineStyle = "None";
  const below = created.series.add(names?.below);
  below.setValues(range(plan.errorMinus));
  below.format.fill.setSolidColor(BELOW_MEDIAN_FILL);
  const above = created.series.add(names?.above);
  above.setValues(range(plan.errorPlus));
  above.format.fill.setSolidColor(ABOVE_MEDIAN_FILL);
  if (plan.categories) for (const series of [spacer, below, above]) series.setXAxisValues(range(plan.categories));
  if (chart.reverseCategories) {
    // The rank axis runs downwards (rank 1 on top), as in the .xlsx writer; where supported, the
    // unit axis then crosses at the bottom so the labels stay below the bars.
    created.axes.valueAxis.reversePlotOrder = true;
    if (apiSupported("1.8")) created.axes.valueAxis.position = "Maximum";
  }
  finishChart(created, chart);
}

function finishChart(created: Excel.Chart, chart: ChartPlan): void {
  if (chart.plotVisibleOnly !== undefined && apiSupported("1.8")) created.plotVisibleOnly = chart.plotVisibleOnly;
  if (chart.categoryLabelSpacing !== undefined && apiSupported("1.7"))
    created.axes.categoryAxis.tickLabelSpacing = chart.categoryLabelSpacing;
  // A radar chart has no axis titles in Excel; setting one fails the request, and with it the
  // whole write (the Excel fake enforces this, see test/excel/fake-excel/README.md).
  if (chart.kind !== "radar") {
    if (chart.xAxisTitle) created.axes.categoryAxis.title.text = chart.xAxisTitle;
    if (chart.yAxisTitle) created.axes.valueAxis.title.text = chart.yAxisTitle;
  }
  if (chart.valueFormat && apiSupported("1.8")) created.axes.valueAxis.numberFormat = chart.valueFormat;
  const { row, col, rows, cols } = chart.anchor;
  created.setPosition(cellAddress(row, col), cellAddress(row + rows - 1, col + cols - 1));
}

/**
 * The texts a chart shows that an update in place rewrites: its title and the name of each series
 * (null where the chart keeps Excel's default name).
 */
export function chartTexts(
  chart: ChartPlan,
  plan: (key: SheetKey) => SheetPlan,
): { title: string; series: (string | null)[] } {
  const targets = { plan } as ChartTargets;
  const [first] = chart.series;
  if (chart.kind === "rankInterval" && first?.low && first.errorMinus && first.errorPlus) {
    const names = first.segmentNames;
    return { title: chart.title, series: names ? [names.low, names.below, names.above] : [null, null, null] };
  }
  return { title: chart.title, series: chart.series.map((s) => seriesName(s.name, targets)) };
}

/** The planned texts of a range (point labels), row by row. */
function labelTexts(ref: RangeRef, targets: ChartTargets): string[] {
  const cells = targets.plan(ref.sheet).cells;
  const out: string[] = [];
  forEachCell(ref.range, (r, c) => {
    const value = cells[r]?.[c];
    out.push(value === null || value === undefined ? "" : String(value));
  });
  return out;
}

/** Office.js takes a series name as text: a one-cell reference is read from the planned cells. */
function seriesName(name: string | RangeRef, targets: ChartTargets): string {
  if (typeof name === "string") return name;
  const rect = parseA1(name.range);
  const cell = rect ? targets.plan(name.sheet).cells[rect.row]?.[rect.col] : undefined;
  return cell === null || cell === undefined ? "" : String(cell);
}
