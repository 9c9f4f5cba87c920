/**
 * Optional auto-refresh: recompute a moment after the user changes the Data, Framework or
 * Settings sheet. The add-in's own writes are ignored (triggerSource where ExcelApi 1.14 tells
 * it, and a short quiet period after our own writes everywhere else), and runs never overlap.
 */
import { queueStoredChoice, type TableSource } from "./choice";
import { AddinError } from "./errors";
import { apiSupported, excelApi, runInExcel } from "./office";

interface Watch {
  handlers: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[];
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  again: boolean;
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

export async function enableAutoRefresh(on: boolean, onRun: () => void | Promise<void>, options: AutoRefreshOptions = {}): Promise<void> {
  await stopWatching();
  if (!on) return;
  const delay = options.delayMs ?? 1_500;
  const hasTriggerSource = apiSupported("1.14");
  const state: Watch = { handlers: [], timer: null, running: false, again: false };
  const fire = async () => {
    state.timer = null;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      await onRun();
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
  const handler = async (args: Excel.WorksheetChangedEventArgs) => {
    if (args.triggerSource === "ThisLocalAddin") return;
    // Without triggerSource (before ExcelApi 1.14), our own writes are recognised by time.
    if (!hasTriggerSource && Date.now() < ownWritesUntil) return;
    schedule();
  };
  await runInExcel(async (session) => {
    let sources = options.sources;
    if (!sources) {
      const read = queueStoredChoice(session);
      await session.sync();
      const { choice } = read();
      if (!choice) throw new AddinError("Choose the Data and Framework first; auto-refresh watches them.");
      sources = [choice.data, choice.framework, ...(choice.settings ? [choice.settings] : [])];
    }
    const sheets = sources.map((source) => {
      if (source.kind === "table") return session.workbook.tables.getItem(source.table).worksheet;
      return session.workbook.worksheets.getItem(source.sheet);
    });
    for (const sheet of sheets) state.handlers.push(sheet.onChanged.add(handler));
    await session.sync();
  });
  watch = state;
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
