/**
 * Updating an output sheet in place: the sheet, its table and its charts stay, so what the analyst
 * built on them (formulas such as =Results!D2, defined names, their own charts) keeps working.
 * Before anything is written over, the old cells, column widths and chart texts are read back; a failed run
 * writes them back (restoreBackups), so it still leaves the workbook as it was.
 */
import type { SheetKey, SheetPlan } from "../core/report";
import type { WriteBatch } from "./batch";
import { SheetGrid } from "./cells";
import { queueColumns } from "./sheet-format";
import { chartTexts } from "./charts";
import type { Layout, SheetLayout } from "./layout";
import type { Session } from "./office";

interface CellChunk {
  start: number;
  rows: number;
  cols: number;
  values: unknown[][];
  formats: unknown[][];
}

export interface Backup {
  sheetId: string;
  chunks: CellChunk[];
  /** Column widths in points, for the plan's columns (each was set when the sheet was written). */
  widths: number[];
  charts: { id: string; title: string; series: string[] }[];
}

type InPlace = SheetLayout & { inPlace: NonNullable<SheetLayout["inPlace"]> };

function inPlaceSheets(layout: Layout): InPlace[] {
  return layout.sheets.filter((l): l is InPlace => l.inPlace !== null);
}

/** Reads the cells (values and number formats) and chart texts that the update will write over. */
export async function readBackups(session: Session, layout: Layout, budget: number): Promise<Backup[]> {
  const targets = inPlaceSheets(layout);
  if (targets.length === 0) return [];
  // Old cells have the same shape as the new ones; half the budget leaves room for longer old texts.
  const share = Math.max(10_000, Math.floor(budget / 2) - 20_000);
  const pending: { backup: Backup; chunk: CellChunk; range: Excel.Range }[] = [];
  const chartReads: { backup: Backup; id: string; chart: Excel.Chart; series: Excel.ChartSeriesCollection }[] = [];
  const widthReads: { backup: Backup; formats: Excel.RangeFormat[] }[] = [];
  const backups: Backup[] = [];
  let bytes = 0;
  const flush = async () => {
    await session.sync();
    for (const p of pending) {
      p.chunk.values = p.range.values;
      p.chunk.formats = p.range.numberFormat;
    }
    pending.length = 0;
    bytes = 0;
  };
  for (const l of targets) {
    const backup: Backup = { sheetId: l.inPlace.id, chunks: [], widths: [], charts: [] };
    backups.push(backup);
    const sheet = session.workbook.worksheets.getItem(l.inPlace.id);
    widthReads.push({
      backup,
      formats: l.plan.columns.map((_, c) => sheet.getRangeByIndexes(0, c, 1, 1).format.load("columnWidth")),
    });
    for (const chart of l.plan.charts) {
      const proxy = sheet.charts.getItem(chart.id);
      proxy.title.load("text");
      chartReads.push({ backup, id: chart.id, chart: proxy, series: proxy.series.load("items/name") });
    }
    const grid = new SheetGrid(l.plan.cells, l.plan.formats);
    if (grid.cols === 0) continue;
    for (const c of grid.chunks(share)) {
      if (bytes > 0 && bytes + c.bytes > share) await flush();
      const chunk: CellChunk = { start: c.start, rows: c.end - c.start, cols: grid.cols, values: [], formats: [] };
      backup.chunks.push(chunk);
      const range = sheet.getRangeByIndexes(chunk.start, 0, chunk.rows, chunk.cols).load("values, numberFormat");
      pending.push({ backup, chunk, range });
      bytes += c.bytes;
    }
  }
  await flush();
  for (const r of widthReads) r.backup.widths = r.formats.map((f) => f.columnWidth);
  for (const r of chartReads)
    r.backup.charts.push({ id: r.id, title: r.chart.title.text, series: r.series.items.map((s) => s.name) });
  return backups;
}

/** Queues the new cells and chart texts over the old ones (in requests under the batch's budget). */
export async function queueInPlace(
  session: Session,
  layout: Layout,
  backups: Backup[],
  batch: WriteBatch,
): Promise<void> {
  const plans = new Map<SheetKey, SheetPlan>(layout.sheets.map((l) => [l.plan.key, l.plan]));
  for (const l of inPlaceSheets(layout)) {
    const sheet = session.workbook.worksheets.getItem(l.inPlace.id);
    await batch.queueGrid(sheet, new SheetGrid(l.plan.cells, l.plan.formats));
    const old = backups.find((b) => b.sheetId === l.inPlace.id);
    await queueColumns(sheet, l.plan, batch, old?.widths);
    for (const chart of l.plan.charts) {
      const before = old?.charts.find((c) => c.id === chart.id);
      const texts = chartTexts(chart, (key) => plans.get(key)!);
      await batch.reserve(200 * (1 + texts.series.length));
      const proxy = sheet.charts.getItem(chart.id);
      if (before?.title !== texts.title) proxy.title.text = texts.title;
      texts.series.forEach((name, i) => {
        if (name !== null && before?.series[i] !== name && i < (before?.series.length ?? 0))
          proxy.series.getItemAt(i).name = name;
      });
    }
  }
}

/** Writes the backups back (in a fresh request context after a failure). */
export async function restoreBackups(session: Session, backups: Backup[], budget: number): Promise<void> {
  let bytes = 0;
  for (const backup of backups) {
    const sheet = session.workbook.worksheets.getItem(backup.sheetId);
    for (const chunk of backup.chunks) {
      const size = JSON.stringify(chunk.values).length + JSON.stringify(chunk.formats).length;
      if (bytes > 0 && bytes + size > budget) {
        await session.sync();
        bytes = 0;
      }
      const range = sheet.getRangeByIndexes(chunk.start, 0, chunk.rows, chunk.cols);
      range.numberFormat = chunk.formats;
      range.values = chunk.values;
      bytes += size;
    }
    backup.widths.forEach(
      (points, col) => (sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth = points),
    );
    for (const chart of backup.charts) {
      const proxy = sheet.charts.getItem(chart.id);
      proxy.title.text = chart.title;
      chart.series.forEach((name, i) => (proxy.series.getItemAt(i).name = name));
    }
  }
  await session.sync();
}
