/** Tables and charts of the Excel fake. */
import { parseAddress, rectA1 } from "./address";
import { FakeClientObject, FakeCollection, type FakeRequestContext } from "./context";
import {
  FakeOfficeError,
  type AxisModel,
  type ChartModel,
  type SeriesModel,
  type SheetModel,
  type TableModel,
} from "./model";
import { FakeRange } from "./range";
import type { FakeWorksheet } from "./workbook";

type WorksheetFactory = (resolver: () => SheetModel) => FakeWorksheet;

export class FakeTableCollection extends FakeCollection<{ sheet: SheetModel | null }, FakeTable> {
  protected readonly describe = "tables";
  private readonly makeWorksheet: WorksheetFactory;

  constructor(context: FakeRequestContext, scope: () => { sheet: SheetModel | null }, makeWorksheet: WorksheetFactory) {
    super(context, scope);
    this.makeWorksheet = makeWorksheet;
  }

  protected listItems(scope: { sheet: SheetModel | null }): unknown[] {
    return this.context.model.tables.filter((t) => !scope.sheet || t.sheet === scope.sheet);
  }

  protected itemProxy(item: unknown): FakeTable {
    return new FakeTable(this.context, () => item as TableModel, this.makeWorksheet);
  }

  /** add("Sheet1!A1:C5" or a Range, hasHeaders). */
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableModel | null = null;
    this.call("add", typeof address === "string" ? address : null, (scope) => {
      if (!hasHeaders) throw new FakeOfficeError("InvalidArgument", "the fake models tables with headers only");
      let sheet: SheetModel;
      let rect;
      if (typeof address === "string") {
        const parsed = parseAddress(address);
        const named = parsed.sheet ? this.context.model.sheetByName(parsed.sheet) : scope.sheet;
        if (!named) throw new FakeOfficeError("ItemNotFound", `no sheet for table address ${address}`);
        sheet = named;
        rect = parsed.rect;
      } else {
        const m = address.modelRange();
        sheet = m.sheet;
        rect = m.rect;
      }
      if (scope.sheet && scope.sheet !== sheet)
        throw new FakeOfficeError("InvalidArgument", "the table range is on another sheet");
      created = this.context.model.createTable(sheet, rect);
    });
    return new FakeTable(this.context, () => created, this.makeWorksheet);
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this.context, () => this.findTable(key), this.makeWorksheet);
  }

  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.context, () => this.findTable(key), this.makeWorksheet, true);
  }

  private findTable(key: string): TableModel {
    const t = this.context.model.tableByName(key) ?? this.context.model.tables.find((x) => x.id === key);
    if (!t) throw new FakeOfficeError("ItemNotFound", `no table "${key}"`);
    return t;
  }
}

export class FakeTable extends FakeClientObject<TableModel> {
  protected readonly describe = "table";
  protected readonly scalarProps = ["name", "id", "showHeaders"] as const;
  private readonly makeWorksheet: WorksheetFactory;
  private worksheetProxy: FakeWorksheet | null = null;
  readonly rows: { readonly count: number; load(spec?: string): unknown };

  constructor(
    context: FakeRequestContext,
    resolver: () => TableModel | null,
    makeWorksheet: WorksheetFactory,
    nullable = false,
  ) {
    super(context, resolver, nullable);
    this.makeWorksheet = makeWorksheet;
    const rowsProxy = new FakeTableRows(context, () => this.resolve());
    this.rows = rowsProxy;
  }

  get name(): string {
    return this.get("name");
  }
  set name(name: string) {
    this.set("name", name, (t, v) => {
      this.context.model.validateTableName(v, t);
      t.name = v;
    });
  }
  get id(): string {
    return this.get("id");
  }

  get worksheet(): FakeWorksheet {
    this.worksheetProxy ??= this.makeWorksheet(() => this.resolve().sheet);
    return this.worksheetProxy;
  }

  protected override navigate(name: string): FakeClientObject<unknown> | undefined {
    return name === "worksheet" ? (this.worksheet as unknown as FakeClientObject<unknown>) : undefined;
  }

  getRange(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const t = this.resolve();
        return { sheet: t.sheet, rect: t.rect };
      },
      "table range",
    );
  }

  getDataBodyRange(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const t = this.resolve();
        return { sheet: t.sheet, rect: { ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 } };
      },
      "table body",
    );
  }

  getHeaderRowRange(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const t = this.resolve();
        return { sheet: t.sheet, rect: { ...t.rect, rows: 1 } };
      },
      "table header",
    );
  }

  delete(): void {
    this.call("delete", null, (t) => {
      t.deleted = true;
      this.context.model.tables.splice(this.context.model.tables.indexOf(t), 1);
    });
  }

  protected readProp(name: string, t: TableModel): unknown {
    if (name === "name") return t.name;
    if (name === "id") return t.id;
    return true;
  }
}

class FakeTableRows extends FakeClientObject<TableModel> {
  protected readonly describe = "table rows";
  protected readonly scalarProps = ["count"] as const;
  get count(): number {
    return this.get("count");
  }
  protected readProp(_name: string, t: TableModel): unknown {
    return t.rect.rows - 1;
  }
}

const CHART_TYPES = new Set([
  "BarClustered",
  "BarStacked",
  "BarStacked100",
  "ColumnClustered",
  "ColumnStacked",
  "Line",
  "LineMarkers",
  "Radar",
  "RadarMarkers",
  "RadarFilled",
  "XYScatter",
  "XYScatterLines",
  "XYScatterLinesNoMarkers",
  "Pie",
  "StockHLC",
]);

function newAxis(): AxisModel {
  return {
    title: "",
    titleVisible: false,
    reversePlotOrder: false,
    numberFormat: "General",
    position: "Automatic",
    tickLabelSpacing: null,
  };
}

export class FakeChartCollection extends FakeCollection<SheetModel, FakeChart> {
  protected readonly describe = "charts";

  protected listItems(sheet: SheetModel): unknown[] {
    return sheet.charts;
  }

  protected itemProxy(item: unknown): FakeChart {
    return new FakeChart(this.context, () => item as ChartModel);
  }

  add(type: string, sourceData: FakeRange, seriesBy: "Auto" | "Columns" | "Rows" = "Auto"): FakeChart {
    let created: ChartModel | null = null;
    this.call("add", [type, seriesBy], (sheet) => {
      if (!CHART_TYPES.has(type)) throw new FakeOfficeError("InvalidArgument", `unknown chart type ${type}`);
      const source = sourceData.modelRange();
      const byRows = seriesBy === "Rows" || (seriesBy === "Auto" && source.rect.rows < source.rect.cols);
      const count = byRows ? source.rect.rows : source.rect.cols;
      const series: SeriesModel[] = [];
      for (let i = 0; i < count; i++) {
        const rect = byRows
          ? { ...source.rect, row: source.rect.row + i, rows: 1 }
          : { ...source.rect, col: source.rect.col + i, cols: 1 };
        series.push({
          name: `Series${i + 1}`,
          values: { sheet: source.sheet, rect },
          xValues: null,
          yErrorBars: { visible: false, include: "Both", type: "FixedValue" },
        });
      }
      created = {
        id: this.context.model.newId(),
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        title: "",
        legendVisible: true,
        plotVisibleOnly: true,
        series,
        axes: { category: newAxis(), value: newAxis() },
        position: null,
        deleted: false,
      };
      sheet.charts.push(created);
    });
    return new FakeChart(this.context, () => created);
  }

  getItem(name: string): FakeChart {
    return new FakeChart(this.context, () => {
      const chart = this.resolve().charts.find((c) => c.name === name);
      if (!chart) throw new FakeOfficeError("ItemNotFound", `no chart "${name}"`);
      return chart;
    });
  }
}

type TitleFields = { text: string; visible: boolean };
type LegendFields = { visible: boolean; position: string };

export class FakeChart extends FakeClientObject<ChartModel> {
  protected readonly describe = "chart";
  protected readonly scalarProps = ["name", "id", "chartType", "plotVisibleOnly"] as const;
  readonly title: FakeChartPart<TitleFields> & TitleFields;
  readonly legend: FakeChartPart<LegendFields> & LegendFields;
  readonly axes: { categoryAxis: FakeAxis; valueAxis: FakeAxis };
  readonly series: FakeSeriesCollection;

  constructor(context: FakeRequestContext, resolver: () => ChartModel | null) {
    super(context, resolver);
    this.title = new FakeChartPart(
      context,
      () => this.resolve(),
      {
        text: (c, v) => {
          c.title = String(v);
        },
        visible: () => undefined,
      },
      (c) => ({ text: c.title, visible: c.title !== "" }),
    ) as FakeChartPart<TitleFields> & TitleFields;
    this.legend = new FakeChartPart(
      context,
      () => this.resolve(),
      {
        visible: (c, v) => {
          c.legendVisible = Boolean(v);
        },
        position: () => undefined,
      },
      (c) => ({ visible: c.legendVisible, position: "Right" }),
    ) as FakeChartPart<LegendFields> & LegendFields;
    this.axes = {
      categoryAxis: new FakeAxis(
        context,
        () => this.resolve().axes.category,
        () => this.resolve(),
      ),
      valueAxis: new FakeAxis(
        context,
        () => this.resolve().axes.value,
        () => this.resolve(),
      ),
    };
    this.series = new FakeSeriesCollection(context, () => this.resolve());
  }

  get name(): string {
    return this.get("name");
  }
  set name(name: string) {
    this.set("name", name, (c, v) => {
      c.name = v;
    });
  }

  /** https://learn.microsoft.com/javascript/api/excel/excel.chart#excel-excel-chart-plotvisibleonly-member (ExcelApi 1.8) */
  get plotVisibleOnly(): boolean {
    return this.get("plotVisibleOnly");
  }
  set plotVisibleOnly(v: boolean) {
    this.set("plotVisibleOnly", v, (c, x) => {
      needsApi(this.context, 8, "Chart.plotVisibleOnly");
      c.plotVisibleOnly = Boolean(x);
    });
  }

  get chartType(): string {
    return this.get("chartType");
  }
  set chartType(type: string) {
    this.set("chartType", type, (c, v) => {
      if (!CHART_TYPES.has(v)) throw new FakeOfficeError("InvalidArgument", `unknown chart type ${v}`);
      c.type = v;
    });
  }

  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    this.call(
      "setPosition",
      [typeof startCell === "string" ? startCell : null, typeof endCell === "string" ? endCell : null],
      (c) => {
        const addr = (x: string | FakeRange) =>
          typeof x === "string" ? rectA1(parseAddress(x).rect) : rectA1(x.modelRange().rect);
        c.position = { start: addr(startCell), end: endCell === undefined ? addr(startCell) : addr(endCell) };
      },
    );
  }

  delete(): void {
    this.call("delete", null, (c) => {
      c.deleted = true;
      for (const sheet of this.context.model.sheets) {
        const i = sheet.charts.indexOf(c);
        if (i >= 0) sheet.charts.splice(i, 1);
      }
    });
  }

  protected readProp(name: string, c: ChartModel): unknown {
    if (name === "name") return c.name;
    if (name === "plotVisibleOnly") return c.plotVisibleOnly ?? true;
    if (name === "id") return c.id;
    return c.type;
  }
}

/** title / legend: settable fields applied to the chart model. */
export class FakeChartPart<T extends Record<string, unknown>> extends FakeClientObject<ChartModel> {
  protected readonly describe = "chart part";
  protected readonly scalarProps: readonly string[];
  private readonly reader: (c: ChartModel) => T;

  constructor(
    context: FakeRequestContext,
    resolver: () => ChartModel,
    setters: { [K in keyof T]: (c: ChartModel, v: T[K]) => void },
    reader: (c: ChartModel) => T,
  ) {
    super(context, resolver);
    this.reader = reader;
    this.scalarProps = Object.keys(setters);
    for (const key of Object.keys(setters) as (keyof T & string)[]) {
      Object.defineProperty(this, key, {
        get: () => this.get(key),
        set: (v: T[typeof key]) => this.set(key, v, (c, value) => setters[key](c, value)),
      });
    }
  }

  protected readProp(name: string, c: ChartModel): unknown {
    return this.reader(c)[name];
  }
}

export class FakeAxis extends FakeClientObject<AxisModel> {
  protected readonly describe = "axis";
  protected readonly scalarProps = ["reversePlotOrder", "numberFormat", "position", "tickLabelSpacing"] as const;
  readonly title: { text: string; visible: boolean };
  private readonly chart: () => ChartModel;

  constructor(context: FakeRequestContext, resolver: () => AxisModel, chart: () => ChartModel) {
    super(context, resolver);
    this.chart = chart;
    const self = this;
    /**
     * Radar charts have no axis titles: Excel's Chart Elements offer none for them, and Office.js
     * fails the request when one is set (project issue 10, section 3; no Microsoft page found that
     * states it, so this rule is the conservative reading: whatever Excel does, the adapter must not
     * depend on it). A failed operation stops the batch, and with it the whole write.
     */
    const noRadarTitle = () => {
      const type = chart().type;
      if (/^Radar/.test(type)) throw new FakeOfficeError("InvalidArgument", `a ${type} chart has no axis titles`);
    };
    this.title = {
      set text(v: string) {
        self.call("title.text", v, (a) => {
          noRadarTitle();
          a.title = v;
          a.titleVisible = true;
        });
      },
      get text(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "axis title text is write-only in the fake");
      },
      set visible(v: boolean) {
        self.call("title.visible", v, (a) => {
          noRadarTitle();
          a.titleVisible = v;
        });
      },
      get visible(): boolean {
        throw new FakeOfficeError("PropertyNotLoaded", "axis title visibility is write-only in the fake");
      },
    };
  }

  get reversePlotOrder(): boolean {
    return this.get("reversePlotOrder");
  }
  set reversePlotOrder(v: boolean) {
    this.set("reversePlotOrder", v, (a, x) => {
      a.reversePlotOrder = x;
    });
  }
  get numberFormat(): string {
    return this.get("numberFormat");
  }
  set numberFormat(v: string) {
    this.set("numberFormat", v, (a, x) => {
      a.numberFormat = x;
    });
  }

  /**
   * https://learn.microsoft.com/javascript/api/excel/excel.chartaxis#excel-excel-chartaxis-ticklabelspacing-member
   * (ExcelApi 1.7): 1 to 31,999 categories between labels. It is a category-axis setting: an XY
   * scatter has value axes only, so the fake fails it there (the conservative reading).
   */
  get tickLabelSpacing(): number {
    return this.get("tickLabelSpacing");
  }
  set tickLabelSpacing(v: number) {
    this.set("tickLabelSpacing", v, (a, x) => {
      needsApi(this.context, 7, "ChartAxis.tickLabelSpacing");
      if (!Number.isInteger(x) || x < 1 || x > 31_999)
        throw new FakeOfficeError("InvalidArgument", `tick label spacing ${x}`);
      if (/^XYScatter/.test(this.chart().type) || a === this.chart().axes.value)
        throw new FakeOfficeError("InvalidArgument", "tick label spacing applies to a category axis");
      a.tickLabelSpacing = x;
    });
  }

  get position(): string {
    return this.get("position");
  }
  set position(v: string) {
    this.set("position", v, (a, x) => {
      if (this.context.model.excelApiMinor < 8)
        throw new FakeOfficeError("ApiNotFound", "ChartAxis.position needs ExcelApi 1.8");
      if (!["Automatic", "Maximum", "Minimum", "Custom"].includes(x))
        throw new FakeOfficeError("InvalidArgument", `axis position ${x}`);
      a.position = x;
    });
  }

  protected readProp(name: string, a: AxisModel): unknown {
    if (name === "tickLabelSpacing") return a.tickLabelSpacing ?? 1;
    return name === "reversePlotOrder" ? a.reversePlotOrder : name === "position" ? a.position : a.numberFormat;
  }
}

export class FakeSeriesCollection extends FakeCollection<ChartModel, FakeSeries> {
  protected readonly describe = "series";

  protected listItems(chart: ChartModel): unknown[] {
    return chart.series;
  }

  protected itemProxy(item: unknown): FakeSeries {
    return new FakeSeries(this.context, () => item as SeriesModel);
  }

  getItemAt(index: number): FakeSeries {
    return new FakeSeries(this.context, () => {
      const s = this.resolve().series[index];
      if (!s) throw new FakeOfficeError("ItemNotFound", `no series at ${index}`);
      return s;
    });
  }

  add(name?: string): FakeSeries {
    let created: SeriesModel | null = null;
    this.call("add", name ?? null, (chart) => {
      created = {
        name: name ?? `Series${chart.series.length + 1}`,
        values: null,
        xValues: null,
        yErrorBars: { visible: false, include: "Both", type: "FixedValue" },
      };
      chart.series.push(created);
    });
    return new FakeSeries(this.context, () => created);
  }
}

export class FakeSeries extends FakeClientObject<SeriesModel> {
  protected readonly describe = "series";
  protected readonly scalarProps = ["name", "chartType"] as const;
  readonly yErrorBars: FakeErrorBars;
  readonly format: { line: { lineStyle: string }; fill: { clear(): void; setSolidColor(color: string): void } };
  /**
   * series.points.getItemAt(i): https://learn.microsoft.com/javascript/api/excel/excel.chartpointscollection
   * A point past the series' values fails with ItemNotFound. point.hasDataLabel (ExcelApi 1.7) and
   * point.dataLabel.text (ExcelApi 1.8): https://learn.microsoft.com/javascript/api/excel/excel.chartpoint,
   * https://learn.microsoft.com/javascript/api/excel/excel.chartdatalabel#excel-excel-chartdatalabel-text-member
   */
  readonly points: { getItemAt(index: number): { hasDataLabel: boolean; dataLabel: { text: string } } };

  constructor(context: FakeRequestContext, resolver: () => SeriesModel | null) {
    super(context, resolver);
    this.yErrorBars = new FakeErrorBars(context, () => this.resolve().yErrorBars);
    const self = this;
    const point = (s: SeriesModel, index: number) => {
      if (!Number.isInteger(index) || index < 0 || index >= pointCount(s))
        throw new FakeOfficeError("ItemNotFound", `no point at ${index}`);
      s.pointLabels ??= new Map();
    };
    this.points = {
      getItemAt: (index: number) => ({
        set hasDataLabel(v: boolean) {
          self.call("points.hasDataLabel", [index, v], (s) => {
            needsApi(self.context, 7, "ChartPoint.hasDataLabel");
            point(s, index);
            if (v) s.pointLabels!.set(index, s.pointLabels!.get(index) ?? "");
            else s.pointLabels!.delete(index);
          });
        },
        get hasDataLabel(): boolean {
          throw new FakeOfficeError("PropertyNotLoaded", "hasDataLabel is write-only in the fake");
        },
        dataLabel: {
          set text(v: string) {
            self.call("points.dataLabel.text", [index, v], (s) => {
              needsApi(self.context, 8, "ChartDataLabel.text");
              point(s, index);
              s.pointLabels!.set(index, String(v));
            });
          },
          get text(): string {
            throw new FakeOfficeError("PropertyNotLoaded", "data label text is write-only in the fake");
          },
        },
      }),
    };
    this.format = {
      line: {
        set lineStyle(v: string) {
          self.call("format.line.lineStyle", v, (s) => {
            if (
              ![
                "None",
                "Continuous",
                "Dash",
                "DashDot",
                "DashDotDot",
                "Dot",
                "Grey25",
                "Grey50",
                "Grey75",
                "Automatic",
                "RoundDot",
              ].includes(v)
            )
              throw new FakeOfficeError("InvalidArgument", `line style ${v}`);
            s.lineStyle = v;
          });
        },
        get lineStyle(): string {
          throw new FakeOfficeError("PropertyNotLoaded", "series line style is write-only in the fake");
        },
      },
      fill: {
        clear(): void {
          self.call("format.fill.clear", null, (s) => {
            s.fill = "none";
          });
        },
        setSolidColor(color: string): void {
          self.call("format.fill.setSolidColor", color, (s) => {
            // Office.js takes #RRGGBB or an HTML colour name.
            if (!/^#[0-9A-Fa-f]{6}$/.test(color) && !/^[A-Za-z]+$/.test(color))
              throw new FakeOfficeError("InvalidArgument", `fill colour ${color}`);
            s.fill = color;
          });
        },
      },
    };
  }

  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.set("name", v, (s, x) => {
      s.name = String(x);
    });
  }
  get chartType(): string {
    return this.get("chartType");
  }
  set chartType(v: string) {
    this.set("chartType", v, (s, x) => {
      if (!CHART_TYPES.has(x)) throw new FakeOfficeError("InvalidArgument", `unknown chart type ${x}`);
      s.chartType = x;
    });
  }

  setValues(source: FakeRange): void {
    this.call("setValues", null, (s) => {
      s.values = oneDimensional(source);
    });
  }

  setXAxisValues(source: FakeRange): void {
    this.call("setXAxisValues", null, (s) => {
      s.xValues = oneDimensional(source);
    });
  }

  delete(): void {
    this.call("delete", null, (s) => {
      for (const sheet of this.context.model.sheets)
        for (const c of sheet.charts) {
          const i = c.series.indexOf(s);
          if (i >= 0) c.series.splice(i, 1);
        }
    });
  }

  protected readProp(name: string, s: SeriesModel): unknown {
    return name === "name" ? s.name : (s.chartType ?? null);
  }
}

function needsApi(context: FakeRequestContext, minor: number, what: string): void {
  if (context.model.excelApiMinor < minor)
    throw new FakeOfficeError("ApiNotFound", `${what} needs ExcelApi 1.${minor}`);
}

/** Points of a series: the cells of its values (or of its x values). */
function pointCount(s: SeriesModel): number {
  const ref = s.values ?? s.xValues;
  return ref ? ref.rect.rows * ref.rect.cols : 0;
}

function oneDimensional(source: FakeRange) {
  const m = source.modelRange();
  if (m.rect.rows !== 1 && m.rect.cols !== 1)
    throw new FakeOfficeError("InvalidArgument", "series data must be one row or one column");
  return { sheet: m.sheet, rect: m.rect };
}

export class FakeErrorBars extends FakeClientObject<SeriesModel["yErrorBars"]> {
  protected readonly describe = "error bars";
  protected readonly scalarProps = ["visible", "include", "type"] as const;
  get visible(): boolean {
    return this.get("visible");
  }
  set visible(v: boolean) {
    this.set("visible", v, (e, x) => {
      e.visible = x;
    });
  }
  get include(): string {
    return this.get("include");
  }
  set include(v: string) {
    this.set("include", v, (e, x) => {
      e.include = x;
    });
  }
  get type(): string {
    return this.get("type");
  }
  set type(v: string) {
    this.set("type", v, (e, x) => {
      e.type = x;
    });
  }
  protected readProp(name: string, e: SeriesModel["yErrorBars"]): unknown {
    return e[name as keyof typeof e];
  }
}
