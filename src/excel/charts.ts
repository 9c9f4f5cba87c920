/** Native Excel charts from the report's ChartPlans, bound to the written ranges. */
import type { ChartKind, ChartPlan, RangeRef, SheetKey, SheetPlan } from "../core/report/types";
import { cellAddress } from "../core/errors";
import { parseA1 } from "./a1";
import { apiSupported } from "./office";

type NativeChartType = "BarClustered" | "BarStacked" | "Radar" | "XYScatter" | "LineMarkers";

const CHART_TYPE: Record<ChartKind, NativeChartType> = {
  bar: "BarClustered",
  barStacked: "BarStacked",
  radar: "Radar",
  scatter: "XYScatter",
  // Office.js cannot bind error bars to ranges (ChartErrorBars has no custom values), so the
  // interval chart shows its series as markers only; the interval itself is in the sheet's columns.
  rankInterval: "LineMarkers",
};

export interface ChartTargets {
  /** The (staging) worksheet of each planned sheet. */
  sheet(key: SheetKey): Excel.Worksheet;
  /** The planned sheet, to read literal series names out of its cells. */
  plan(key: SheetKey): SheetPlan;
}

/** Rough request size of one chart (for batching). */
export const CHART_BYTES = 2_000;

export function queueChart(on: Excel.Worksheet, chart: ChartPlan, targets: ChartTargets): void {
  const range = (ref: RangeRef) => targets.sheet(ref.sheet).getRange(ref.range);
  const [first] = chart.series;
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
  });
  if (chart.xAxisTitle) created.axes.categoryAxis.title.text = chart.xAxisTitle;
  if (chart.yAxisTitle) created.axes.valueAxis.title.text = chart.yAxisTitle;
  if (chart.reverseCategories) created.axes.categoryAxis.reversePlotOrder = true;
  if (chart.valueFormat && apiSupported("1.8")) created.axes.valueAxis.numberFormat = chart.valueFormat;
  const { row, col, rows, cols } = chart.anchor;
  created.setPosition(cellAddress(row, col), cellAddress(row + rows - 1, col + cols - 1));
}

/** Office.js takes a series name as text: a one-cell reference is read from the planned cells. */
function seriesName(name: string | RangeRef, targets: ChartTargets): string {
  if (typeof name === "string") return name;
  const rect = parseA1(name.range);
  const cell = rect ? targets.plan(name.sheet).cells[rect.row]?.[rect.col] : undefined;
  return cell === null || cell === undefined ? "" : String(cell);
}
