/**
 * Groups queued writes into as few syncs as possible while keeping each request under a byte
 * budget (Excel on the web rejects requests over 5 MB). Calculation is suspended in every
 * write request, so formulas elsewhere in the workbook recalculate once per sync at most.
 */
import type { SheetGrid } from "./cells";
import { apiSupported, type Session } from "./office";

/** Office.js adds a little JSON around each queued operation. */
const OPERATION_OVERHEAD = 120;

export class WriteBatch {
  private bytes = 0;
  private readonly session: Session;
  readonly budget: number;
  private readonly canSuspend: boolean;
  /** Largest request (estimated) sent so far, for the report and the bench. */
  maxRequestBytes = 0;

  constructor(session: Session, budget: number) {
    this.session = session;
    this.budget = budget;
    this.canSuspend = apiSupported("1.6");
  }

  /** Call before queuing an operation of about `bytes` of payload; syncs first if it would not fit. */
  async reserve(bytes: number): Promise<void> {
    const cost = bytes + OPERATION_OVERHEAD;
    if (this.bytes > 0 && this.bytes + cost > this.budget) await this.flush();
    if (this.bytes === 0 && this.canSuspend) this.session.context.application.suspendApiCalculationUntilNextSync();
    this.bytes += cost;
  }

  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    this.maxRequestBytes = Math.max(this.maxRequestBytes, this.bytes);
    this.bytes = 0;
    await this.session.sync();
  }

  /** Queues a sheet's cells from A1 in row chunks that fit the budget; onRows gets each chunk's row count. */
  async queueGrid(sheet: Excel.Worksheet, grid: SheetGrid, onRows?: (rows: number) => void): Promise<void> {
    if (grid.cols === 0) return;
    for (const chunk of grid.chunks(Math.max(10_000, this.budget - 20_000))) {
      await this.reserve(chunk.bytes);
      const block = grid.block(chunk.start, chunk.end);
      const range = sheet.getRangeByIndexes(chunk.start, 0, chunk.end - chunk.start, grid.cols);
      range.numberFormat = block.formats; // before the values, so text is stored as text
      range.values = block.values;
      onRows?.(chunk.end - chunk.start);
    }
  }
}
