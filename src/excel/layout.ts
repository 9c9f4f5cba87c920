/**
 * Before any write: what the workbook holds (sheets, tables, names, which sheets are ours) and
 * where each planned sheet goes (final name that never takes a user's name, a staging name, table
 * names that collide with nothing of the user's, final sheet order), and whether an output that
 * exists can be updated in place: same layout signature (sheetShape) as when it was written, its
 * table and charts still there. In place keeps the sheet itself, so the analyst's formulas, names
 * and charts that point at it keep working; replacing it (rename, then delete) turns them into #REF!.
 */
import type { ReportPlan, SheetKey, SheetPlan } from "../core/report";
import { parseA1, render } from "../core/engine";
import { AddinError } from "./errors";
import { apiSupported, type Session } from "./office";
import { OWNED_SETTING, OWNER_PROPERTY, ownerName, parseRegistry, type OwnedRegistry } from "./ownership";
import { planExtents, sheetLimitTexts } from "../core/report";
import { cleanSheetName, uniqueSheetName, uniqueTableName } from "../core/report";
import { sheetShape } from "./shape";

export interface SheetState {
  id: string;
  name: string;
  position: number;
  visibility: string;
}

export interface WorkbookState {
  sheets: SheetState[];
  tables: { name: string; sheetId: string }[];
  names: string[];
  registry: OwnedRegistry;
  /** Owned sheets by report key (normally one each). */
  owned: Map<string, SheetState[]>;
  warnings: string[];
  canMark: boolean;
  /** The worksheet the user is on (null when unknown, e.g. a chart sheet is active). */
  activeId: string | null;
  /** Chart names on each owned sheet (to update charts in place). */
  charts: Map<string, string[]>;
  /** Hidden staging sheets of an interrupted run: marked as ours, never registered. */
  leftovers: SheetState[];
}

/** Staging names: new sheets are written as IS~n, old ones step aside as IS~oldn during the swap. */
export const STAGING_SHEET = /^IS~(old)?\d+$/;

export async function readWorkbookState(session: Session): Promise<WorkbookState> {
  const wb = session.workbook;
  const sheets = wb.worksheets.load("items/id, items/name, items/position, items/visibility");
  const tables = wb.tables.load("items/name, items/worksheet/id");
  const names = wb.names.load("items/name");
  const setting = wb.settings.getItemOrNullObject(OWNED_SETTING);
  setting.load("value");
  await session.sync();
  const state: WorkbookState = {
    sheets: sheets.items.map((s) => ({ id: s.id, name: s.name, position: s.position, visibility: s.visibility })),
    tables: tables.items.map((t) => ({ name: t.name, sheetId: t.worksheet.id })),
    names: names.items.map((n) => n.name),
    registry: { version: 1, sheets: [] },
    owned: new Map(),
    warnings: [],
    canMark: apiSupported("1.12"),
    activeId: null,
    charts: new Map(),
    leftovers: [],
  };
  const { registry, problem } = parseRegistry(setting.isNullObject ? null : setting.value);
  state.registry = registry;
  if (problem) state.warnings.push(problem);
  const present = registry.sheets.filter((entry) => state.sheets.some((s) => s.id === entry.id));
  const registered = new Set(registry.sheets.map((e) => e.id));
  const suspects = state.sheets.filter(
    (s) => s.visibility !== "Visible" && STAGING_SHEET.test(s.name) && !registered.has(s.id),
  );
  if (present.length > 0 || suspects.length > 0) {
    const probes = present.map((entry) => {
      const sheet = wb.worksheets.getItem(entry.id);
      const charts = sheet.charts.load("items/name");
      if (state.canMark)
        return { prop: sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY).load("value"), name: null, charts };
      return { prop: null, name: sheet.names.getItemOrNullObject(ownerName(entry.key)).load("name"), charts };
    });
    // A staging sheet carries the mark from its first request on; the registry never lists it.
    const leftoverProbes = suspects.map((s) => {
      const sheet = wb.worksheets.getItem(s.id);
      if (state.canMark)
        return { prop: sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY).load("value"), names: null };
      return { prop: null, names: sheet.names.load("items/name") };
    });
    await session.sync();
    present.forEach((entry, k) => {
      const p = probes[k]!;
      const mark = p.prop
        ? p.prop.isNullObject
          ? null
          : String(p.prop.value)
        : p.name!.isNullObject
          ? null
          : entry.key;
      if (mark !== entry.key) return;
      const sheet = state.sheets.find((s) => s.id === entry.id)!;
      const list = state.owned.get(entry.key) ?? [];
      list.push(sheet);
      state.owned.set(entry.key, list);
      state.charts.set(
        entry.id,
        p.charts.items.map((c) => c.name),
      );
    });
    suspects.forEach((s, k) => {
      const p = leftoverProbes[k]!;
      const marked = p.prop ? !p.prop.isNullObject : p.names!.items.some((n) => n.name.startsWith(ownerName("")));
      if (marked) state.leftovers.push(s);
    });
  }
  return state;
}

export interface SheetLayout {
  plan: SheetPlan;
  shape: string;
  finalName: string;
  /** The staging sheet's name ("" for an update in place, which writes no staging sheet). */
  stagingName: string;
  /** The table to create (null for an update in place, which keeps its table). */
  table: { finalName: string; stagingName: string } | null;
  /** Owned sheets this one replaces (renamed aside, then deleted). */
  replaces: SheetState[];
  /** The owned sheet written over in place, when its layout allows. */
  inPlace: SheetState | null;
}

export interface Layout {
  sheets: SheetLayout[];
  /** Old sheets get these names during the swap (by id). */
  oldTempNames: Map<string, string>;
  /** Final order of every sheet: an id (kept sheet) or a report key (new sheet). */
  order: ({ id: string } | { key: SheetKey })[];
  warnings: string[];
}

const lower = (s: string) => s.toLowerCase();

/** The owned sheet this plan can be written over, or why it cannot (null when there is none). */
function inPlaceTarget(
  state: WorkbookState,
  plan: SheetPlan,
  shape: string,
): { target: SheetState | null; why: string | null } {
  const old = state.owned.get(plan.key) ?? [];
  if (old.length === 0) return { target: null, why: null };
  if (old.length > 1) return { target: null, why: "there were two copies of it" };
  const sheet = old[0]!;
  const entry = state.registry.sheets.find((e) => e.id === sheet.id);
  if (entry?.shape === undefined) return { target: null, why: "it was written by an earlier version" };
  if (entry.shape !== shape) return { target: null, why: "its layout changed (rows, columns, tables or charts)" };
  const hasTable = state.tables.some((t) => t.sheetId === sheet.id);
  const charts = state.charts.get(sheet.id) ?? [];
  if (hasTable !== Boolean(plan.table) || plan.charts.some((c) => !charts.includes(c.id)))
    return { target: null, why: "its table or a chart was removed" };
  return { target: sheet, why: null };
}

export function planLayout(state: WorkbookState, plan: ReportPlan): Layout {
  validatePlan(plan);
  const warnings: string[] = [];
  const shapes = plan.sheets.map(sheetShape);
  const targets = plan.sheets.map((sheet, k) => inPlaceTarget(state, sheet, shapes[k]!));
  const replacedIds = new Set<string>();
  const inPlaceIds = new Set<string>();
  plan.sheets.forEach((sheet, k) => {
    const { target, why } = targets[k]!;
    if (target) inPlaceIds.add(target.id);
    else for (const old of state.owned.get(sheet.key) ?? []) replacedIds.add(old.id);
    if (why) {
      const names = (state.owned.get(sheet.key) ?? []).map((s) => `"${s.name}"`).join(", ");
      warnings.push(
        `${names} was replaced, not updated in place, because ${why}: formulas, names and charts of yours that pointed at it now show #REF!.`,
      );
    }
  });
  const allNames = new Set(state.sheets.map((s) => lower(s.name)));
  const takenSheetNames = new Set(
    state.sheets.filter((s) => !replacedIds.has(s.id) && !inPlaceIds.has(s.id)).map((s) => lower(s.name)),
  );
  const allTableNames = new Set([...state.tables.map((t) => lower(t.name)), ...state.names.map(lower)]);
  const takenTableNames = new Set([
    ...state.tables.filter((t) => !replacedIds.has(t.sheetId)).map((t) => lower(t.name)),
    ...state.names.map(lower),
  ]);
  let staging = 0;
  const nextStaging = (taken: Set<string>, prefix: string) => {
    for (;;) {
      staging += 1;
      const name = `${prefix}${staging}`;
      if (!taken.has(lower(name))) return name;
    }
  };
  const sheets = plan.sheets.map((sheetPlan, k): SheetLayout => {
    const wanted = cleanSheetName(sheetPlan.name);
    const finalName = uniqueSheetName(wanted, takenSheetNames);
    if (finalName !== wanted)
      warnings.push(`Your sheet "${wanted}" was left as it is; the output went to "${finalName}".`);
    const inPlace = targets[k]!.target;
    if (inPlace)
      return { plan: sheetPlan, shape: shapes[k]!, finalName, stagingName: "", table: null, replaces: [], inPlace };
    const stagingName = nextStaging(allNames, "IS~");
    allNames.add(lower(stagingName));
    let table: SheetLayout["table"] = null;
    if (sheetPlan.table) {
      const tableFinal = uniqueTableName(sheetPlan.table.name, takenTableNames);
      const tableStaging = nextStaging(allTableNames, "IndexStudioStaging");
      allTableNames.add(lower(tableStaging));
      table = { finalName: tableFinal, stagingName: tableStaging };
    }
    return {
      plan: sheetPlan,
      shape: shapes[k]!,
      finalName,
      stagingName,
      table,
      replaces: state.owned.get(sheetPlan.key) ?? [],
      inPlace: null,
    };
  });
  const oldTempNames = new Map<string, string>();
  for (const id of replacedIds) {
    const name = nextStaging(allNames, "IS~old");
    allNames.add(lower(name));
    oldTempNames.set(id, name);
  }
  // A new sheet takes the place of the first sheet it replaces; brand-new ones go to the end.
  const order: Layout["order"] = [];
  const placed = new Set<SheetKey>();
  const leftovers = new Set(state.leftovers.map((s) => s.id));
  for (const sheet of [...state.sheets].sort((a, b) => a.position - b.position)) {
    if (leftovers.has(sheet.id)) continue; // deleted in the swap
    if (!replacedIds.has(sheet.id)) {
      order.push({ id: sheet.id });
      continue;
    }
    const layout = sheets.find((l) => l.replaces.some((r) => r.id === sheet.id))!;
    if (!placed.has(layout.plan.key)) {
      order.push({ key: layout.plan.key });
      placed.add(layout.plan.key);
    }
  }
  for (const l of sheets) if (!l.inPlace && !placed.has(l.plan.key)) order.push({ key: l.plan.key });
  return { sheets, oldTempNames, order, warnings };
}

/** Everything a write could trip on is checked before the first write. */
export function validatePlan(plan: ReportPlan): void {
  const tooLarge = sheetLimitTexts(planExtents(plan));
  if (tooLarge.length > 0) throw AddinError.inEveryLanguage((language) => tooLarge.map((t) => render(language, t)));
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const sheet of plan.sheets) {
    if (keys.has(sheet.key)) problems.push(`two planned sheets share the key ${sheet.key}`);
    keys.add(sheet.key);
  }
  for (const sheet of plan.sheets) {
    const where = `sheet ${sheet.key}`;
    const width = sheet.cells.reduce((m, r) => Math.max(m, r.length), 0);
    for (const f of sheet.formats) if (!parseA1(f.range)) problems.push(`${where}: bad format range ${f.range}`);
    for (const r of [...sheet.colorScales, ...sheet.highlights])
      if (!parseA1(r)) problems.push(`${where}: bad range ${r}`);
    if (sheet.table) {
      const { rows, cols, name } = sheet.table;
      if (rows < 2 || rows > sheet.cells.length || cols < 1 || cols > width)
        problems.push(
          `${where}: table ${name} (${rows}×${cols}) does not fit its ${sheet.cells.length}×${width} cells`,
        );
      if (!/^[A-Za-z_][A-Za-z0-9_.]{0,200}$/.test(name)) problems.push(`${where}: "${name}" is not a valid table name`);
    }
    for (const chart of sheet.charts) {
      if (chart.series.length === 0) problems.push(`${where}: chart ${chart.id} has no series`);
      for (const s of chart.series) {
        for (const ref of [
          s.values,
          s.categories,
          s.errorMinus,
          s.errorPlus,
          s.low,
          typeof s.name === "string" ? undefined : s.name,
        ]) {
          if (!ref) continue;
          if (!keys.has(ref.sheet))
            problems.push(`${where}: chart ${chart.id} refers to sheet ${ref.sheet}, which is not in the report`);
          const rect = parseA1(ref.range);
          if (!rect) problems.push(`${where}: chart ${chart.id} has a bad range ${ref.range}`);
          else if (ref !== s.name && rect.rows !== 1 && rect.cols !== 1)
            problems.push(`${where}: chart ${chart.id} range ${ref.range} must be one row or one column`);
        }
      }
    }
  }
  if (problems.length > 0) throw new AddinError(problems.map((p) => `Report plan: ${p}.`));
}
