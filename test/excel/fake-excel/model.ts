/**
 * The workbook state behind the Excel fake: plain data that only sync() changes. Cells are kept
 * as sparse rows of primitives (values, formulas, number formats in parallel arrays) so that a
 * million cells stay cheap.
 */
import { fullAddress, MAX_COLS, MAX_ROWS, overlaps, rectA1, type Rect } from "./address";

export type CellValue = number | string | boolean;

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

interface RowStore {
  values: (CellValue | undefined)[];
  formulas: (string | undefined)[];
  formats: (string | undefined)[];
}

export interface RangeRefModel {
  sheet: SheetModel;
  rect: Rect;
}

export interface SeriesModel {
  name: string;
  values: RangeRefModel | null;
  xValues: RangeRefModel | null;
  chartType?: string;
  lineStyle?: string;
  /** format.fill: "automatic" until set; "none" after clear(); else the solid colour. */
  fill?: string;
  yErrorBars: { visible: boolean; include: string; type: string };
  /** Data label texts by point index (ChartPoint.dataLabel.text). */
  pointLabels?: Map<number, string>;
}

export interface AxisModel {
  title: string;
  titleVisible: boolean;
  reversePlotOrder: boolean;
  numberFormat: string;
  /** Where the other axis crosses this one (ExcelApi 1.8). */
  position: string;
  /** Categories between tick labels (ExcelApi 1.7); null: automatic. */
  tickLabelSpacing?: number | null;
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  title: string;
  legendVisible: boolean;
  /** false: cells in hidden rows and columns are plotted too (ExcelApi 1.8). */
  plotVisibleOnly?: boolean;
  series: SeriesModel[];
  axes: { category: AxisModel; value: AxisModel };
  position: { start: string; end: string } | null;
  deleted: boolean;
}

export interface ConditionalFormatModel {
  type: string;
  rect: Rect;
  criteria: unknown;
}

export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  rect: Rect;
  deleted: boolean;
}

export interface EventHandlerModel {
  sheet: SheetModel;
  handler: (args: unknown) => unknown;
  removed: boolean;
}

export class SheetModel {
  readonly id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  deleted = false;
  readonly rows = new Map<number, RowStore>();
  freeze = { rows: 0, cols: 0 };
  readonly columnWidths = new Map<number, number>();
  readonly fills = new Map<string, string>();
  readonly bold = new Set<string>();
  /** format.wrapText and format.verticalAlignment, by range address as set. */
  readonly wrap = new Set<string>();
  readonly verticalAlignment = new Map<string, string>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  /** worksheet.pageLayout (ExcelApi 1.9). */
  pageLayout: {
    orientation: string;
    zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } | null;
    printTitleRows: string | null;
  } = {
    orientation: "Portrait",
    zoom: null,
    printTitleRows: null,
  };
  readonly charts: ChartModel[] = [];
  readonly conditionalFormats: ConditionalFormatModel[] = [];
  readonly customProperties = new Map<string, string>();
  /** Sheet-scoped defined names. */
  readonly names: NamedItemModel[] = [];

  constructor(id: string, name: string) {
    this.id = id;
    this.name = name;
  }

  private row(r: number, create: boolean): RowStore | undefined {
    let store = this.rows.get(r);
    if (!store && create) {
      store = { values: [], formulas: [], formats: [] };
      this.rows.set(r, store);
    }
    return store;
  }

  value(r: number, c: number): CellValue | undefined {
    return this.rows.get(r)?.values[c];
  }

  formula(r: number, c: number): string | undefined {
    return this.rows.get(r)?.formulas[c];
  }

  format(r: number, c: number): string {
    return this.rows.get(r)?.formats[c] ?? "General";
  }

  setFormat(r: number, c: number, format: string): void {
    this.row(r, true)!.formats[c] = format === "General" ? undefined : format;
  }

  /** Stores what Excel would store for an entered value: text under "@", else formulas and numbers are recognised. */
  enter(r: number, c: number, input: unknown): void {
    const store = this.row(r, true)!;
    if (input === "" || input === null || input === undefined) {
      store.values[c] = undefined;
      store.formulas[c] = undefined;
      return;
    }
    if (typeof input === "number") {
      if (!Number.isFinite(input))
        throw new FakeOfficeError(
          "InvalidArgument",
          `cell ${rectA1({ row: r, col: c, rows: 1, cols: 1 })}: ${input} is not a valid number`,
        );
      store.values[c] = input;
      store.formulas[c] = undefined;
      return;
    }
    if (typeof input === "boolean") {
      store.values[c] = input;
      store.formulas[c] = undefined;
      return;
    }
    if (typeof input !== "string")
      throw new FakeOfficeError("InvalidArgument", `cell value of type ${typeof input} is not allowed`);
    if (store.formats[c] === "@") {
      store.values[c] = input;
      store.formulas[c] = undefined;
      return;
    }
    const coerced = coerceEntered(input);
    store.values[c] = coerced.value;
    store.formulas[c] = coerced.formula;
  }

  setFormula(r: number, c: number, formula: string): void {
    if (formula.startsWith("=")) {
      const store = this.row(r, true)!;
      store.formulas[c] = formula;
      store.values[c] = FORMULA_RESULT;
    } else {
      this.enter(r, c, formula);
    }
  }

  /** Smallest rectangle holding a value (or any stored formatting unless valuesOnly), null when empty. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      r1 = -1,
      c0 = Infinity,
      c1 = -1;
    for (const [r, store] of this.rows) {
      const arrays = valuesOnly ? [store.values] : [store.values, store.formats];
      for (const arr of arrays) {
        for (let c = 0; c < arr.length; c++) {
          if (arr[c] === undefined) continue;
          if (r < r0) r0 = r;
          if (r > r1) r1 = r;
          if (c < c0) c0 = c;
          if (c > c1) c1 = c;
        }
      }
    }
    if (r1 < 0) return null;
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

/** What Excel computes for a formula is not modelled: the fake stores the formula and this marker. */
export const FORMULA_RESULT = "#FORMULA!";

/** Excel's reading of typed text: "=..." and "@..." are formulas, "+1"/"-1"/"12%"/"1e3" numbers, TRUE/FALSE booleans. */
export function coerceEntered(text: string): { value: CellValue; formula?: string } {
  if (text.startsWith("=")) return { value: FORMULA_RESULT, formula: text };
  if (text.startsWith("@") && text.length > 1) return { value: FORMULA_RESULT, formula: `=${text.slice(1)}` };
  const trimmed = text.trim();
  const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(%?)$/.exec(trimmed);
  if (numeric) {
    const n = Number(trimmed.replace(/%$/, ""));
    return { value: numeric[4] ? n / 100 : n };
  }
  if ((text.startsWith("+") || text.startsWith("-")) && text.length > 1)
    return { value: FORMULA_RESULT, formula: `=${text}` };
  if (/^(true|false)$/i.test(trimmed)) return { value: /^true$/i.test(trimmed) };
  return { value: text };
}

export interface RequestRecord {
  sync: number;
  requestBytes: number;
  responseBytes: number;
  operations: number;
  calculationSuspended: boolean;
  failed: string | null;
}

export interface NamedItemModel {
  name: string;
  formula: string;
}

/** The whole workbook. Create one, fill it with `addSheet`/`setValues`, and install it with installFakeOffice. */
export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NamedItemModel[] = [];
  readonly settings = new Map<string, unknown>();
  readonly handlers: EventHandlerModel[] = [];
  /** Office.addin.setStartupBehavior's last setting for this document ("Load" or "None"). */
  startupBehavior: "Load" | "None" = "None";
  activeSheet: SheetModel | null = null;
  selection: { sheet: SheetModel; rect: Rect } | null = null;
  /** Every executed operation name, in order (for choosing a failure point). */
  readonly operationLog: string[] = [];
  readonly requests: RequestRecord[] = [];
  /** Excel on the web rejects requests and responses above 5 MB. */
  payloadLimitBytes = 5 * 1024 * 1024;
  /** Requirement sets reported as supported: ExcelApi 1.1 up to 1.<excelApiMinor>. */
  excelApiMinor = 17;
  displayLanguage = "en-US";
  /**
   * A chart sheet (a chart on a tab of its own) is the active tab: getActiveWorksheet() throws
   * (office-js #2444, "getActiveWorksheet error": a RichApi.Error when the active sheet is a chart sheet).
   */
  chartSheetActive = false;
  /**
   * The user is typing in a cell. A batch fails with InvalidOperationInCellEditMode unless it was
   * started with Excel.run({ delayForCellEdit: true }, ...) on ExcelApi 1.11+, which waits until the
   * edit ends (https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member).
   */
  private cellEdit: { ended: Promise<void>; end: () => void } | null = null;
  private nextId = 1;
  private failures: { operation: string; remaining: number }[] = [];
  private occurrences = new Map<string, number>();

  newId(): string {
    const n = (this.nextId++).toString(16).padStart(12, "0");
    return `{00000000-0001-0000-0000-${n}}`;
  }

  get inCellEditMode(): boolean {
    return this.cellEdit !== null;
  }

  /** The user starts typing in a cell (Excel's cell-edit mode). */
  startCellEdit(): void {
    if (this.cellEdit) return;
    let end = () => undefined as void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.cellEdit = { ended, end };
  }

  /** The user presses Enter or Esc: batches waiting with delayForCellEdit go on. */
  endCellEdit(): void {
    const edit = this.cellEdit;
    this.cellEdit = null;
    edit?.end();
  }

  /** Resolves when cell-edit mode ends (at once when not in it). */
  cellEditEnded(): Promise<void> {
    return this.cellEdit?.ended ?? Promise.resolve();
  }

  get syncCount(): number {
    return this.requests.length;
  }

  /** Make the `occurrence`-th execution (from now) of an operation such as "Worksheet.delete" or "Range.values" throw. */
  failOperation(operation: string, occurrence = 1): void {
    this.failures.push({ operation, remaining: occurrence });
  }

  clearFailures(): void {
    this.failures = [];
  }

  /** Called by every operation before it changes anything. */
  checkFailure(operation: string): void {
    this.operationLog.push(operation);
    this.occurrences.set(operation, (this.occurrences.get(operation) ?? 0) + 1);
    for (const failure of this.failures) {
      if (failure.operation !== operation) continue;
      failure.remaining -= 1;
      if (failure.remaining === 0) {
        this.failures = this.failures.filter((f) => f !== failure);
        throw new FakeOfficeError("GeneralException", `injected failure in ${operation}`);
      }
    }
  }

  // ---- direct set-up helpers for tests (no context, no sync) ----

  addSheet(name: string): SheetModel {
    validateSheetName(name);
    if (this.sheetByName(name)) throw new FakeOfficeError("ItemAlreadyExists", `a sheet named "${name}" exists`);
    const sheet = new SheetModel(this.newId(), name);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  /** Writes a block of values as a user would type them, starting at `topLeft` ("A1"). */
  setValues(sheetName: string, rows: readonly (readonly unknown[])[], topLeftRow = 0, topLeftCol = 0): void {
    const sheet = this.sheetByName(sheetName) ?? this.addSheet(sheetName);
    rows.forEach((row, r) => row.forEach((v, c) => sheet.enter(topLeftRow + r, topLeftCol + c, v)));
  }

  addTable(sheetName: string, rect: Rect, name: string): TableModel {
    const sheet = this.sheetByName(sheetName);
    if (!sheet) throw new FakeOfficeError("ItemNotFound", `no sheet ${sheetName}`);
    return this.createTable(sheet, rect, name);
  }

  /** A user edit: changes cells and raises onChanged as Excel would for a local user (not the add-in). */
  userEdit(sheetName: string, rows: readonly (readonly unknown[])[], topLeftRow = 0, topLeftCol = 0): void {
    this.setValues(sheetName, rows, topLeftRow, topLeftCol);
    const sheet = this.sheetByName(sheetName)!;
    const rect = {
      row: topLeftRow,
      col: topLeftCol,
      rows: rows.length,
      cols: Math.max(1, ...rows.map((r) => r.length)),
    };
    this.raiseChanged(sheet, rect, "Unknown");
  }

  /**
   * A co-author's edit arriving in this copy: onChanged fires with source "Remote" (Excel.EventSource,
   * https://learn.microsoft.com/javascript/api/excel/excel.eventsource: "Remote means the event comes
   * from a remote user's session"). Every open copy of the workbook sees it.
   */
  remoteEdit(sheetName: string, rows: readonly (readonly unknown[])[], topLeftRow = 0, topLeftCol = 0): void {
    this.setValues(sheetName, rows, topLeftRow, topLeftCol);
    const sheet = this.sheetByName(sheetName)!;
    const rect = {
      row: topLeftRow,
      col: topLeftCol,
      rows: rows.length,
      cols: Math.max(1, ...rows.map((r) => r.length)),
    };
    this.raiseChanged(sheet, rect, "Unknown", "Remote");
  }

  raiseChanged(
    sheet: SheetModel,
    rect: Rect,
    triggerSource: "Unknown" | "ThisLocalAddin",
    source: "Local" | "Remote" = "Local",
  ): void {
    for (const h of this.handlers) {
      if (h.removed || h.sheet !== sheet) continue;
      const args = {
        type: "WorksheetChanged",
        changeType: "RangeEdited",
        source,
        triggerSource,
        worksheetId: sheet.id,
        address: rectA1(rect),
      };
      setTimeout(() => void h.handler(args), 0);
    }
  }

  // ---- lookups and rules used by the proxies ----

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetByKey(key: string): SheetModel | undefined {
    return this.sheets.find((s) => s.id === key) ?? this.sheetByName(key);
  }

  tableByName(name: string): TableModel | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }

  createTable(sheet: SheetModel, rect: Rect, name?: string): TableModel {
    if (rect.rows < 2)
      throw new FakeOfficeError("InvalidArgument", "a table needs a header row and at least one body row");
    if (this.tables.some((t) => t.sheet === sheet && overlaps(t.rect, rect))) {
      throw new FakeOfficeError("InvalidOperation", "a table cannot overlap another table");
    }
    // Excel makes header cells unique non-empty text.
    const seen = new Set<string>();
    for (let c = 0; c < rect.cols; c++) {
      const raw = sheet.value(rect.row, rect.col + c);
      let header = raw === undefined || raw === "" ? `Column${c + 1}` : String(raw);
      const base = header;
      for (let k = 2; seen.has(header.toLowerCase()); k++) header = `${base}${k}`;
      seen.add(header.toLowerCase());
      if (header !== raw) {
        sheet.setFormat(rect.row, rect.col + c, "@");
        sheet.enter(rect.row, rect.col + c, header);
      }
    }
    const table: TableModel = { id: String(this.tables.length + 1), name: "", sheet, rect, deleted: false };
    table.name = name ?? this.freeTableName();
    this.validateTableName(table.name, table);
    this.tables.push(table);
    return table;
  }

  private freeTableName(): string {
    for (let k = 1; ; k++) if (!this.tableByName(`Table${k}`)) return `Table${k}`;
  }

  validateTableName(name: string, self?: TableModel): void {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name)) {
      throw new FakeOfficeError("InvalidArgument", `"${name}" is not a valid table name`);
    }
    const other = this.tableByName(name);
    if ((other && other !== self) || this.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
      throw new FakeOfficeError("ItemAlreadyExists", `the name "${name}" is already used by a table or a defined name`);
    }
  }

  deleteSheet(sheet: SheetModel): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet)
      throw new FakeOfficeError("InvalidOperation", "a workbook must keep at least one visible sheet");
    sheet.deleted = true;
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    const goneTables: string[] = [];
    for (const t of this.tables.filter((t) => t.sheet === sheet)) {
      t.deleted = true;
      goneTables.push(t.name);
      this.tables.splice(this.tables.indexOf(t), 1);
    }
    // Excel: formulas and defined names that pointed at the deleted sheet (or at a table on it)
    // now hold #REF! (=Results!B2 becomes =#REF!B2), and so do their values.
    this.rewriteReferences((formula) => breakReferences(formula, sheet.name, goneTables));
    for (const h of this.handlers) if (h.sheet === sheet) h.removed = true;
    if (this.activeSheet === sheet) this.activeSheet = this.sheets.find((s) => s.visibility === "Visible") ?? null;
  }

  /**
   * Renaming a sheet: Excel rewrites every formula and defined name that refers to it
   * (=Results!B2 becomes ='Results old'!B2), so references follow the sheet, not the name.
   */
  renameSheet(sheet: SheetModel, name: string): void {
    const before = sheet.name;
    sheet.name = name;
    if (before !== name) this.rewriteReferences((formula) => renameReferences(formula, before, name));
  }

  /** Applies a formula rewrite to every cell formula and defined name (workbook- and sheet-scoped). */
  private rewriteReferences(rewrite: (formula: string) => string): void {
    for (const s of this.sheets) {
      for (const store of s.rows.values()) {
        store.formulas.forEach((f, c) => {
          if (f === undefined) return;
          const next = rewrite(f);
          if (next === f) return;
          store.formulas[c] = next;
          if (next.includes("#REF!")) store.values[c] = "#REF!";
        });
      }
      for (const n of s.names) n.formula = rewrite(n.formula);
    }
    for (const n of this.names) n.formula = rewrite(n.formula);
  }

  /** A deterministic picture of everything the user can see, for before/after comparisons. */
  snapshot(options: { ids?: boolean; omitSettings?: string[] } = {}): unknown {
    const ref = (r: RangeRefModel | null) =>
      r ? (r.sheet.deleted ? `#REF!` : fullAddress(r.sheet.name, r.rect)) : null;
    return {
      sheets: this.sheets.map((s) => ({
        ...(options.ids ? { id: s.id } : {}),
        name: s.name,
        visibility: s.visibility,
        cells: [...s.rows.entries()]
          .sort((a, b) => a[0] - b[0])
          .flatMap(([r, store]) => {
            const out: unknown[] = [];
            const n = Math.max(store.values.length, store.formats.length, store.formulas.length);
            for (let c = 0; c < n; c++) {
              if (store.values[c] === undefined && store.formats[c] === undefined && store.formulas[c] === undefined)
                continue;
              out.push([
                rectA1({ row: r, col: c, rows: 1, cols: 1 }),
                store.values[c] ?? null,
                store.formats[c] ?? null,
                store.formulas[c] ?? null,
              ]);
            }
            return out;
          }),
        freeze: s.freeze,
        columnWidths: [...s.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
        fills: [...s.fills.entries()].sort(),
        bold: [...s.bold].sort(),
        wrap: [...s.wrap].sort(),
        hiddenColumns: [...s.hiddenColumns].sort((a, b) => a - b),
        rowHeights: [...s.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
        pageLayout: s.pageLayout,
        customProperties: [...s.customProperties.entries()].sort(),
        names: s.names.map((n) => n.name),
        conditionalFormats: s.conditionalFormats.map((cf) => ({
          type: cf.type,
          range: rectA1(cf.rect),
          criteria: cf.criteria,
        })),
        charts: s.charts.map((c) => ({
          name: c.name,
          type: c.type,
          title: c.title,
          legend: c.legendVisible,
          plotVisibleOnly: c.plotVisibleOnly,
          axes: c.axes,
          position: c.position,
          series: c.series.map((x) => ({
            name: x.name,
            values: ref(x.values),
            xValues: ref(x.xValues),
            chartType: x.chartType ?? null,
            lineStyle: x.lineStyle ?? null,
            fill: x.fill ?? null,
            yErrorBars: x.yErrorBars,
            pointLabels: [...(x.pointLabels ?? new Map()).entries()],
          })),
        })),
      })),
      tables: this.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, range: rectA1(t.rect) })),
      names: this.names.map((n) => ({ ...n })),
      settings: [...this.settings.entries()]
        .filter(([k]) => !(options.omitSettings ?? []).includes(k))
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    };
  }
}

/** Sheet references in a formula (Sheet1!, 'My sheet'!), outside "string literals". */
const SHEET_REF = /"(?:[^"]|"")*"|'((?:[^']|'')+)'!|([A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!/g;

function refName(quoted: string | undefined, bare: string | undefined): string | undefined {
  return quoted !== undefined ? quoted.replace(/''/g, "'") : bare;
}

function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function renameReferences(formula: string, from: string, to: string): string {
  return formula.replace(SHEET_REF, (match, quoted?: string, bare?: string) => {
    const name = refName(quoted, bare);
    return name !== undefined && name.toLowerCase() === from.toLowerCase() ? `${quoteName(to)}!` : match;
  });
}

export function breakReferences(formula: string, sheet: string, tables: readonly string[]): string {
  let out = formula.replace(SHEET_REF, (match, quoted?: string, bare?: string) => {
    const name = refName(quoted, bare);
    return name !== undefined && name.toLowerCase() === sheet.toLowerCase() ? "#REF!" : match;
  });
  for (const table of tables) {
    // Structured references (IndexStudioResults[Index]) to a table that went with the sheet.
    out = out.replace(
      new RegExp(`(^|[^\\w.])${table.replace(/[.\\]/g, "\\$&")}\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]`, "gi"),
      "$1#REF!",
    );
  }
  return out;
}

export function validateSheetName(name: string): void {
  if (
    typeof name !== "string" ||
    name.trim() === "" ||
    name.length > 31 ||
    /[:\\/?*[\]]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    /^history$/i.test(name)
  ) {
    throw new FakeOfficeError("InvalidArgument", `"${String(name)}" is not a valid sheet name`);
  }
}

export function checkRect(rect: Rect): void {
  if (
    rect.row < 0 ||
    rect.col < 0 ||
    rect.rows < 1 ||
    rect.cols < 1 ||
    rect.row + rect.rows > MAX_ROWS ||
    rect.col + rect.cols > MAX_COLS
  ) {
    throw new FakeOfficeError("InvalidArgument", `range ${JSON.stringify(rect)} is outside the sheet`);
  }
}
