/** Workbook, worksheets, settings, names, custom properties and events of the Excel fake. */
import { fullAddress, parseAddress, type Rect } from "./address";
import { FakeClientObject, FakeCollection, type FakeRequestContext } from "./context";
import {
  checkRect,
  FakeOfficeError,
  SheetModel,
  validateSheetName,
  type EventHandlerModel,
  type NamedItemModel,
  type WorkbookModel,
} from "./model";
import { FakeRange, rangeFromAddress } from "./range";
import { FakeChartCollection, FakeTableCollection } from "./tables-charts";

export class FakeWorkbook extends FakeClientObject<WorkbookModel> {
  protected readonly describe = "workbook";
  protected readonly scalarProps = ["name"] as const;
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly settings: FakeSettingCollection;
  readonly application: FakeApplication;

  constructor(context: FakeRequestContext) {
    super(context, () => context.model);
    this.worksheets = new FakeWorksheetCollection(context, () => context.model);
    this.tables = new FakeTableCollection(
      context,
      () => ({ sheet: null }),
      (resolver) => new FakeWorksheet(context, resolver),
    );
    this.names = new FakeNamedItemCollection(context, () => context.model.names);
    this.settings = new FakeSettingCollection(context, () => context.model);
    this.application = new FakeApplication(context);
  }

  getSelectedRange(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const m = this.context.model;
        if (m.selection && !m.selection.sheet.deleted) return m.selection;
        if (!m.activeSheet) throw new FakeOfficeError("ItemNotFound", "no active sheet");
        return { sheet: m.activeSheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
      },
      "selection",
    );
  }

  protected readProp(): unknown {
    return "Book1.xlsx";
  }
}

export class FakeApplication extends FakeClientObject<WorkbookModel> {
  protected readonly describe = "application";
  protected readonly scalarProps = ["calculationMode"] as const;

  constructor(context: FakeRequestContext) {
    super(context, () => context.model);
  }

  suspendApiCalculationUntilNextSync(): void {
    this.context.calculationSuspended = true;
  }

  protected readProp(): unknown {
    return "Automatic";
  }
}

export class FakeWorksheetCollection extends FakeCollection<WorkbookModel, FakeWorksheet> {
  protected readonly describe = "worksheets";

  protected listItems(model: WorkbookModel): unknown[] {
    return model.sheets;
  }

  protected itemProxy(item: unknown): FakeWorksheet {
    return new FakeWorksheet(this.context, () => item as SheetModel);
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => find(this.context.model, key));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => find(this.context.model, key), true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      // office-js #2444: with a chart sheet active, getActiveWorksheet() fails the batch.
      if (this.context.model.chartSheetActive)
        throw new FakeOfficeError("GeneralException", "The active sheet is a chart sheet, not a worksheet.");
      const active = this.context.model.activeSheet;
      if (!active) throw new FakeOfficeError("ItemNotFound", "no active sheet");
      return active;
    });
  }

  /** Adds a sheet at the end, as Excel does. */
  add(name?: string): FakeWorksheet {
    let created: SheetModel | null = null;
    this.call("add", name ?? null, (model) => {
      let chosen = name;
      if (chosen === undefined)
        for (let k = model.sheets.length + 1; ; k++)
          if (!model.sheetByName(`Sheet${k}`)) {
            chosen = `Sheet${k}`;
            break;
          }
      validateSheetName(chosen!);
      if (model.sheetByName(chosen!))
        throw new FakeOfficeError(
          "ItemAlreadyExists",
          `A resource with the same name or identifier already exists (sheet "${chosen}").`,
        );
      created = new SheetModel(model.newId(), chosen!);
      model.sheets.push(created);
    });
    return new FakeWorksheet(this.context, () => created);
  }
}

function find(model: WorkbookModel, key: string): SheetModel {
  const sheet = model.sheetByKey(key);
  if (!sheet) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist (sheet "${key}").`);
  return sheet;
}

export class FakeWorksheet extends FakeClientObject<SheetModel> {
  protected readonly describe = "worksheet";
  protected readonly scalarProps = ["id", "name", "position", "visibility"] as const;
  private tablesProxy: FakeTableCollection | null = null;
  private chartsProxy: FakeChartCollection | null = null;
  private propsProxy: FakeCustomPropertyCollection | null = null;
  private namesProxy: FakeNamedItemCollection | null = null;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;
  readonly onChanged: { add(handler: (args: unknown) => unknown): { remove(): void; context: FakeRequestContext } };

  constructor(context: FakeRequestContext, resolver: () => SheetModel | null, nullable = false) {
    super(context, resolver, nullable);
    this.freezePanes = new FakeFreezePanes(context, () => this.resolve());
    this.pageLayout = new FakePageLayout(context, () => this.resolve());
    this.onChanged = {
      add: (handler) => {
        const holder: { model: EventHandlerModel | null } = { model: null };
        this.call("onChanged.add", null, (sheet) => {
          holder.model = { sheet, handler, removed: false };
          context.model.handlers.push(holder.model);
        });
        return {
          context,
          remove: () => {
            context.enqueue("EventHandler.remove", null, () => {
              if (holder.model) holder.model.removed = true;
            });
          },
        };
      },
    };
  }

  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  set name(name: string) {
    this.set("name", name, (sheet, v) => {
      validateSheetName(v);
      const other = this.context.model.sheetByName(v);
      if (other && other !== sheet)
        throw new FakeOfficeError(
          "ItemAlreadyExists",
          `A resource with the same name or identifier already exists (sheet "${v}").`,
        );
      this.context.model.renameSheet(sheet, v);
    });
  }
  get position(): number {
    return this.get("position");
  }
  set position(position: number) {
    this.set("position", position, (sheet, v) => {
      const sheets = this.context.model.sheets;
      if (!Number.isInteger(v) || v < 0 || v >= sheets.length)
        throw new FakeOfficeError("InvalidArgument", `position ${v} is out of range`);
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(v, 0, sheet);
    });
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(visibility: "Visible" | "Hidden" | "VeryHidden") {
    this.set("visibility", visibility, (sheet, v) => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(v))
        throw new FakeOfficeError("InvalidArgument", `visibility ${v}`);
      if (
        v !== "Visible" &&
        sheet.visibility === "Visible" &&
        this.context.model.sheets.filter((s) => s.visibility === "Visible").length === 1
      ) {
        throw new FakeOfficeError("InvalidOperation", "a workbook must keep at least one visible sheet");
      }
      sheet.visibility = v;
    });
  }

  protected readProp(name: string, sheet: SheetModel): unknown {
    switch (name) {
      case "id":
        return sheet.id;
      case "name":
        return sheet.name;
      case "position":
        return this.context.model.sheets.indexOf(sheet);
      default:
        return sheet.visibility;
    }
  }

  get tables(): FakeTableCollection {
    this.tablesProxy ??= new FakeTableCollection(
      this.context,
      () => ({ sheet: this.resolve() }),
      (resolver) => new FakeWorksheet(this.context, resolver),
    );
    return this.tablesProxy;
  }

  get charts(): FakeChartCollection {
    this.chartsProxy ??= new FakeChartCollection(this.context, () => this.resolve());
    return this.chartsProxy;
  }

  get customProperties(): FakeCustomPropertyCollection {
    this.propsProxy ??= new FakeCustomPropertyCollection(this.context, () => this.resolve());
    return this.propsProxy;
  }

  get names(): FakeNamedItemCollection {
    this.namesProxy ??= new FakeNamedItemCollection(this.context, () => this.resolve().names);
    return this.namesProxy;
  }

  delete(): void {
    this.call("delete", null, (sheet) => this.context.model.deleteSheet(sheet));
  }

  activate(): void {
    this.call("activate", null, (sheet) => {
      if (sheet.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "a hidden sheet cannot be activated");
      this.context.model.activeSheet = sheet;
    });
  }

  getRange(address?: string): FakeRange {
    if (address === undefined) {
      return new FakeRange(
        this.context,
        () => ({ sheet: this.resolve(), rect: { row: 0, col: 0, rows: 1_048_576, cols: 16_384 } }),
        "whole sheet",
      );
    }
    return rangeFromAddress(this.context, () => this.resolve(), address);
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const rect = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
        checkRect(rect);
        return { sheet: this.resolve(), rect };
      },
      `indexes(${startRow},${startColumn},${rowCount},${columnCount})`,
    );
  }

  /** The used range; an empty sheet gives A1 (Excel does not throw). */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolve();
        return { sheet, rect: sheet.usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
      },
      "used range",
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolve();
        const rect = sheet.usedRect(valuesOnly);
        return rect ? { sheet, rect } : null;
      },
      "used range",
      true,
    );
  }
}

/**
 * worksheet.pageLayout, ExcelApi 1.9 (https://learn.microsoft.com/javascript/api/excel/excel.pagelayout):
 * orientation is Portrait or Landscape (https://learn.microsoft.com/javascript/api/excel/excel.pageorientation);
 * zoom scale is 10 to 400, fit-to-pages counts are whole numbers
 * (https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions); setPrintTitleRows takes
 * whole rows ("$1:$1").
 */
export class FakePageLayout extends FakeClientObject<SheetModel> {
  protected readonly describe = "page layout";
  protected readonly scalarProps = ["orientation", "zoom"] as const;

  get orientation(): string {
    return this.get("orientation");
  }
  set orientation(v: string) {
    this.set("orientation", v, (s, x) => {
      this.needs19();
      if (x !== "Portrait" && x !== "Landscape") throw new FakeOfficeError("InvalidArgument", `page orientation ${x}`);
      s.pageLayout.orientation = x;
    });
  }

  get zoom(): SheetModel["pageLayout"]["zoom"] {
    return this.get("zoom");
  }
  set zoom(v: SheetModel["pageLayout"]["zoom"]) {
    this.set("zoom", v, (s, x) => {
      this.needs19();
      const { scale, horizontalFitToPages: wide, verticalFitToPages: tall } = x ?? {};
      if (scale !== undefined && !(scale >= 10 && scale <= 400))
        throw new FakeOfficeError("InvalidArgument", `print scale ${scale}`);
      for (const n of [wide, tall])
        if (n !== undefined && !(Number.isInteger(n) && n >= 0))
          throw new FakeOfficeError("InvalidArgument", `fit to ${n} pages`);
      s.pageLayout.zoom = { ...x };
    });
  }

  setPrintTitleRows(rows: string): void {
    this.call("setPrintTitleRows", rows, (s) => {
      this.needs19();
      if (!/^\$?\d+:\$?\d+$/.test(rows))
        throw new FakeOfficeError("InvalidArgument", `print title rows must be whole rows, not ${rows}`);
      s.pageLayout.printTitleRows = rows;
    });
  }

  private needs19(): void {
    if (this.context.model.excelApiMinor < 9)
      throw new FakeOfficeError("ApiNotFound", "Worksheet.pageLayout needs ExcelApi 1.9");
  }

  protected readProp(name: string, s: SheetModel): unknown {
    return name === "orientation" ? s.pageLayout.orientation : s.pageLayout.zoom;
  }
}

export class FakeFreezePanes extends FakeClientObject<SheetModel> {
  protected readonly describe = "freeze panes";
  protected readonly scalarProps = [] as const;

  /**
   * Freeze panes act on a sheet's window, which a hidden sheet does not have: office-js #1463
   * ("unfreeze() throws an exception when trying to unfreeze panes on hidden sheets"); the fake
   * applies the same to every freeze-panes call on a hidden or very hidden sheet.
   */
  protected override call(method: string, payload: unknown, run: (model: SheetModel) => void): void {
    super.call(method, payload, (sheet) => {
      if (sheet.visibility !== "Visible")
        throw new FakeOfficeError(
          "InvalidOperation",
          `freezePanes.${method} on the hidden sheet "${sheet.name}" (office-js #1463)`,
        );
      run(sheet);
    });
  }

  freezeRows(count = 1): void {
    this.call("freezeRows", count, (s) => {
      s.freeze = { rows: count, cols: 0 };
    });
  }

  freezeColumns(count = 1): void {
    this.call("freezeColumns", count, (s) => {
      s.freeze = { rows: 0, cols: count };
    });
  }

  freezeAt(frozen: string | FakeRange): void {
    this.call("freezeAt", typeof frozen === "string" ? frozen : null, (s) => {
      let rect: Rect;
      if (typeof frozen === "string") rect = parseAddress(frozen).rect;
      else {
        const m = frozen.modelRange();
        if (m.sheet !== s) throw new FakeOfficeError("InvalidArgument", "the frozen range must be on the same sheet");
        rect = m.rect;
      }
      if (rect.row !== 0 || rect.col !== 0)
        throw new FakeOfficeError("InvalidArgument", "the frozen range must start at A1");
      s.freeze = { rows: rect.rows, cols: rect.cols };
    });
  }

  unfreeze(): void {
    this.call("unfreeze", null, (s) => {
      s.freeze = { rows: 0, cols: 0 };
    });
  }

  protected readProp(): unknown {
    return undefined;
  }
}

interface KeyedModel {
  map: Map<string, unknown>;
  key: string;
}

abstract class FakeKeyedCollection<P extends FakeClientObject<unknown>> extends FakeCollection<
  Map<string, unknown>,
  P
> {
  protected listItems(map: Map<string, unknown>): unknown[] {
    return [...map.keys()].map((key) => ({ map, key }));
  }
  protected abstract make(resolver: () => KeyedModel | null, nullable?: boolean): P;
  protected itemProxy(item: unknown): P {
    return this.make(() => item as KeyedModel);
  }
  protected lookup(key: string): KeyedModel {
    const map = this.resolve();
    const found = [...map.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
    if (found === undefined) throw new FakeOfficeError("ItemNotFound", `no item "${key}"`);
    return { map, key: found };
  }
  getItem(key: string): P {
    return this.make(() => this.lookup(key));
  }
  getItemOrNullObject(key: string): P {
    return this.make(() => this.lookup(key), true);
  }
  protected addEntry(key: string, value: unknown, check: (v: unknown) => unknown): P {
    this.call("add", [key, value], (map) => {
      const existing = [...map.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
      if (existing !== undefined) map.delete(existing);
      map.set(key, check(value));
    });
    return this.make(() => this.lookup(key));
  }
}

class FakeKeyedItem extends FakeClientObject<KeyedModel> {
  protected readonly describe = "setting";
  protected readonly scalarProps = ["key", "value"] as const;
  get key(): string {
    return this.get("key");
  }
  get value(): unknown {
    return this.get("value");
  }
  set value(v: unknown) {
    this.set("value", v, (m, x) => {
      m.map.set(m.key, x);
    });
  }
  delete(): void {
    this.call("delete", null, (m) => {
      m.map.delete(m.key);
    });
  }
  protected readProp(name: string, m: KeyedModel): unknown {
    if (!m.map.has(m.key)) throw new FakeOfficeError("ItemNotFound", `no item "${m.key}"`);
    return name === "key" ? m.key : structuredClone(m.map.get(m.key));
  }
}

/** workbook.settings (ExcelApi 1.4): values are JSON; the fake stores a deep copy. */
export class FakeSettingCollection extends FakeKeyedCollection<FakeKeyedItem> {
  protected readonly describe = "settings";
  constructor(context: FakeRequestContext, model: () => WorkbookModel) {
    super(context, () => model().settings);
  }
  protected make(resolver: () => KeyedModel | null, nullable = false): FakeKeyedItem {
    return new FakeKeyedItem(this.context, resolver, nullable);
  }
  add(key: string, value: unknown): FakeKeyedItem {
    return this.addEntry(key, value, (v) => JSON.parse(JSON.stringify(v)));
  }
}

/** worksheet.customProperties (ExcelApi 1.12): string values up to 255 characters. */
export class FakeCustomPropertyCollection extends FakeKeyedCollection<FakeKeyedItem> {
  protected readonly describe = "custom properties";
  constructor(context: FakeRequestContext, sheet: () => SheetModel) {
    super(context, () => sheet().customProperties as Map<string, unknown>);
  }
  protected make(resolver: () => KeyedModel | null, nullable = false): FakeKeyedItem {
    return new FakeKeyedItem(this.context, resolver, nullable);
  }
  add(key: string, value: string): FakeKeyedItem {
    if (this.context.model.excelApiMinor < 12)
      throw new FakeOfficeError("ApiNotFound", "customProperties needs ExcelApi 1.12");
    return this.addEntry(key, value, (v) => {
      if (typeof v !== "string" || v.length > 255 || key.length > 255)
        throw new FakeOfficeError("InvalidArgument", "custom property values are text up to 255 characters");
      return v;
    });
  }
}

/** workbook.names, or worksheet.names (sheet-scoped: they go with the sheet when it is copied or deleted). */
export class FakeNamedItemCollection extends FakeCollection<NamedItemModel[], FakeNamedItem> {
  protected readonly describe = "names";
  protected listItems(list: NamedItemModel[]): unknown[] {
    return list;
  }
  protected itemProxy(item: unknown): FakeNamedItem {
    return new FakeNamedItem(this.context, () => item as NamedItemModel);
  }
  add(name: string, reference: string | FakeRange): FakeNamedItem {
    this.call("add", [name, typeof reference === "string" ? reference : null], (list) => {
      if (list === this.context.model.names) this.context.model.validateTableName(name);
      else if (list.some((n) => n.name.toLowerCase() === name.toLowerCase()))
        throw new FakeOfficeError("ItemAlreadyExists", `the name "${name}" exists on this sheet`);
      const formula =
        typeof reference === "string"
          ? reference
          : `=${fullAddress(reference.modelRange().sheet.name, reference.modelRange().rect)}`;
      list.push({ name, formula });
    });
    return this.getItem(name);
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.lookup(name));
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.lookup(name), true);
  }
  private lookup(name: string): NamedItemModel {
    const item = this.resolve().find((n) => n.name.toLowerCase() === name.toLowerCase());
    if (!item) throw new FakeOfficeError("ItemNotFound", `no name "${name}"`);
    return item;
  }
}

export class FakeNamedItem extends FakeClientObject<NamedItemModel> {
  protected readonly describe = "named item";
  protected readonly scalarProps = ["name", "formula", "type"] as const;
  get name(): string {
    return this.get("name");
  }
  get formula(): string {
    return this.get("formula");
  }
  protected readProp(name: string, m: NamedItemModel): unknown {
    return name === "name" ? m.name : name === "formula" ? m.formula : "Range";
  }
}
