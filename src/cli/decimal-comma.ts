/**
 * Decimal commas in a ";"- or tab-separated CSV (European Excel writes 1,5 and 1.234,5). When the
 * file's convention is unambiguous (decimal commas, and dots only as thousands separators) the
 * numbers are read as numbers with a note; when commas and decimal points are mixed nothing is
 * converted, a note says why, and the engine names every cell that is not a number.
 */
import { cellAddress, msg, type Cell, type Message } from "../core/engine";

const DECIMAL_COMMA = /^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/;
const DOT_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+$/;
const DECIMAL_POINT = /^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/;

export function readDecimalCommas(table: Cell[][], separator: string, label: string): Message[] {
  if (separator === ",") return [];
  const commas: [number, number][] = [];
  const thousands: [number, number][] = [];
  let point: [number, number] | undefined;
  for (let r = 1; r < table.length; r++) {
    const row = table[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell !== "string") continue;
      const text = cell.trim();
      if (DECIMAL_COMMA.test(text)) commas.push([r, c]);
      else if (DOT_THOUSANDS.test(text)) thousands.push([r, c]);
      else if (!point && DECIMAL_POINT.test(text)) point = [r, c];
    }
  }
  if (commas.length === 0) return [];
  const at = ([r, c]: [number, number]) => `${label}!${cellAddress(r, c)} "${String(table[r]![c]).trim()}"`;
  if (point) {
    return [msg("decimal.mixed", { label, comma: at(commas[0]!), point: at(point) })];
  }
  const toNumber = (text: string) => Number(text.trim().replace(/\./g, "").replace(",", "."));
  const first = at(commas[0]!);
  for (const [r, c] of [...commas, ...thousands]) table[r]![c] = toNumber(table[r]![c] as string);
  return [
    msg(thousands.length ? "decimal.readThousands" : "decimal.read", {
      label,
      first,
      value: table[commas[0]![0]]![commas[0]![1]] as number,
      count: commas.length + thousands.length,
    }),
  ];
}
