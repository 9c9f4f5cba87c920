/**
 * The method panel's side of the workbook (issue 15): reads the Settings rows in force (key | value)
 * with the Framework's nodes, and writes back only the cells of changed keys. Cells that hold no key
 * the add-in reads are never written; a failed save puts back every cell it had changed.
 */
import { cellAddress } from "../core/engine";
import { parseFramework } from "../core/engine";
import { coerceSetting } from "../core/engine";
import type { Cell } from "../core/engine";
import { quoteSheetName } from "../core/engine";
import { TEXT_FORMAT } from "./cells";
import type {
  MethodSettings,
  SettingsChange,
  SettingsEntry,
  SettingValue,
  StoredChoice,
  TableSource,
} from "./contract";
import { AddinError, errorText } from "./errors";
import { runInExcel, type Session } from "./office";
import { readSources, type ReadTable } from "./read";

/** Sheet name of a Settings sheet the panel creates when the workbook has none. */
export const NEW_SETTINGS_SHEET = "Settings";

interface Located extends SettingsEntry {
  /** Absolute 0-based row and column of the key cell (the value is one column right). */
  row: number;
  col: number;
}

/** A header row such as "Key | Value" is not an option (same rule as settingsToSpecInput). */
const HEADER = /^(key|setting|option)s?$/i;

/** The key | value rows of a read Settings table, with each value's cell address. */
export function settingsEntries(read: ReadTable): Located[] {
  const out: Located[] = [];
  read.table.forEach((cells, r) => {
    const raw = cells[0];
    const key = typeof raw === "string" ? raw.trim() : "";
    if (key === "" || (r === 0 && HEADER.test(key))) return;
    const value = coerceSetting(cells[1] ?? "") as SettingValue | undefined;
    const row = read.origin.row + r;
    const col = read.origin.col;
    out.push({
      key,
      value: value ?? "",
      row,
      col,
      address: `${quoteSheetName(read.origin.sheet)}!${cellAddress(row, col + 1)}`,
    });
  });
  return out;
}

export async function readMethodSettings(
  choice: Pick<StoredChoice, "settings" | "framework">,
): Promise<MethodSettings> {
  const { value } = await runInExcel(async (session) => {
    const sources = [choice.framework, ...(choice.settings ? [choice.settings] : [])];
    return readSources(session, sources);
  });
  const [framework, settings] = value as [ReadTable, ReadTable | undefined];
  const problems: string[] = [];
  let nodes: MethodSettings["nodes"] = [];
  let maxLevel = 0;
  try {
    const parsed = parseFramework(framework.table as Cell[][]).framework;
    nodes = [
      ...parsed.indicators.map((n) => ({ code: n.code, level: 1 })),
      ...parsed.aggregates.map((n) => ({ code: n.code, level: n.level })),
    ];
    maxLevel = parsed.maxLevel;
  } catch (error) {
    problems.push(`The Framework could not be read (${errorText(error)}); compute once to see where.`);
  }
  const entries = settings
    ? settingsEntries(settings).map(({ key, value: v, address }) => ({ key, value: v, address }))
    : [];
  return { source: choice.settings ?? null, entries, nodes, maxLevel, problems };
}

/** Text that Excel would turn into a formula, number or date is stored as text (cell format "@"). */
function needsTextFormat(value: SettingValue): boolean {
  return typeof value === "string" && (/^[=+\-@]/.test(value) || coerceSetting(value) !== value || /^\d/.test(value));
}

interface CellWrite {
  row: number;
  col: number;
  value: SettingValue | "";
}

/** Where each change goes: existing rows in place; new keys one per row below the Settings range. */
export function planSettingsWrites(
  entries: Located[],
  changes: SettingsChange[],
  firstFreeRow: number,
  keyCol: number,
): CellWrite[] {
  const writes: CellWrite[] = [];
  let next = firstFreeRow;
  for (const change of changes) {
    const found = entries.filter((e) => e.key === change.key);
    if (found.length > 0) {
      // A key written twice: the engine takes the last row, so that is the one to change; the others are cleared.
      found.forEach((entry, k) => {
        const last = k === found.length - 1;
        if (change.value === null || !last)
          writes.push({ row: entry.row, col: entry.col, value: "" }, { row: entry.row, col: entry.col + 1, value: "" });
        else writes.push({ row: entry.row, col: entry.col + 1, value: change.value });
      });
    } else if (change.value !== null) {
      writes.push({ row: next, col: keyCol, value: change.key }, { row: next, col: keyCol + 1, value: change.value });
      next += 1;
    }
  }
  return writes;
}

export async function saveMethodSettings(
  source: TableSource | null,
  changes: SettingsChange[],
): Promise<{ source: TableSource; entries: SettingsEntry[] }> {
  let target: TableSource = source ?? { kind: "sheet", sheet: NEW_SETTINGS_SHEET };
  const { value: saved } = await runInExcel(async (session) => {
    let sheetName = NEW_SETTINGS_SHEET;
    let entries: Located[] = [];
    let originRow = 0;
    let keyCol = 0;
    let firstFree = 1; // a new sheet: row 1 is the Key | Value header
    if (source) {
      const [read] = await readSources(session, [source]);
      entries = settingsEntries(read!);
      sheetName = read!.origin.sheet;
      originRow = read!.origin.row;
      keyCol = read!.origin.col;
      firstFree = read!.origin.row + read!.table.length;
    } else {
      const existing = session.workbook.worksheets.getItemOrNullObject(NEW_SETTINGS_SHEET);
      existing.load("name");
      await session.sync();
      if (!existing.isNullObject)
        throw new AddinError(
          `A sheet named "${NEW_SETTINGS_SHEET}" exists but is not the Settings in use; choose it in Data › Settings or rename it, then save again.`,
        );
    }
    const writes = planSettingsWrites(entries, changes, firstFree, keyCol);
    const added = writes.filter((w) => w.row >= firstFree);
    if (source?.kind === "table" && added.length > 0) {
      // Cells below an Excel table are not part of it, so the engine would not read them.
      throw new AddinError(
        `The Settings table "${source.table}" has no row for ${added
          .filter((w) => w.col === keyCol)
          .map((w) => String(w.value))
          .join(", ")}; add these rows to the table (key | value), then save again.`,
      );
    }
    if (writes.length === 0) return entries;
    const created = source ? null : session.workbook.worksheets.add(NEW_SETTINGS_SHEET);
    const sheet = created ?? session.workbook.worksheets.getItem(sheetName);
    const cells = writes.map((w) => ({ write: w, range: sheet.getRangeByIndexes(w.row, w.col, 1, 1) }));
    let before: { value: SettingValue; format: string }[] = [];
    if (!created) {
      for (const { range } of cells) range.load("values, numberFormat");
      await session.sync();
      // Rows below a picked range may hold the user's cells: new keys go there only when they are empty.
      const busy = cells.find(({ write, range }) => write.row >= firstFree && range.values[0]![0] !== "");
      if (busy) {
        throw new AddinError(
          `Settings: ${quoteSheetName(sheetName)}!${cellAddress(busy.write.row, busy.write.col)}, below the Settings range, is not empty, so the new options have no room; make room below the Settings rows, then save again.`,
        );
      }
      before = cells.map(({ range }) => ({
        value: range.values[0]![0] as SettingValue,
        format: range.numberFormat[0]![0] as string,
      }));
    }
    try {
      if (created) created.getRange("A1:B1").values = [["Key", "Value"]];
      for (const { write, range } of cells) {
        if (write.value !== "" && needsTextFormat(write.value)) range.numberFormat = [[TEXT_FORMAT]];
        range.values = [[write.value]];
      }
      await session.sync();
    } catch (error) {
      await restore(
        session,
        created,
        cells.map((c) => c.range),
        before,
      );
      throw new AddinError(`The Settings were not saved (${errorText(error)}); the workbook is as it was.`);
    }
    if (source?.kind === "range" && added.length > 0) {
      const last = added.reduce((row, w) => Math.max(row, w.row), -Infinity);
      target = {
        kind: "range",
        sheet: sheetName,
        address: `${cellAddress(originRow, keyCol)}:${cellAddress(last, keyCol + 1)}`,
      };
    }
    const [after] = await readSources(session, [target]);
    return settingsEntries(after!);
  });
  return { source: target, entries: saved.map(({ key, value, address }) => ({ key, value, address })) };
}

/** Puts the cells back (values and formats) after a failed write, or deletes the sheet the save created. */
async function restore(
  session: Session,
  created: Excel.Worksheet | null,
  ranges: Excel.Range[],
  before: { value: SettingValue; format: string }[],
): Promise<void> {
  try {
    if (created) {
      const sheet = session.workbook.worksheets.getItemOrNullObject(NEW_SETTINGS_SHEET);
      sheet.load("name");
      await session.sync();
      if (!sheet.isNullObject) sheet.delete();
      await session.sync();
      return;
    }
    ranges.forEach((range, k) => {
      range.numberFormat = [[before[k]!.format]];
      range.values = [[before[k]!.value]];
    });
    await session.sync();
  } catch {
    // Nothing more can be done from here; the error that is thrown says the save failed.
  }
}

/** Activates a sheet (the analysis findings' "Go to sheet"); a sheet deleted since is said so. */
export async function showSheet(name: string): Promise<void> {
  await runInExcel(async (session) => {
    const sheet = session.workbook.worksheets.getItemOrNullObject(name);
    sheet.load("name");
    await session.sync();
    if (sheet.isNullObject)
      throw new AddinError(`The sheet "${name}" is no longer in the workbook; run the analysis again.`);
    sheet.activate();
    await session.sync();
  });
}
