/**
 * Reads tables (Data, Framework, Settings) from the workbook: first where each one is (one sync),
 * then its values in row blocks that keep every response under Excel on the web's 5 MB limit.
 */
import type { TableOrigin, Cell, Table } from "../core/engine";
import { utf8Length } from "./cells";
import { describeSource } from "./choice";
import type { TableSource } from "./contract";
import { AddinError, officeErrorCode } from "./errors";
import type { Language } from "../core/engine";
import { msg, render, type Message } from "../core/engine";
import type { Session } from "./office";

export interface ReadTable {
  table: Table;
  origin: TableOrigin;
}

export interface ReadOptions {
  /** Response budget per sync in bytes (default 4 MB, under the 5 MB limit). */
  maxResponseBytes?: number;
  /** The language of the messages (a sheet not found…); English by default. */
  language?: Language;
}

/** Bytes per cell assumed before the first block is seen (a 17-digit number plus JSON punctuation). */
const FIRST_BYTES_PER_CELL = 24;
const MAX_SHEET_ROWS = 1_048_576;

interface Located {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  empty: boolean;
}

/** Reads several sources with a fixed number of syncs plus value blocks. */
export async function readSources(
  session: Session,
  sources: TableSource[],
  options: ReadOptions = {},
): Promise<ReadTable[]> {
  const located = await locate(session, sources, options.language ?? "en");
  const budget = options.maxResponseBytes ?? 4_000_000;
  const tables: Cell[][][] = located.map((l) => (l.empty ? [] : new Array(l.rows)));
  // Row blocks per source, several blocks per sync until the budget is reached.
  // Blocks of rows, sized by the bytes per cell seen so far (with a margin), several per sync.
  type Block = { source: number; start: number; rows: number };
  let bytesPerCell = FIRST_BYTES_PER_CELL;
  const blocks: Block[] = [];
  located.forEach((l, source) => {
    if (!l.empty) blocks.push({ source, start: 0, rows: l.rows });
  });
  const blockBytes = (block: Block) => block.rows * located[block.source]!.cols * bytesPerCell;
  let i = 0;
  while (i < blocks.length) {
    const batch: { block: Block; range: Excel.Range }[] = [];
    let bytes = 0;
    while (i < blocks.length) {
      let block = blocks[i]!;
      const room = budget - bytes;
      if (blockBytes(block) > room) {
        const fit = Math.floor(room / (located[block.source]!.cols * bytesPerCell));
        if (fit < 1 && batch.length > 0) break;
        const rows = Math.max(1, fit);
        if (rows < block.rows) {
          blocks.splice(i, 1, { ...block, rows }, { ...block, start: block.start + rows, rows: block.rows - rows });
          block = blocks[i]!;
        }
      }
      const l = located[block.source]!;
      const range = session.workbook.worksheets
        .getItem(l.sheet)
        .getRangeByIndexes(l.row + block.start, l.col, block.rows, l.cols);
      range.load("values");
      batch.push({ block, range });
      bytes += blockBytes(block);
      i += 1;
    }
    try {
      await session.sync();
    } catch (error) {
      if (officeErrorCode(error) !== "ResponsePayloadSizeLimitExceeded") throw error;
      // Longer text than assumed: assume twice the bytes per cell and read this part again.
      if (batch.length === 1 && batch[0]!.block.rows === 1)
        throw new AddinError("A single row is larger than Excel's 5 MB response limit; shorten the longest texts.");
      bytesPerCell *= 2;
      i -= batch.length;
      continue;
    }
    let seenBytes = 0;
    let seenCells = 0;
    for (const { block, range } of batch) {
      const target = tables[block.source]!;
      const values = range.values as Cell[][];
      for (let r = 0; r < block.rows; r++) {
        target[block.start + r] = values[r]!;
        if (r < 50) {
          seenBytes += utf8Length(JSON.stringify(values[r]));
          seenCells += values[r]!.length;
        }
      }
    }
    if (seenCells > 0) bytesPerCell = Math.max(6, (1.5 * seenBytes) / seenCells);
  }
  return located.map((l, k) => ({ table: tables[k]!, origin: { sheet: l.sheet, row: l.row, col: l.col } }));
}

/** Two syncs: which sheets/tables exist, then the geometry of each source's range. */
async function locate(session: Session, sources: TableSource[], language: Language): Promise<Located[]> {
  const holders = sources.map((source) => {
    if (source.kind === "table") {
      const table = session.workbook.tables.getItemOrNullObject(source.table);
      table.load("name");
      return { source, table, sheet: null as Excel.Worksheet | null };
    }
    const sheet = session.workbook.worksheets.getItemOrNullObject(source.sheet);
    sheet.load("name");
    return { source, table: null as Excel.Table | null, sheet };
  });
  await session.sync();
  const missing = holders
    .filter((h) => (h.table ?? h.sheet)!.isNullObject)
    .map((h) => msg("excel.notFound", { source: sourceMessage(h.source) }));
  if (missing.length > 0) throw AddinError.inEveryLanguage((l) => missing.map((m) => render(l, m)), language);
  const ranges = holders.map((h) => {
    const { source } = h;
    let range: Excel.Range;
    let sheetProxy: Excel.Worksheet;
    if (source.kind === "table") {
      range = h.table!.getRange();
      sheetProxy = h.table!.worksheet;
      sheetProxy.load("name");
    } else {
      sheetProxy = h.sheet!;
      range = source.kind === "sheet" ? h.sheet!.getUsedRangeOrNullObject(true) : h.sheet!.getRange(source.address);
    }
    range.load("rowIndex, columnIndex, rowCount, columnCount");
    return { range, sheetProxy, source };
  });
  await session.sync();
  return ranges.map(({ range, sheetProxy, source }) => {
    const sheet = sheetProxy.name;
    if (range.isNullObject) return { sheet, row: 0, col: 0, rows: 0, cols: 0, empty: true };
    if (range.rowCount >= MAX_SHEET_ROWS && source.kind === "range") {
      throw new AddinError(
        `${describeSource(source)} takes whole columns; pick the cells from the header row to the last unit.`,
      );
    }
    return {
      sheet,
      row: range.rowIndex,
      col: range.columnIndex,
      rows: range.rowCount,
      cols: range.columnCount,
      empty: false,
    };
  });
}

/** A source named in a message: sheet "Data", table "DataTable", range Data!A1:F38 (the words translated). */
function sourceMessage(source: TableSource): Message {
  if (source.kind === "sheet") return msg("excel.sheet", { name: source.sheet });
  if (source.kind === "table") return msg("excel.table", { name: source.table });
  return msg("excel.range", { address: `${source.sheet}!${source.address}` });
}
