/**
 * Writes a ReportPlan into the workbook without ever touching what is not ours, and so that a
 * failure leaves the workbook as it was:
 *   1. read the workbook (sheets, tables, names, our registry) and plan names: one or two syncs;
 *   2. write every planned sheet that is new or must be replaced as a new hidden sheet with a
 *      staging name (values in chunks under the request limit, then table, formats, colour scales,
 *      charts; panes are frozen after unhiding, since Excel cannot freeze a hidden sheet);
 *   3. for outputs updated in place (same layout as written last time, see layout.ts), read their
 *      cells back as a backup, then write the new values over them: the sheet, its table and its
 *      charts stay, so the analyst's formulas, names and charts that point at them keep working;
 *   4. swap in one request: replaced sheets step aside, new ones take the final names and
 *      positions, replaced ones (and staging sheets left by an interrupted run) are deleted, the
 *      registry of owned sheet ids is saved last.
 * A failure in 2-4 deletes the new sheets, writes the backups back and gives the old sheets their
 * names back; a failure after replaced sheets were already deleted finishes the swap instead.
 */
import type { ReportPlan, SheetKey } from "../core/report";
import { WriteBatch } from "./batch";
import { filled, SheetGrid } from "./cells";
import { queueSheetFormat } from "./sheet-format";
import { CHART_BYTES, queueChart } from "./charts";
import { AddinError, errorText } from "./errors";
import { planLayout, readWorkbookState, type Layout, type SheetLayout, type WorkbookState } from "./layout";
import { queueInPlace, readBackups, restoreBackups, type Backup } from "./in-place";
import { apiSupported, runBatch, Session } from "./office";
import { OWNER_PROPERTY, ownerName, queueSaveRegistry, type OwnedRegistry } from "./ownership";

export interface WriteOptions {
  /** Estimated bytes per request (default 4 MB: under Excel on the web's 5 MB limit with room for overhead). */
  maxRequestBytes?: number;
  /** Fraction of the write done, 0..1. */
  onProgress?: (fraction: number) => void;
  /**
   * Which sheet to show afterwards. "auto" (default): the first output on a first run, the
   * replacement of the output the user was on, and otherwise leave the user where they are;
   * true: always the first written sheet; false or "none": leave the user where they are.
   */
  activate?: boolean | "auto" | "none";
}

export interface WriteOutcome {
  sheets: { key: SheetKey; name: string }[];
  warnings: string[];
  maxRequestBytes: number;
  /** Syncs made by recovery in its own request context (0 when all went well). */
  recoverySyncs: number;
}

interface Staged {
  layout: SheetLayout;
  sheet: Excel.Worksheet;
  table: Excel.Table | null;
}

export async function writeReport(
  session: Session,
  plan: ReportPlan,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const budget = options.maxRequestBytes ?? 4_000_000;
  const state = await readWorkbookState(session);
  const layout = planLayout(state, plan);
  const activate = options.activate ?? "auto";
  if (activate === "auto" && layout.sheets.some((l) => l.replaces.length > 0))
    state.activeId = await activeSheetId(session);
  const batch = new WriteBatch(session, budget);
  const staged: Staged[] = [];
  const backups: Backup[] = [];
  try {
    await stage(session, layout, batch, staged, options.onProgress);
    await batch.flush();
    for (const backup of await readBackups(session, layout, budget)) backups.push(backup);
    await queueInPlace(session, layout, backups, batch);
    await batch.flush();
    if (apiSupported("1.6")) session.context.application.suspendApiCalculationUntilNextSync();
    queueSwap(session, state, layout, staged, activate);
    await session.sync();
  } catch (error) {
    return recover(state, layout, staged, backups, budget, error);
  }
  options.onProgress?.(1);
  return {
    sheets: layout.sheets.map((l) => ({ key: l.plan.key, name: l.finalName })),
    warnings: [...state.warnings, ...layout.warnings, ...leftoverWarning(state)],
    maxRequestBytes: batch.maxRequestBytes,
    recoverySyncs: 0,
  };
}

/** The worksheet the user is on, or null: with a chart sheet active, getActiveWorksheet fails (office-js #2444). */
async function activeSheetId(session: Session): Promise<string | null> {
  try {
    const active = session.workbook.worksheets.getActiveWorksheet().load("id");
    await session.sync();
    return active.id;
  } catch {
    return null;
  }
}

function leftoverWarning(state: WorkbookState): string[] {
  if (state.leftovers.length === 0) return [];
  return [
    `Removed ${state.leftovers.length} hidden sheet(s) left by an interrupted run: ${state.leftovers.map((s) => `"${s.name}"`).join(", ")}.`,
  ];
}

async function stage(
  session: Session,
  layout: Layout,
  batch: WriteBatch,
  staged: Staged[],
  onProgress?: (f: number) => void,
): Promise<void> {
  const fresh = layout.sheets.filter((l) => !l.inPlace);
  const grids = fresh.map((l) => new SheetGrid(l.plan.cells, l.plan.formats));
  const totalRows = grids.reduce((n, g) => n + g.rows, 0) || 1;
  let doneRows = 0;
  for (const [index, l] of fresh.entries()) {
    const grid = grids[index]!;
    await batch.reserve(300);
    const sheet = session.workbook.worksheets.add(l.stagingName);
    sheet.visibility = "Hidden";
    if (apiSupported("1.12")) sheet.customProperties.add(OWNER_PROPERTY, l.plan.key);
    else sheet.names.add(ownerName(l.plan.key), sheet.getRange("A1"));
    sheet.load("id");
    const entry: Staged = { layout: l, sheet, table: null };
    staged.push(entry);
    await batch.queueGrid(sheet, grid, (rows) => {
      doneRows += rows;
      onProgress?.(0.9 * (doneRows / totalRows));
    });
    for (const { rect, format } of grid.formatsOutside()) {
      await batch.reserve(rect.rows * rect.cols * (format.length + 3));
      sheet.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols).numberFormat = filled(
        rect.rows,
        rect.cols,
        format,
      );
    }
    if (l.table && l.plan.table) {
      await batch.reserve(200);
      const table = sheet.tables.add(sheet.getRangeByIndexes(0, 0, l.plan.table.rows, l.plan.table.cols), true);
      table.name = l.table.stagingName;
      entry.table = table;
    }
    await queueSheetFormat(sheet, l.plan, batch);
  }
  const byKey = new Map(staged.map((s) => [s.layout.plan.key, s] as const));
  const targets = {
    sheet: (key: SheetKey) => byKey.get(key)!.sheet,
    plan: (key: SheetKey) => byKey.get(key)!.layout.plan,
  };
  for (const s of staged) {
    for (const chart of s.layout.plan.charts) {
      await batch.reserve(CHART_BYTES * chart.series.length);
      queueChart(s.sheet, chart, targets);
    }
  }
}

/** Frozen panes need a visible sheet (office-js #1463), so they are set after unhiding. */
function queueFreeze(sheet: Excel.Worksheet, plan: SheetLayout["plan"]): void {
  const { rows, cols } = plan.freeze;
  if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, cols));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (cols > 0) sheet.freezePanes.freezeColumns(cols);
}

/** Staged sheets take their final names, become visible and get their panes. */
function queueReveal(staged: Staged[]): void {
  for (const s of staged) {
    s.sheet.name = s.layout.finalName;
    s.sheet.visibility = "Visible";
    queueFreeze(s.sheet, s.layout.plan);
  }
}

/** Sheets updated in place take their final names (a language change renames them; references follow). */
function queueInPlaceNames(session: Session, layout: Layout): void {
  for (const l of layout.sheets)
    if (l.inPlace && l.inPlace.name !== l.finalName)
      session.workbook.worksheets.getItem(l.inPlace.id).name = l.finalName;
}

/** The swap, in one request. Old sheets are addressed by id, new ones by their proxies. */
type Activate = NonNullable<WriteOptions["activate"]>;

function queueSwap(session: Session, state: WorkbookState, layout: Layout, staged: Staged[], activate: Activate): void {
  const sheets = session.workbook.worksheets;
  for (const [id, temp] of layout.oldTempNames) sheets.getItem(id).name = temp;
  queueInPlaceNames(session, layout);
  queueReveal(staged);
  for (const id of layout.oldTempNames.keys()) sheets.getItem(id).delete();
  for (const leftover of state.leftovers) sheets.getItem(leftover.id).delete();
  queueFinish(
    session,
    state,
    layout,
    staged.map((s) => ({ layout: s.layout, sheet: s.sheet, table: s.table })),
    activate,
  );
}

/** Table names, positions and the registry: the part of the swap after old sheets are gone. */
function queueFinish(
  session: Session,
  state: WorkbookState,
  layout: Layout,
  staged: Staged[],
  activate: Activate,
): void {
  for (const s of staged) if (s.table && s.layout.table) s.table.name = s.layout.table.finalName;
  layout.order.forEach((slot, position) => {
    if ("key" in slot) {
      const s = staged.find((x) => x.layout.plan.key === slot.key);
      if (s) s.sheet.position = position;
    }
  });
  if (activate === true) staged[0]?.sheet.activate();
  else if (activate === "auto") {
    const firstRun = state.owned.size === 0;
    const onReplaced = staged.find((s) => s.layout.replaces.some((old) => old.id === state.activeId));
    const show = onReplaced ?? (firstRun ? staged[0] : undefined);
    show?.sheet.activate();
  }
  const replaced = new Set(layout.oldTempNames.keys());
  const registry: OwnedRegistry = {
    version: 1,
    sheets: [
      ...state.registry.sheets.filter((e) => !replaced.has(e.id) && state.sheets.some((s) => s.id === e.id)),
      ...staged.map((s) => ({ id: s.sheet.id, key: s.layout.plan.key, shape: s.layout.shape })),
    ],
  };
  queueSaveRegistry(session, registry);
}

/**
 * In a fresh request context (the failed one may hold queued operations): undo when every old
 * sheet still exists, otherwise finish the swap. Throws the AddinError for the original failure.
 */
async function recover(
  state: WorkbookState,
  layout: Layout,
  staged: Staged[],
  backups: Backup[],
  budget: number,
  error: unknown,
): Promise<WriteOutcome> {
  const cause = error instanceof AddinError ? error.messages : [`Writing the results failed: ${errorText(error)}`];
  let syncs = 0;
  let finished: WriteOutcome | null = null;
  try {
    await runBatch(async (context) => {
      const session = new Session(context);
      const sheets = context.workbook.worksheets;
      const ids = staged.map((s) => knownId(s.sheet));
      const fresh = staged.map((s, k) => {
        const proxy = sheets.getItemOrNullObject(ids[k] ?? s.layout.stagingName);
        proxy.load("name");
        return proxy;
      });
      const old = [...layout.oldTempNames.keys()].map((id) => {
        const proxy = sheets.getItemOrNullObject(id);
        proxy.load("name");
        return { id, proxy };
      });
      const leftovers = state.leftovers.map((o) => sheets.getItemOrNullObject(o.id).load("name"));
      await session.sync();
      if (old.every((o) => !o.proxy.isNullObject)) {
        for (const proxy of fresh) if (!proxy.isNullObject) proxy.delete();
        for (const o of old) {
          const original = state.sheets.find((s) => s.id === o.id)!;
          if (o.proxy.name !== original.name) o.proxy.name = original.name;
        }
        for (const l of layout.sheets)
          if (l.inPlace && l.inPlace.name !== l.finalName) sheets.getItem(l.inPlace.id).name = l.inPlace.name;
        await session.sync();
        await restoreBackups(session, backups, budget);
      } else {
        for (const o of old) if (!o.proxy.isNullObject) o.proxy.delete();
        const restaged = staged.map((s, k) => ({
          layout: s.layout,
          sheet: fresh[k]!,
          table: s.layout.table ? context.workbook.tables.getItemOrNullObject(s.layout.table.stagingName) : null,
        }));
        for (const proxy of leftovers) if (!proxy.isNullObject) proxy.delete();
        queueInPlaceNames(session, layout);
        queueReveal(restaged);
        for (const s of restaged) s.sheet.load("id");
        await session.sync();
        queueFinish(
          session,
          state,
          layout,
          restaged.map((s) => ({ ...s, table: s.table && !s.table.isNullObject ? s.table : null })),
          "auto",
        );
        await session.sync();
        finished = {
          sheets: layout.sheets.map((l) => ({ key: l.plan.key, name: l.finalName })),
          warnings: [
            ...state.warnings,
            ...layout.warnings,
            ...leftoverWarning(state),
            `A step of the refresh failed after the old output was removed, so it was completed: ${cause.join(" ")}`,
          ],
          maxRequestBytes: 0,
          recoverySyncs: 0,
        };
      }
      syncs = session.syncs;
    });
  } catch (recoveryError) {
    const leftovers = layout.sheets
      .filter((l) => !l.inPlace)
      .map((l) => `"${l.stagingName}"`)
      .join(", ");
    throw new AddinError([
      ...cause,
      `Undoing the partial write also failed (${errorText(recoveryError)}). Delete the sheets ${leftovers} if they are present; your own sheets were not changed.`,
    ]);
  }
  if (finished) return { ...(finished as WriteOutcome), recoverySyncs: syncs + 1 };
  throw new AddinError([...cause, "Nothing in the workbook was changed."]);
}

function knownId(sheet: Excel.Worksheet): string | null {
  try {
    return sheet.id;
  } catch {
    return null;
  }
}
