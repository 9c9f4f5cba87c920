/** CSV writing and a concurrency limit for the hardening tests (temp folders and spawnCli are in ../cli/helpers). */
import { writeFileSync } from "node:fs";
import type { Cell, Table } from "../../src/core/types";

/** Runs jobs with at most `limit` at a time (CI has 2 cores). */
export async function limited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) {
        const k = next++;
        out[k] = await jobs[k]!();
      }
    }),
  );
  return out;
}

/** CSV as a spreadsheet would save it: every text field quoted (so "1,234" stays one field), blanks empty. */
export function toCsv(table: Table): string {
  const field = (cell: Cell) => {
    if (cell === null || cell === undefined) return "";
    if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
    if (typeof cell === "number") return String(cell);
    return `"${cell.replace(/"/g, '""')}"`;
  };
  return table.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

export function writeCsv(path: string, table: Table): void {
  writeFileSync(path, toCsv(table), "utf8");
}
