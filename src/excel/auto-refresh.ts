/**
 * Optional auto-refresh: recompute a moment after the user changes the Data, Framework or
 * Settings sheet. Co-authors' edits (source "Remote") and the add-in's own writes are ignored (triggerSource where ExcelApi 1.14 tells
 * it, and a short quiet period after our own writes everywhere else), and runs never overlap.
 * Watching the stored choice, the toggle is remembered in that choice, and the add-in is set to
 * load when the workbook opens, so that the task pane's start turns it back on (restoreAutoRefresh).
 */
import { queueSaveChoice, queueStoredChoice } from "./choice";
import type { StoredChoice, TableSource } from "./contract";
import { AddinError } from "./errors";
import { apiSupported, excelApi, runInExcel, setLoadOnOpen } from "./office";

interface Watch {
  handlers: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[];
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  again: boolean;
  /** The last user edit seen before the refresh fires (sheet name, A1 address), for the pane's report. */
  lastEdit: { sheet: string; address: string } | null;
}

let watch: Watch | null = null;
let ownWritesUntil = 0;
const QUIET_MS = 1_500;

/** Called before the add-in writes, so that the change events of its own writes are ignored. */
export function markOwnWrite(): void {
  ownWritesUntil = Date.now() + QUIET_MS;
}

export interface AutoRefreshOptions {
  /** Debounce delay in ms (default 1500). */
  delayMs?: number;
  /** Sheets to watch; default: those of the stored choice. */
  sources?: TableSource[];
}

/** `onRun` receives the last edit that started the refresh (sheet name and address), or null. */
export async function enableAutoRefresh(
  on: boolean,
  onRun: (edit: { sheet: string; address: string } | null) => void | Promise<void>,
  options: AutoRefreshOptions = {},
): Promise<void> {
  await stopWatching();
  if (!on) {
    if (!options.sources) await forgetAutoRefresh();
    return;
  }
  const delay = options.delayMs ?? 1_500;
  const hasTriggerSource = apiSupported("1.14");
  const state: Watch = { handlers: [], timer: null, running: false, again: false, lastEdit: null };
  const fire = async () => {
    state.timer = null;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    const edit = state.lastEdit;
    state.lastEdit = null;
    try {
      await onRun(edit);
    } finally {
      state.running = false;
      if (state.again) {
        state.again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => void fire(), delay);
  };
  const handler = async (args: Excel.WorksheetChangedEventArgs, sheetName: string) => {
    if (args.triggerSource === "ThisLocalAddin") return;
    // A co-author's edit reaches every open copy: only the copy where it was typed recomputes, so
    // that several copies do not rewrite the same output sheets at once (Excel.EventSource.remote).
    if (args.source === "Remote") return;
    // Without triggerSource (before ExcelApi 1.14), our own writes are recognised by time.
    if (!hasTriggerSource && Date.now() < ownWritesUntil) return;
    if (sheetName && args.address) state.lastEdit = { sheet: sheetName, address: args.address };
    schedule();
  };
  const { value: remembered } = await runInExcel(async (session) => {
    let sources = options.sources;
    let stored: StoredChoice | null = null;
    if (!sources) {
      const read = queueStoredChoice(session);
      await session.sync();
      stored = read().choice;
      if (!stored) throw new AddinError("Choose the Data and Framework first; auto-refresh watches them.");
      sources = [stored.data, stored.framework, ...(stored.settings ? [stored.settings] : [])];
    }
    const sheets = sources.map((source) => {
      if (source.kind === "table") return session.workbook.tables.getItem(source.table).worksheet;
      return session.workbook.worksheets.getItem(source.sheet);
    });
    // Each sheet's name is loaded with this sync; the handlers only run after it, so they can name the edited sheet.
    const names = sheets.map(() => "");
    sheets.forEach((sheet, k) => {
      sheet.load("name");
      state.handlers.push(sheet.onChanged.add((args) => handler(args, names[k]!)));
    });
    // Saved only when it changes: turning it back on at opening must not mark the workbook edited.
    const remember = stored !== null && stored.autoRefresh !== true;
    if (remember) queueSaveChoice(session, { ...stored!, autoRefresh: true });
    await session.sync();
    sheets.forEach((sheet, k) => (names[k] = sheet.name));
    return remember;
  });
  watch = state;
  if (remembered) await setLoadOnOpen(true);
}

/** Whether the stored choice says auto-refresh was on when the workbook was last used. */
export async function storedAutoRefresh(): Promise<boolean> {
  const { value } = await runInExcel(async (session) => {
    const read = queueStoredChoice(session);
    await session.sync();
    return read().choice?.autoRefresh === true;
  });
  return value;
}

async function forgetAutoRefresh(): Promise<void> {
  const { value: wasOn } = await runInExcel(async (session) => {
    const read = queueStoredChoice(session);
    await session.sync();
    const { choice } = read();
    if (!choice?.autoRefresh) return false;
    queueSaveChoice(session, { ...choice, autoRefresh: false });
    await session.sync();
    return true;
  });
  if (wasOn) await setLoadOnOpen(false);
}

async function stopWatching(): Promise<void> {
  const current = watch;
  watch = null;
  if (!current) return;
  if (current.timer) clearTimeout(current.timer);
  for (const result of current.handlers) {
    await excelApi().run(result.context, async (context) => {
      result.remove();
      await context.sync();
    });
  }
}

export function autoRefreshEnabled(): boolean {
  return watch !== null;
}
