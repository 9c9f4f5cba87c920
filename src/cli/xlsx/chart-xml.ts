/**
 * DrawingML chart parts (xl/charts/chartN.xml) from ChartPlans. Every series is bound to sheet
 * ranges by formula (c:f) and carries a cache of the current values so that viewers which do not
 * recalculate still draw it. Element order follows the CT_* sequences of the chart schema.
 */
import type { Cell } from "../../core/engine";
import type { ChartPlan, ChartSeriesPlan, RangeRef } from "../../core/report";
import { xmlText, xstringText } from "./xml";

/** A range resolved to the written sheet: its formula and the cells it covers (row-major). */
export interface ResolvedRange {
  formula: string;
  values: Cell[];
}

export type RangeResolver = (ref: RangeRef) => ResolvedRange;

const NS =
  'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const PALETTE = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"];
const CAT_AXIS = 500000001;
const VAL_AXIS = 500000002;

export function chartXml(chart: ChartPlan, resolve: RangeResolver): string {
  const body = plotArea(chart, resolve);
  const legend = chart.legend ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace ${NS}><c:roundedCorners val="0"/><c:chart>${title(chart.title, 1400)}<c:autoTitleDeleted val="0"/>` +
    `${body}${legend}<c:plotVisOnly val="${chart.plotVisibleOnly === false ? 0 : 1}"/><c:dispBlanksAs val="gap"/></c:chart>` +
    '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>' +
    "</c:chartSpace>"
  );
}

function plotArea(chart: ChartPlan, resolve: RangeResolver): string {
  const axIds = `<c:axId val="${CAT_AXIS}"/><c:axId val="${VAL_AXIS}"/>`;
  const format = chart.valueFormat ?? "General";
  switch (chart.kind) {
    case "bar":
    case "barStacked": {
      const stacked = chart.kind === "barStacked";
      const series = chart.series
        .map(
          (s, i) =>
            `<c:ser>${seriesHead(s, i, resolve)}${fillProps(i)}<c:invertIfNegative val="0"/>` +
            `${categories("cat", s, resolve)}${numbers("val", s.values, resolve)}</c:ser>`,
        )
        .join("");
      return (
        `<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/>` +
        `<c:varyColors val="0"/>${series}<c:gapWidth val="${stacked ? 50 : 80}"/>${stacked ? '<c:overlap val="100"/>' : ""}${axIds}</c:barChart>` +
        catAx(chart, "l", chart.reverseCategories === true) +
        valAx(
          VAL_AXIS,
          CAT_AXIS,
          "b",
          chart.yAxisTitle,
          format,
          chart.reverseCategories === true ? "max" : "autoZero",
        ) +
        "</c:plotArea>"
      );
    }
    case "radar": {
      const series = chart.series
        .map(
          (s, i) =>
            `<c:ser>${seriesHead(s, i, resolve)}${lineProps(i, true)}` +
            `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>${categories("cat", s, resolve)}${numbers("val", s.values, resolve)}</c:ser>`,
        )
        .join("");
      return (
        `<c:plotArea><c:layout/><c:radarChart><c:radarStyle val="marker"/><c:varyColors val="0"/>${series}${axIds}</c:radarChart>` +
        catAx(chart, "b", false) +
        valAx(VAL_AXIS, CAT_AXIS, "l", undefined, format, "autoZero") +
        "</c:plotArea>"
      );
    }
    case "scatter": {
      const series = chart.series
        .map(
          (s, i) =>
            `<c:ser>${seriesHead(s, i, resolve)}${lineProps(i, false)}` +
            `<c:marker><c:symbol val="circle"/><c:size val="7"/>${fillProps(i)}</c:marker>${pointLabels(s, resolve)}` +
            `${s.categories ? numbers("xVal", s.categories, resolve) : ""}${numbers("yVal", s.values, resolve)}<c:smooth val="0"/></c:ser>`,
        )
        .join("");
      return (
        `<c:plotArea><c:layout/><c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}${axIds}</c:scatterChart>` +
        valAx(CAT_AXIS, VAL_AXIS, "b", chart.xAxisTitle, format, "autoZero", "midCat") +
        valAx(VAL_AXIS, CAT_AXIS, "l", chart.yAxisTitle, format, "autoZero", "midCat") +
        "</c:plotArea>"
      );
    }
    case "line": {
      // Lines with markers over categories (editions): one series per unit.
      const series = chart.series
        .map(
          (s, i) =>
            `<c:ser>${seriesHead(s, i, resolve)}${lineProps(i, true)}` +
            `<c:marker><c:symbol val="circle"/><c:size val="5"/>${fillProps(i)}</c:marker>` +
            `${categories("cat", s, resolve)}${numbers("val", s.values, resolve)}<c:smooth val="0"/></c:ser>`,
        )
        .join("");
      return (
        `<c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}` +
        `<c:marker val="1"/>${axIds}</c:lineChart>` +
        catAx(chart, "b", false) +
        valAx(VAL_AXIS, CAT_AXIS, "l", chart.yAxisTitle, format, "autoZero") +
        "</c:plotArea>"
      );
    }
    case "rankInterval": {
      // Markers only (no line), with custom error bars from the plan's extents below/above;
      // reverseCategories puts rank 1 at the top of the rank axis (category labels stay below).
      const ranksDown = chart.reverseCategories === true;
      const series = chart.series
        .map(
          (s, i) =>
            `<c:ser>${seriesHead(s, i, resolve)}${lineProps(i, false)}` +
            `<c:marker><c:symbol val="diamond"/><c:size val="7"/>${fillProps(i)}</c:marker>${errorBars(s, resolve)}` +
            `${categories("cat", s, resolve)}${numbers("val", s.values, resolve)}<c:smooth val="0"/></c:ser>`,
        )
        .join("");
      return (
        `<c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}` +
        `<c:marker val="1"/>${axIds}</c:lineChart>` +
        catAx(chart, "b", false, ranksDown ? "max" : "autoZero") +
        valAx(VAL_AXIS, CAT_AXIS, "l", chart.yAxisTitle, format, "autoZero", "between", ranksDown) +
        "</c:plotArea>"
      );
    }
  }
}

function seriesHead(series: ChartSeriesPlan, index: number, resolve: RangeResolver): string {
  const name =
    typeof series.name === "string"
      ? `<c:tx><c:v>${xstringText(series.name)}</c:v></c:tx>`
      : `<c:tx>${stringRef(resolve(series.name))}</c:tx>`;
  return `<c:idx val="${index}"/><c:order val="${index}"/>${name}`;
}

function categories(tag: "cat" | "xVal", series: ChartSeriesPlan, resolve: RangeResolver): string {
  if (!series.categories) return "";
  const range = resolve(series.categories);
  const numeric = range.values.every((v) => v === null || v === undefined || typeof v === "number");
  return `<c:${tag}>${numeric ? numberRef(range) : stringRef(range)}</c:${tag}>`;
}

function numbers(tag: "val" | "xVal" | "yVal", ref: RangeRef, resolve: RangeResolver): string {
  return `<c:${tag}>${numberRef(resolve(ref))}</c:${tag}>`;
}

function stringRef(range: ResolvedRange): string {
  const points = range.values.map((v, i) =>
    v === null || v === undefined ? "" : `<c:pt idx="${i}"><c:v>${xstringText(String(v))}</c:v></c:pt>`,
  );
  return `<c:strRef><c:f>${xmlText(range.formula)}</c:f><c:strCache><c:ptCount val="${range.values.length}"/>${points.join("")}</c:strCache></c:strRef>`;
}

function numberRef(range: ResolvedRange): string {
  const points = range.values.map((v, i) =>
    typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "",
  );
  return (
    `<c:numRef><c:f>${xmlText(range.formula)}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
    `<c:ptCount val="${range.values.length}"/>${points.join("")}</c:numCache></c:numRef>`
  );
}

function errorBars(series: ChartSeriesPlan, resolve: RangeResolver): string {
  if (!series.errorPlus && !series.errorMinus) return "";
  const type = series.errorPlus && series.errorMinus ? "both" : series.errorPlus ? "plus" : "minus";
  return (
    `<c:errBars><c:errDir val="y"/><c:errBarType val="${type}"/><c:errValType val="cust"/><c:noEndCap val="0"/>` +
    (series.errorPlus ? `<c:plus>${numberRef(resolve(series.errorPlus))}</c:plus>` : "") +
    (series.errorMinus ? `<c:minus>${numberRef(resolve(series.errorMinus))}</c:minus>` : "") +
    '<c:spPr><a:ln w="12700"><a:solidFill><a:srgbClr val="404040"/></a:solidFill></a:ln></c:spPr></c:errBars>'
  );
}

/**
 * A text label beside each point (unit names): one c:dLbl per point with its own rich text, in the
 * order CT_DLbl requires; the group after them shows nothing else.
 */
function pointLabels(series: ChartSeriesPlan, resolve: RangeResolver): string {
  if (!series.pointLabels) return "";
  const flags = (value: boolean) =>
    `<c:showLegendKey val="0"/><c:showVal val="${value ? 1 : 0}"/><c:showCatName val="0"/>` +
    '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>';
  const labels = resolve(series.pointLabels)
    .values.map((value, i) => {
      if (value === null || value === undefined || value === "") return "";
      return (
        `<c:dLbl><c:idx val="${i}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US" sz="800"/>` +
        `<a:t>${xmlText(String(value))}</a:t></a:r></a:p></c:rich></c:tx><c:dLblPos val="r"/>${flags(true)}</c:dLbl>`
      );
    })
    .join("");
  return (
    `<c:dLbls>${labels}<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>` +
    `<c:dLblPos val="r"/>${flags(false)}</c:dLbls>`
  );
}

function fillProps(index: number): string {
  return `<c:spPr><a:solidFill><a:srgbClr val="${PALETTE[index % PALETTE.length]}"/></a:solidFill></c:spPr>`;
}

/** A coloured line (radar), or no line at all (scatter, rank interval: markers only). */
function lineProps(index: number, drawn: boolean): string {
  return drawn
    ? `<c:spPr><a:ln w="22225"><a:solidFill><a:srgbClr val="${PALETTE[index % PALETTE.length]}"/></a:solidFill></a:ln></c:spPr>`
    : '<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>';
}

function title(text: string | undefined, size: number): string {
  if (!text) return "";
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="1"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

function catAx(
  chart: ChartPlan,
  position: "l" | "b",
  reversed: boolean,
  crosses: "autoZero" | "max" = "autoZero",
): string {
  return (
    `<c:catAx><c:axId val="${CAT_AXIS}"/><c:scaling><c:orientation val="${reversed ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${position}"/>${chart.kind === "radar" ? "" : title(chart.xAxisTitle, 1000)}` +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${VAL_AXIS}"/><c:crosses val="${crosses}"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>` +
    `${chart.categoryLabelSpacing !== undefined ? `<c:tickLblSkip val="${chart.categoryLabelSpacing}"/>` : ""}<c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

/** A value axis; crosses "max" keeps it at the bottom when the categories above run in reverse. */
function valAx(
  id: number,
  cross: number,
  position: "l" | "b",
  axisTitle: string | undefined,
  format: string,
  crosses: "autoZero" | "max",
  crossBetween: "between" | "midCat" = "between",
  reversed = false,
): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="${reversed ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${position}"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `${title(axisTitle, 1000)}<c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/>` +
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    `<c:crossAx val="${cross}"/><c:crosses val="${crosses}"/><c:crossBetween val="${crossBetween}"/></c:valAx>`
  );
}
