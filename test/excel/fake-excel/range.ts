/** Range proxies of the Excel fake: values, numberFormat, formulas, formats, conditional formats. */
import { fullAddress, MAX_COLS, MAX_ROWS, parseAddress, rectA1, type Rect } from "./address";
import { FakeClientObject, type FakeRequestContext } from "./context";
import { checkRect, FakeOfficeError, type SheetModel } from "./model";

export interface RangeModel {
  sheet: SheetModel;
  rect: Rect;
  deleted?: boolean;
}

const MAX_READ_CELLS = 5_000_000;

function matrix(rect: Rect, cell: (r: number, c: number) => unknown): unknown[][] {
  if (rect.rows * rect.cols > MAX_READ_CELLS)
    throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `range ${rectA1(rect)} is too large to read`);
  const out: unknown[][] = new Array(rect.rows);
  for (let r = 0; r < rect.rows; r++) {
    const row = new Array(rect.cols);
    for (let c = 0; c < rect.cols; c++) row[c] = cell(rect.row + r, rect.col + c);
    out[r] = row;
  }
  return out;
}

function checkShape(rect: Rect, input: unknown, what: string): unknown[][] {
  if (!Array.isArray(input) || !input.every((row) => Array.isArray(row))) {
    throw new FakeOfficeError("InvalidArgument", `${what} must be a two-dimensional array`);
  }
  const rows = input as unknown[][];
  if (rows.length !== rect.rows || rows.some((row) => row.length !== rect.cols)) {
    throw new FakeOfficeError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}, ${rectA1(rect)}).`,
    );
  }
  return rows;
}

export class FakeRange extends FakeClientObject<RangeModel> {
  protected readonly describe: string;
  protected readonly scalarProps = [
    "address",
    "addressLocal",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "values",
    "numberFormat",
    "formulas",
    "text",
    "columnHidden",
  ] as const;
  private formatProxy: FakeRangeFormat | null = null;
  private cfProxy: FakeConditionalFormats | null = null;

  constructor(context: FakeRequestContext, resolver: () => RangeModel | null, describe: string, nullable = false) {
    super(context, resolver, nullable);
    this.describe = `range ${describe}`;
  }

  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  get text(): string[][] {
    return this.get("text");
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }

  set values(input: unknown[][]) {
    this.set("values", input, (m, v) => {
      const rows = checkShape(m.rect, v, "values");
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        for (let c = 0; c < row.length; c++) if (row[c] !== null) m.sheet.enter(m.rect.row + r, m.rect.col + c, row[c]);
      }
      this.context.touch(m.sheet, m.rect);
    });
  }

  set formulas(input: unknown[][]) {
    this.set("formulas", input, (m, v) => {
      const rows = checkShape(m.rect, v, "formulas");
      rows.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f !== null) m.sheet.setFormula(m.rect.row + r, m.rect.col + c, String(f));
        }),
      );
      this.context.touch(m.sheet, m.rect);
    });
  }

  set numberFormat(input: unknown[][]) {
    this.set("numberFormat", input, (m, v) => {
      const rows = checkShape(m.rect, v, "numberFormat");
      rows.forEach((row, r) =>
        row.forEach((f, c) => {
          if (f !== null) {
            if (typeof f !== "string") throw new FakeOfficeError("InvalidArgument", "a number format must be text");
            m.sheet.setFormat(m.rect.row + r, m.rect.col + c, f);
          }
        }),
      );
    });
  }

  protected readProp(name: string, m: RangeModel): unknown {
    const { rect, sheet } = m;
    switch (name) {
      case "address":
      case "addressLocal":
        return fullAddress(sheet.name, rect);
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.col;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
      case "values":
        return matrix(rect, (r, c) => sheet.value(r, c) ?? "");
      case "text":
        return matrix(rect, (r, c) => String(sheet.value(r, c) ?? ""));
      case "formulas":
        return matrix(rect, (r, c) => sheet.formula(r, c) ?? sheet.value(r, c) ?? "");
      case "numberFormat":
        return matrix(rect, (r, c) => sheet.format(r, c));
      case "columnHidden": {
        let hidden = 0;
        for (let c = rect.col; c < rect.col + rect.cols; c++) if (sheet.hiddenColumns.has(c)) hidden += 1;
        return hidden === 0 ? false : hidden === rect.cols ? true : null;
      }
      default:
        throw new FakeOfficeError("InvalidArgument", `no property ${name}`);
    }
  }

  private sub(describe: string, pick: (m: RangeModel) => Rect): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const m = this.resolve();
        const rect = pick(m);
        checkRect(rect);
        return { sheet: m.sheet, rect };
      },
      describe,
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this.sub(`cell(${row},${column})`, (m) => ({
      row: m.rect.row + row,
      col: m.rect.col + column,
      rows: 1,
      cols: 1,
    }));
  }

  getEntireColumn(): FakeRange {
    return this.sub("entire column", (m) => ({ row: 0, col: m.rect.col, rows: MAX_ROWS, cols: m.rect.cols }));
  }

  getEntireRow(): FakeRange {
    return this.sub("entire row", (m) => ({ row: m.rect.row, col: 0, rows: m.rect.rows, cols: MAX_COLS }));
  }

  getRow(row: number): FakeRange {
    return this.sub(`row ${row}`, (m) => ({ row: m.rect.row + row, col: m.rect.col, rows: 1, cols: m.rect.cols }));
  }

  getColumn(column: number): FakeRange {
    return this.sub(`column ${column}`, (m) => ({
      row: m.rect.row,
      col: m.rect.col + column,
      rows: m.rect.rows,
      cols: 1,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.sub("resized", (m) => ({ ...m.rect, rows: m.rect.rows + deltaRows, cols: m.rect.cols + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.sub("offset", (m) => ({ ...m.rect, row: m.rect.row + rowOffset, col: m.rect.col + columnOffset }));
  }

  /**
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-columnhidden-member
   * (ExcelApi 1.2): hides or shows every column of the range; reads true/false, or null when mixed.
   */
  get columnHidden(): boolean | null {
    return this.get("columnHidden");
  }
  set columnHidden(hidden: boolean) {
    this.set("columnHidden", hidden, (m, v) => {
      if (this.context.model.excelApiMinor < 2)
        throw new FakeOfficeError("ApiNotFound", "Range.columnHidden needs ExcelApi 1.2");
      for (let c = m.rect.col; c < m.rect.col + m.rect.cols; c++) {
        if (v) m.sheet.hiddenColumns.add(c);
        else m.sheet.hiddenColumns.delete(c);
      }
    });
  }

  get format(): FakeRangeFormat {
    this.formatProxy ??= new FakeRangeFormat(this.context, () => this.resolve());
    return this.formatProxy;
  }

  get conditionalFormats(): FakeConditionalFormats {
    this.cfProxy ??= new FakeConditionalFormats(this.context, () => this.resolve());
    return this.cfProxy;
  }

  /**
   * Range.select (ExcelApi 1.1): selects the range in the Excel UI. Excel selects only on the active sheet, so a
   * range of another sheet throws InvalidSelection (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-select-member(1);
   * office-js issue #5118: select() on a sheet that is not active does not select, so the adapter activates first).
   */
  select(): void {
    this.call("select", null, (m) => {
      if (this.context.model.activeSheet && this.context.model.activeSheet !== m.sheet)
        throw new FakeOfficeError("InvalidSelection", "select() works on the active sheet; activate it first");
      this.context.model.selection = { sheet: m.sheet, rect: m.rect };
    });
  }

  /** For the chart and table code: the model range at execution time. */
  modelRange(): RangeModel {
    return this.resolve();
  }
}

/** A range given by address on a sheet; sheet-qualified addresses must name the same sheet. */
export function rangeFromAddress(context: FakeRequestContext, sheet: () => SheetModel, address: string): FakeRange {
  return new FakeRange(
    context,
    () => {
      let parsed;
      try {
        parsed = parseAddress(address);
      } catch (error) {
        throw new FakeOfficeError("InvalidArgument", (error as Error).message);
      }
      const model = sheet();
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== model.name.toLowerCase()) {
        throw new FakeOfficeError("InvalidArgument", `address ${address} is not on sheet ${model.name}`);
      }
      return { sheet: model, rect: parsed.rect };
    },
    address,
  );
}

export class FakeRangeFormat extends FakeClientObject<RangeModel> {
  protected readonly describe = "range format";
  protected readonly scalarProps = ["columnWidth", "rowHeight", "wrapText", "verticalAlignment"] as const;
  private fontProxy: FakeSimpleStyle | null = null;
  private fillProxy: FakeSimpleStyle | null = null;

  get columnWidth(): number {
    return this.get("columnWidth");
  }
  set columnWidth(points: number) {
    this.set("columnWidth", points, (m, v) => {
      if (!(v >= 0 && v <= 1638)) throw new FakeOfficeError("InvalidArgument", `column width ${v} is out of range`);
      for (let c = m.rect.col; c < m.rect.col + m.rect.cols; c++) m.sheet.columnWidths.set(c, v);
    });
  }

  /** Row height in points: 0 to 409 ("Excel specifications and limits", https://support.microsoft.com/office/1672b34d-7043-467e-8e27-269d656771c3). */
  get rowHeight(): number {
    return this.get("rowHeight");
  }
  set rowHeight(points: number) {
    this.set("rowHeight", points, (m, v) => {
      if (!(v >= 0 && v <= 409)) throw new FakeOfficeError("InvalidArgument", `row height ${v} is out of range`);
      for (let r = m.rect.row; r < m.rect.row + m.rect.rows; r++) m.sheet.rowHeights.set(r, v);
    });
  }

  /** https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-wraptext-member (ExcelApi 1.1) */
  get wrapText(): boolean {
    return this.get("wrapText");
  }
  set wrapText(on: boolean) {
    this.set("wrapText", on, (m, v) => {
      if (typeof v !== "boolean") throw new FakeOfficeError("InvalidArgument", "wrapText must be true or false");
      if (v) m.sheet.wrap.add(rectA1(m.rect));
      else m.sheet.wrap.delete(rectA1(m.rect));
    });
  }

  /** https://learn.microsoft.com/javascript/api/excel/excel.verticalalignment: Center, Bottom, Top, Justify, Distributed. */
  get verticalAlignment(): string {
    return this.get("verticalAlignment");
  }
  set verticalAlignment(v: string) {
    this.set("verticalAlignment", v, (m, x) => {
      if (!["Center", "Bottom", "Top", "Justify", "Distributed"].includes(x))
        throw new FakeOfficeError("InvalidArgument", `vertical alignment ${x}`);
      m.sheet.verticalAlignment.set(rectA1(m.rect), x);
    });
  }

  get font(): FakeSimpleStyle {
    this.fontProxy ??= new FakeSimpleStyle(this.context, () => this.resolve(), "font");
    return this.fontProxy;
  }

  get fill(): FakeSimpleStyle {
    this.fillProxy ??= new FakeSimpleStyle(this.context, () => this.resolve(), "fill");
    return this.fillProxy;
  }

  autofitColumns(): void {
    this.call("autofitColumns", null, () => undefined);
  }

  protected readProp(name: string, m: RangeModel): unknown {
    if (name === "columnWidth") return m.sheet.columnWidths.get(m.rect.col) ?? 48;
    if (name === "wrapText") return m.sheet.wrap.has(rectA1(m.rect));
    if (name === "verticalAlignment") return m.sheet.verticalAlignment.get(rectA1(m.rect)) ?? "Bottom";
    return m.sheet.rowHeights.get(m.rect.row) ?? 15;
  }
}

/** font.bold / fill.color: stored per cell address on the sheet. */
export class FakeSimpleStyle extends FakeClientObject<RangeModel> {
  protected readonly describe: string;
  protected readonly scalarProps = ["bold", "color"] as const;
  private readonly kind: "font" | "fill";

  constructor(context: FakeRequestContext, resolver: () => RangeModel, kind: "font" | "fill") {
    super(context, resolver);
    this.kind = kind;
    this.describe = kind;
  }

  get bold(): boolean {
    return this.get("bold");
  }
  set bold(on: boolean) {
    this.set("bold", on, (m, v) => {
      const key = rectA1(m.rect);
      if (v) m.sheet.bold.add(key);
      else m.sheet.bold.delete(key);
    });
  }

  get color(): string {
    return this.get("color");
  }
  set color(color: string) {
    this.set("color", color, (m, v) => {
      if (!/^#[0-9A-Fa-f]{6}$/.test(v)) throw new FakeOfficeError("InvalidArgument", `colour ${v} is not #RRGGBB`);
      m.sheet.fills.set(rectA1(m.rect), v.toUpperCase());
    });
  }

  clear(): void {
    this.call("clear", null, (m) => m.sheet.fills.delete(rectA1(m.rect)));
  }

  protected readProp(name: string, m: RangeModel): unknown {
    if (name === "bold") return m.sheet.bold.has(rectA1(m.rect));
    return this.kind === "fill" ? (m.sheet.fills.get(rectA1(m.rect)) ?? null) : "#000000";
  }
}

export class FakeConditionalFormats extends FakeClientObject<RangeModel> {
  protected readonly describe = "conditional formats";
  protected readonly scalarProps = ["count"] as const;

  add(type: string): FakeConditionalFormat {
    const holder: { index: number } = { index: -1 };
    this.call("add", type, (m) => {
      if (type !== "ColorScale")
        throw new FakeOfficeError("InvalidArgument", `the fake supports ColorScale conditional formats, not ${type}`);
      m.sheet.conditionalFormats.push({ type, rect: m.rect, criteria: null });
      holder.index = m.sheet.conditionalFormats.length - 1;
    });
    return new FakeConditionalFormat(this.context, () => {
      const m = this.resolve();
      return m.sheet.conditionalFormats[holder.index] ? { sheet: m.sheet, rect: m.rect, index: holder.index } : null;
    });
  }

  protected readProp(_name: string, m: RangeModel): unknown {
    return m.sheet.conditionalFormats.length;
  }
}

interface CfModel extends RangeModel {
  index: number;
}

export class FakeConditionalFormat extends FakeClientObject<CfModel> {
  protected readonly describe = "conditional format";
  protected readonly scalarProps = ["type"] as const;
  readonly colorScale: { criteria: unknown };

  constructor(context: FakeRequestContext, resolver: () => CfModel | null) {
    super(context, resolver);
    const self = this;
    this.colorScale = {
      set criteria(criteria: unknown) {
        self.call("colorScale.criteria", criteria, (m) => {
          const c = criteria as { minimum?: { color?: string }; maximum?: { color?: string } };
          if (!c?.minimum?.color || !c?.maximum?.color)
            throw new FakeOfficeError("InvalidArgument", "a colour scale needs minimum and maximum colours");
          m.sheet.conditionalFormats[m.index]!.criteria = criteria;
        });
      },
      get criteria(): unknown {
        throw new FakeOfficeError("PropertyNotLoaded", "colorScale.criteria is write-only in the fake");
      },
    };
  }

  protected readProp(_name: string, m: CfModel): unknown {
    return m.sheet.conditionalFormats[m.index]!.type;
  }
}
