/**
 * Cell references in messages (issue 15): "Data!E4: "n/a" is not a number" is shown with Data!E4 as a link that
 * selects the cell, and labelled with the unit and indicator it holds ("Paris · PM25").
 */
import type { DataCells } from "../excel/service";

export interface CellRef {
  sheet: string;
  address: string;
  /** As written in the message ("'My data'!E4"). */
  text: string;
}

// A sheet name, quoted ('My data', '' for a quote) or plain (letters of any script, digits, _ and .), then !A1 or !A1:B2.
const CELL_REF = /(?:'((?:[^']|'')+)'|([\p{L}\p{N}_.]+))!(\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?)/gu;

/** The message as text pieces and cell references, in order. */
export function splitCellRefs(message: string): (string | CellRef)[] {
  const parts: (string | CellRef)[] = [];
  let at = 0;
  for (const match of message.matchAll(CELL_REF)) {
    if (match.index! > at) parts.push(message.slice(at, match.index));
    parts.push({
      sheet: match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2]!,
      address: match[3]!.replace(/\$/g, ""),
      text: match[0],
    });
    at = match.index! + match[0].length;
  }
  if (at < message.length) parts.push(message.slice(at));
  return parts;
}

const UNIT_COLUMN = /^u?(code|name)$|^unit\s*(code|name|id)$|^id$/i;

/** "Paris · PM25" for a body cell of the Data table, "Paris" in its code or name column, "PM25" in its header; else null. */
export function cellLabel(cells: DataCells | undefined, sheet: string, address: string): string | null {
  if (!cells || cells.sheet.toLowerCase() !== sheet.toLowerCase()) return null;
  const match = /^([A-Z]{1,3})(\d{1,7})$/.exec(address.split(":")[0]!);
  if (!match) return null;
  const row = Number(match[2]) - 1 - cells.row; // 0 = the header row
  const col = columnIndex(match[1]!) - cells.col;
  const header = cells.headers[col];
  if (row < 0 || col < 0 || header === undefined) return null;
  const indicator = header !== "" && !UNIT_COLUMN.test(header) ? header : "";
  if (row === 0) return indicator || null;
  const unit = cells.units[row - 1] ?? "";
  return [unit, indicator].filter(Boolean).join(" · ") || null;
}

/** "A" → 0, "AB" → 27. */
function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}
