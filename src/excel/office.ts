/**
 * Access to the Office globals, looked up at call time (not at import) so that the task pane can
 * load before Office is ready and tests can install the Excel fake after importing this module.
 */
import { AddinError } from "./errors";

/** Minimum Excel API this adapter needs (charts' series.add/setValues, freezeAt, onChanged). */
export const REQUIRED_EXCEL_API = "1.7";

function globals(): { Excel?: typeof Excel; Office?: typeof Office } {
  return globalThis as unknown as { Excel?: typeof Excel; Office?: typeof Office };
}

export function excelApi(): typeof Excel {
  const excel = globals().Excel;
  if (!excel || typeof excel.run !== "function") {
    throw new AddinError("Excel is not available: open Index Studio from the Home tab inside Excel.");
  }
  return excel;
}

/** ExcelApi requirement set check; false when Office is not loaded. */
export function apiSupported(version: string): boolean {
  try {
    return globals().Office?.context?.requirements?.isSetSupported("ExcelApi", version) ?? false;
  } catch {
    return false;
  }
}

/**
 * Shared runtime (SharedRuntime 1.1): load the add-in, without showing it, whenever this workbook
 * opens, so that its start-up code runs. Best effort: where Office cannot, the task pane does the
 * same when the user opens it.
 */
export async function setLoadOnOpen(on: boolean): Promise<void> {
  const office = globals().Office;
  if (typeof office?.addin?.setStartupBehavior !== "function" || !office.StartupBehavior) return;
  try {
    await office.addin.setStartupBehavior(on ? office.StartupBehavior.load : office.StartupBehavior.none);
  } catch {
    // Older Office without SharedRuntime 1.1: nothing more to do.
  }
}

export function displayLanguage(): string {
  try {
    return globals().Office?.context?.displayLanguage ?? "en-US";
  } catch {
    return "en-US";
  }
}

/** A request context that counts its syncs (the count is reported to the user and in the bench). */
export class Session {
  readonly context: Excel.RequestContext;
  syncs = 0;
  constructor(context: Excel.RequestContext) {
    this.context = context;
  }
  async sync(): Promise<void> {
    this.syncs += 1;
    await this.context.sync();
  }
  get workbook(): Excel.Workbook {
    return this.context.workbook;
  }
}

/**
 * Excel.run for every batch of the add-in. Where ExcelApi 1.11 is available the batch waits while
 * the analyst is typing in a cell (delayForCellEdit) instead of failing with
 * InvalidOperationInCellEditMode, e.g. when auto-refresh fires mid-edit
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
 */
export function runBatch<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const excel = excelApi();
  return apiSupported("1.11") ? excel.run({ delayForCellEdit: true }, batch) : excel.run(batch);
}

let lastRun: Promise<unknown> = Promise.resolve();

/**
 * Excel.run with a counted session (every batch here ends with its own sync, so Excel.run's final
 * one is empty). Runs one at a time: a ribbon Refresh during an auto-refresh waits its turn
 * instead of interleaving its writes with the other's.
 */
export function runInExcel<T>(batch: (session: Session) => Promise<T>): Promise<{ value: T; syncs: number }> {
  const run = lastRun.then(
    () => runNow(batch),
    () => runNow(batch),
  );
  lastRun = run.catch(() => undefined);
  return run;
}

async function runNow<T>(batch: (session: Session) => Promise<T>): Promise<{ value: T; syncs: number }> {
  if (!apiSupported(REQUIRED_EXCEL_API)) {
    throw new AddinError(
      `Index Studio needs Excel API ${REQUIRED_EXCEL_API} or later (Excel 2019, Microsoft 365 or Excel on the web).`,
    );
  }
  let session: Session | null = null;
  const value = await runBatch(async (context) => {
    session = new Session(context);
    return batch(session);
  });
  return { value, syncs: (session as Session | null)?.syncs ?? 0 };
}
