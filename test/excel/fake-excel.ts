/**
 * An in-memory fake of the subset of the Excel JavaScript API that Index Studio uses, enforcing
 * what Excel enforces:
 *  - reading a property that was not load()ed and sync()ed throws PropertyNotLoaded;
 *  - queued writes reach the workbook only at context.sync(); an operation that fails stops the
 *    batch (earlier operations stay applied, as in Excel);
 *  - getItem throws ItemNotFound at sync; getItemOrNullObject gives isNullObject after sync;
 *  - A1 addresses (Sheet1!A1:C3, 'My sheet'!B2, A:C), getRange, getRangeByIndexes,
 *    getUsedRange(valuesOnly), values / numberFormat / formulas with shape checks, text typed into
 *    a cell is read as Excel reads it (=..., @..., +1, 12% become formulas or numbers unless the
 *    cell's number format is "@");
 *  - worksheets (add, delete, name, position, visibility, id, freezePanes, customProperties,
 *    onChanged), tables (unique names shared with defined names, unique headers), charts (type,
 *    series ranges, title, axes, setPosition), colour-scale conditional formats, named items,
 *    workbook settings, application.suspendApiCalculationUntilNextSync;
 *  - every sync is recorded (request and response bytes as JSON, against Excel on the web's 5 MB
 *    limit, which it enforces), and a chosen operation can be made to fail (failOperation);
 *  - Excel's rules from issue 10 (README.md in fake-excel/ lists each with its source): no axis
 *    titles on radar charts, no freeze panes on hidden sheets (office-js #1463), cell-edit mode and
 *    delayForCellEdit, remote (co-author) change events, getActiveWorksheet failing with a chart
 *    sheet active (office-js #2444), references that follow a renamed sheet and become #REF! when
 *    it is deleted, and how Excel calls custom functions (fake-excel/custom-functions.ts).
 *
 * Node tests:    const wb = new WorkbookModel(); installFakeOffice(globalThis, wb);
 * Browser tests: bundle this file (e.g. esbuild, format iife, globalName "FakeExcel") after office.js
 *                and call FakeExcel.installFakeOffice(window, new FakeExcel.WorkbookModel()); it
 *                replaces window.Excel and patches Office.context (requirements, displayLanguage;
 *                it survives office.js's later redefinition), Office.onReady and Office.addin's
 *                setStartupBehavior. Inspect the workbook with wb.snapshot() or wb.sheets.
 */
import { FakeRequestContext } from "./fake-excel/context";
import { WorkbookModel } from "./fake-excel/model";
import { FakeWorkbook } from "./fake-excel/workbook";

export { WorkbookModel, SheetModel, FakeOfficeError, FORMULA_RESULT, coerceEntered } from "./fake-excel/model";
export type { RequestRecord, ChartModel, TableModel } from "./fake-excel/model";
export { parseAddress, rectA1, fullAddress, colLetters } from "./fake-excel/address";
export { FakeRequestContext } from "./fake-excel/context";
export {
  invokeLikeExcel,
  ErrorInput,
  type SheetCell,
  type SheetArg,
  type FunctionsMetadata,
  type Invocation,
} from "./fake-excel/custom-functions";

export function createContext(model: WorkbookModel): FakeRequestContext {
  const context = new FakeRequestContext(model);
  const workbook = new FakeWorkbook(context);
  context.workbook = workbook;
  context.application = workbook.application;
  return context;
}

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

/** Excel.run: a fresh context per batch (or the given one), with the final sync Office.js does. */
export function makeExcel(model: WorkbookModel) {
  async function run<T>(
    first: Batch<T> | { context?: FakeRequestContext; delayForCellEdit?: boolean } | FakeRequestContext,
    second?: Batch<T>,
  ): Promise<T> {
    const batch = (typeof first === "function" ? first : second)!;
    let context: FakeRequestContext;
    if (typeof first === "function") context = createContext(model);
    else if (first instanceof FakeRequestContext) context = first;
    else {
      context = first.context ?? createContext(model);
      context.delayForCellEdit = first.delayForCellEdit === true;
    }
    const result = await batch(context);
    await context.sync();
    return result;
  }
  return {
    run,
    RequestContext: function RequestContext() {
      return createContext(model);
    },
    ChartType: {
      barClustered: "BarClustered",
      barStacked: "BarStacked",
      radar: "Radar",
      xyscatter: "XYScatter",
      line: "Line",
    },
    ConditionalFormatType: { colorScale: "ColorScale" },
    ConditionalFormatColorCriterionType: {
      lowestValue: "LowestValue",
      highestValue: "HighestValue",
      percentile: "Percentile",
      number: "Number",
    },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    EventSource: { local: "Local", remote: "Remote" },
  };
}

/** The Office.context pieces the add-in reads. */
export function makeOfficeContext(model: WorkbookModel) {
  return {
    displayLanguage: model.displayLanguage,
    requirements: {
      isSetSupported(name: string, version?: string | number): boolean {
        if (name === "ExcelApi") {
          const [major, minor] = String(version ?? "1.1")
            .split(".")
            .map(Number);
          return major === 1 && (minor ?? 0) <= model.excelApiMinor;
        }
        return name === "SharedRuntime" || name === "CustomFunctionsRuntime" || name === "RibbonApi";
      },
    },
  };
}

/** Installs the fake as globalObject.Excel and patches (or creates) globalObject.Office. */
export function installFakeOffice(
  globalObject: Record<string, unknown>,
  model: WorkbookModel = new WorkbookModel(),
): WorkbookModel {
  globalObject.Excel = makeExcel(model);
  const existing = (globalObject.Office ?? {}) as Record<string, unknown>;
  const officeContext = makeOfficeContext(model);
  const context = (existing.context ?? {}) as Record<string, unknown>;
  const fakeContext = () => ({ ...context, ...officeContext, displayLanguage: model.displayLanguage });
  try {
    Object.defineProperty(existing, "context", { configurable: true, enumerable: true, get: fakeContext });
  } catch {
    // office.js may own a non-configurable `context`: patch the pieces the add-in reads instead.
    Object.assign(existing.context as Record<string, unknown>, officeContext);
  }
  // office.js's host script (o15apptofilemappingtable.js, loaded later and asynchronously) defines
  // Office.context again, as a getter over OSF._OfficeAppFactory.getContext(), which office.js itself
  // defines before this runs: answering that too keeps the fake's context whatever loads when.
  const factory = (globalObject.OSF as { _OfficeAppFactory?: { getContext?: unknown } } | undefined)?._OfficeAppFactory;
  if (factory) factory.getContext = fakeContext;
  existing.onReady = (callback?: (info: { host: string; platform: string }) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    callback?.(info);
    return Promise.resolve(info);
  };
  existing.HostType ??= { Excel: "Excel" };
  existing.StartupBehavior ??= { load: "Load", none: "None" };
  const addin = (existing.addin ?? {}) as Record<string, unknown>;
  addin.setStartupBehavior = async (behavior: "Load" | "None") => void (model.startupBehavior = behavior);
  existing.addin = addin;
  globalObject.Office = existing;
  return model;
}
