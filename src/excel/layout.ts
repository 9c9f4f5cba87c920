/**
 * Before any write: what the workbook holds (sheets, tables, names, which sheets are ours) and
 * where each planned sheet goes (final name that never takes a user's name, a staging name, table
 * names that collide with nothing of the user's, final sheet order).
 */
import type { ReportPlan, SheetKey, SheetPlan } from "../core/report/types";
import { parseA1 } from "./a1";
import { AddinError } from "./errors";
import { apiSupported, type Session } from "./office";
import { OWNED_SETTING, OWNER_PROPERTY, ownerName, parseRegistry, type OwnedRegistry } from "./ownership";
import { planExtents, sheetLimitProblems } from "../core/report/limits";

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
  /** The sheet the user is on. */
  activeId: string | null;
}

export async function readWorkbookState(session: Session): Promise<WorkbookState> {
  const wb = session.workbook;
  const sheets = wb.worksheets.load("items/id, items/name, items/position, items/visibility");
  const tables = wb.tables.load("items/name, items/worksheet/id");
  const names = wb.names.load("items/name");
  const setting = wb.settings.getItemOrNullObject(OWNED_SETTING);
  setting.load("value");
  const active = wb.worksheets.getActiveWorksheet().load("id");
  await session.sync();
  const state: WorkbookState = {
    sheets: sheets.items.map((s) => ({ id: s.id, name: s.name, position: s.position, visibility: s.visibility })),
    tables: tables.items.map((t) => ({ name: t.name, sheetId: t.worksheet.id })),
    names: names.items.map((n) => n.name),
    registry: { version: 1, sheets: [] },
    owned: new Map(),
    warnings: [],
    canMark: apiSupported("1.12"),
    activeId: active.id,
  };
  const { registry, problem } = parseRegistry(setting.isNullObject ? null : setting.value);
  state.registry = registry;
  if (problem) state.warnings.push(problem);
  const present = registry.sheets.filter((entry) => state.sheets.some((s) => s.id === entry.id));
  let marks: (string | null)[] = [];
  if (present.length > 0) {
    const probes = present.map((entry) => {
      const sheet = wb.worksheets.getItem(entry.id);
      if (state.canMark) return { prop: sheet.customProperties.getItemOrNullObject(OWNER_PROPERTY).load("value"), name: null };
      return { prop: null, name: sheet.names.getItemOrNullObject(ownerName(entry.key)).load("name") };
    });
    await session.sync();
    marks = probes.map((p, k) => {
      if (p.prop) return p.prop.isNullObject ? null : String(p.prop.value);
      return p.name!.isNullObject ? null : present[k]!.key;
    });
  }
  present.forEach((entry, k) => {
    if (marks[k] !== entry.key) return;
    const sheet = state.sheets.find((s) => s.id === entry.id)!;
    const list = state.owned.get(entry.key) ?? [];
    list.push(sheet);
    state.owned.set(entry.key, list);
  });
  return state;
}

export interface SheetLayout {
  plan: SheetPlan;
  finalName: string;
  stagingName: string;
  table: { finalName: string; stagingName: string } | null;
  /** Owned sheets this one replaces. */
  replaces: SheetState[];
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

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], no leading or trailing apostrophe. */
export function cleanSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, "").trim().slice(0, 31);
  return cleaned === "" ? "Index Studio" : cleaned;
}

function freeName(base: string, taken: Set<string>, max: number, style: (base: string, k: number) => string): string {
  if (!taken.has(lower(base))) return base;
  for (let k = 2; ; k++) {
    let candidate = style(base, k);
    if (candidate.length > max) candidate = style(base.slice(0, base.length - (candidate.length - max)), k);
    if (!taken.has(lower(candidate))) return candidate;
  }
}

export function planLayout(state: WorkbookState, plan: ReportPlan): Layout {
  validatePlan(plan);
  const replacedIds = new Set<string>();
  for (const sheet of plan.sheets) for (const old of state.owned.get(sheet.key) ?? []) replacedIds.add(old.id);
  const allNames = new Set(state.sheets.map((s) => lower(s.name)));
  const takenSheetNames = new Set(state.sheets.filter((s) => !replacedIds.has(s.id)).map((s) => lower(s.name)));
  const allTableNames = new Set([...state.tables.map((t) => lower(t.name)), ...state.names.map(lower)]);
  const takenTableNames = new Set([
    ...state.tables.filter((t) => !replacedIds.has(t.sheetId)).map((t) => lower(t.name)),
    ...state.names.map(lower),
  ]);
  const warnings: string[] = [];
  let staging = 0;
  const nextStaging = (taken: Set<string>, prefix: string) => {
    for (;;) {
      staging += 1;
      const name = `${prefix}${staging}`;
      if (!taken.has(lower(name))) return name;
    }
  };
  const sheets = plan.sheets.map((sheetPlan): SheetLayout => {
    const wanted = cleanSheetName(sheetPlan.name);
    const finalName = freeName(wanted, takenSheetNames, 31, (b, k) => `${b} (${k})`);
    if (finalName !== wanted) warnings.push(`Your sheet "${wanted}" was left as it is; the output went to "${finalName}".`);
    takenSheetNames.add(lower(finalName));
    const stagingName = nextStaging(allNames, "IS~");
    allNames.add(lower(stagingName));
    let table: SheetLayout["table"] = null;
    if (sheetPlan.table) {
      const tableFinal = freeName(sheetPlan.table.name, takenTableNames, 255, (b, k) => `${b}_${k}`);
      takenTableNames.add(lower(tableFinal));
      const tableStaging = nextStaging(allTableNames, "IndexStudioStaging");
      allTableNames.add(lower(tableStaging));
      table = { finalName: tableFinal, stagingName: tableStaging };
    }
    return { plan: sheetPlan, finalName, stagingName, table, replaces: state.owned.get(sheetPlan.key) ?? [] };
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
  for (const sheet of [...state.sheets].sort((a, b) => a.position - b.position)) {
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
  for (const l of sheets) if (!placed.has(l.plan.key)) order.push({ key: l.plan.key });
  return { sheets, oldTempNames, order, warnings };
}

/** Everything a write could trip on is checked before the first write. */
export function validatePlan(plan: ReportPlan): void {
  const tooLarge = sheetLimitProblems(planExtents(plan));
  if (tooLarge.length > 0) throw new AddinError(tooLarge);
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
    for (const r of [...sheet.colorScales, ...sheet.highlights]) if (!parseA1(r)) problems.push(`${where}: bad range ${r}`);
    if (sheet.table) {
      const { rows, cols, name } = sheet.table;
      if (rows < 2 || rows > sheet.cells.length || cols < 1 || cols > width) problems.push(`${where}: table ${name} (${rows}×${cols}) does not fit its ${sheet.cells.length}×${width} cells`);
      if (!/^[A-Za-z_][A-Za-z0-9_.]{0,200}$/.test(name)) problems.push(`${where}: "${name}" is not a valid table name`);
    }
    for (const chart of sheet.charts) {
      if (chart.series.length === 0) problems.push(`${where}: chart ${chart.id} has no series`);
      for (const s of chart.series) {
        for (const ref of [s.values, s.categories, s.errorMinus, s.errorPlus, s.low, typeof s.name === "string" ? undefined : s.name]) {
          if (!ref) continue;
          if (!keys.has(ref.sheet)) problems.push(`${where}: chart ${chart.id} refers to sheet ${ref.sheet}, which is not in the report`);
          const rect = parseA1(ref.range);
          if (!rect) problems.push(`${where}: chart ${chart.id} has a bad range ${ref.range}`);
          else if (ref !== s.name && rect.rows !== 1 && rect.cols !== 1) problems.push(`${where}: chart ${chart.id} range ${ref.range} must be one row or one column`);
        }
      }
    }
  }
  if (problems.length > 0) throw new AddinError(problems.map((p) => `Report plan: ${p}.`));
}
