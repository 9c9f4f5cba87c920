/** Reads the conformance CSV files (quoted text, no embedded quotes or commas inside quotes). */
import { readFileSync } from "node:fs";
import type { Cell, Table } from "../../../src/core/types";

export const ASEM_DIR = "/work/shared/conformance/asem";

export function readCsv(path: string): Table {
  const lines = readFileSync(path, "utf8").split(/\r?\n/).filter((line) => line.length > 0);
  return lines.map((line) => splitCsvLine(line).map(toCell));
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function toCell(text: string): Cell {
  if (text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) && /^[-+0-9.eE]+$/.test(text) ? n : text;
}

/** A numeric column of a table by header, NaN for empty cells. */
export function numericColumn(table: Table, header: string): Float64Array {
  const col = table[0]!.indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  return Float64Array.from(table.slice(1), (row) => (typeof row[col] === "number" ? (row[col] as number) : NaN));
}
