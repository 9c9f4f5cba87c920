/**
 * What the pane's results card needs besides the top 10 (issue 15): every unit's rank (for ▲▼ against the
 * previous run) and where the Data table is (so that a message's "Data!E4" can be shown as "Paris · PM25").
 */
import { UNIT_CODE, UNIT_NAME } from "../core/engine";
import type { IndexResult } from "../core/engine";
import { headerKey } from "../core/engine";
import type { Cell } from "../core/engine";
import type { DataCells, RunSummary } from "./contract";
import type { ReadTable } from "./read";

/** Every ranked unit of the index (units without a rank are left out), in rank order. */
export function fullRanking(result: IndexResult): NonNullable<RunSummary["ranking"]> {
  const ranks = result.ranks.columns[result.ranks.codes.indexOf(result.framework.root)];
  if (!ranks) return [];
  const order = [...ranks.keys()]
    .filter((u) => Number.isFinite(ranks[u]!))
    .sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  return order.map((u) => ({ code: result.units.codes[u]!, name: result.units.names[u] ?? "", rank: ranks[u]! }));
}

/** The Data table's position, headers and the unit (name, else code) of each body row. */
export function dataCells(data: ReadTable): DataCells {
  const header = data.table[0] ?? [];
  const keys = header.map(headerKey);
  const codeCol = keys.findIndex((k) => UNIT_CODE.includes(k));
  const nameCol = keys.findIndex((k, c) => c !== codeCol && UNIT_NAME.includes(k));
  const text = (cell: Cell | undefined) => (cell === null || cell === undefined ? "" : String(cell).trim());
  return {
    sheet: data.origin.sheet,
    row: data.origin.row,
    col: data.origin.col,
    headers: header.map(text),
    units: data.table.slice(1).map((row) => text(row[nameCol]) || text(row[codeCol])),
  };
}
