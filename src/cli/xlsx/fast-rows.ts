/**
 * Large sheets (a Normalized sheet of 10,000 units × 1,000 indicators is ten million cells)
 * would spend most of the run, and gigabytes, inside exceljs's serializer. For them exceljs
 * writes the header and the first body row only (so it still owns the table, styles, colour
 * scales and panes), and the body rows are then streamed into the zip while it is packed, each
 * column with the style exceljs gave the first body row's cell. Only sheets whose formats cover
 * whole body columns qualify.
 */
import { columnLetter } from "../../core/engine";
import type { SheetPlan } from "../../core/report";
import type { Cell } from "../../core/engine";
import { parseRange } from "./names";
import type { OoxmlPackage } from "./ooxml/package";
import { childElements, firstChild, isElement, serializeXml, xmlText, escapeXstring } from "./ooxml/xml";

const REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
/** Where the streamed rows go in the serialized sheet. */
const ROWS_MARK = "index-studio:rows";

/** Does every format cover a column's whole body (rows 2..last), with no per-cell highlights? */
export function qualifiesForFastRows(plan: SheetPlan): boolean {
  const last = plan.cells.length - 1;
  if (last < 2 || plan.highlights.length > 0 || plan.charts.length > 0) return false;
  if (plan.table && plan.table.rows !== plan.cells.length) return false;
  return plan.formats.every((format) => {
    const box = parseRange(format.range);
    return box.row0 === 1 && box.row1 === last;
  });
}

/**
 * Rows 2.. of a written sheet replaced by the plan's rows, generated while the package is
 * packed, and its table stretched over them.
 */
export function writeFastRows(
  pkg: OoxmlPackage,
  sheetPath: string,
  plan: Pick<SheetPlan, "cells" | "table">,
  convert: (value: Cell) => Cell = (v) => v,
): void {
  const doc = pkg.requireXml(sheetPath);
  const sheetData = firstChild(doc.root, "sheetData");
  const rows = sheetData ? childElements(sheetData, "row") : [];
  const firstBody = rows.find((row) => row.attrs.r === "2");
  if (!sheetData || !firstBody) throw new Error(`internal: ${sheetPath} has no first body row to extend`);
  const styles = new Map<string, string>();
  for (const cell of childElements(firstBody, "c")) {
    const column = leadingLetters(cell.attrs.r ?? "");
    if (column && cell.attrs.s !== undefined) styles.set(column, cell.attrs.s);
  }
  const width = plan.cells.reduce((m, row) => Math.max(m, row.length), 0); // no spread: a sheet may have 1,048,576 rows
  const letters = Array.from({ length: width }, (_, c) => columnLetter(c));
  const columnStyles = letters.map((letter) => styles.get(letter));
  sheetData.children = sheetData.children.filter((n) => !isElement(n) || n.attrs.r === "1");
  sheetData.children.push({ comment: ROWS_MARK });
  const dimension = firstChild(doc.root, "dimension");
  if (dimension) dimension.attrs.ref = `A1:${letters[width - 1]}${plan.cells.length}`;
  if (plan.table) extendTable(pkg, sheetPath, plan.table.cols, plan.cells.length);
  const cells = plan.cells;
  pkg.setStream(sheetPath, function* () {
    const xml = serializeXml(doc);
    const mark = `<!--${ROWS_MARK}-->`;
    const at = xml.indexOf(mark);
    yield xml.slice(0, at);
    for (let r = 1; r < cells.length; r++) yield rowXml(cells[r]!, r + 1, letters, columnStyles, convert);
    yield xml.slice(at + mark.length);
  });
}

function leadingLetters(ref: string): string {
  let end = 0;
  while (end < ref.length && ref[end]! >= "A" && ref[end]! <= "Z") end++;
  return ref.slice(0, end);
}

function rowXml(
  row: readonly Cell[],
  r: number,
  letters: string[],
  styles: (string | undefined)[],
  convert: (value: Cell) => Cell,
): string {
  let out = `<row r="${r}">`;
  for (let c = 0; c < row.length; c++) out += cellXml(convert(row[c] ?? null), `${letters[c]}${r}`, styles[c]);
  return out + "</row>";
}

/** An empty cell keeps its column's format (as exceljs writes it), so a value typed later shows formatted. */
function cellXml(value: Cell | undefined, ref: string, style: string | undefined): string {
  const s = style !== undefined ? ` s="${style}"` : "";
  const empty = style !== undefined ? `<c r="${ref}"${s}/>` : "";
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : empty;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string" && value !== "") {
    // An inline string: text, whatever it starts with, never a formula.
    return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXstring(xmlText(value))}</t></is></c>`;
  }
  return empty;
}

/** The sheet's table was written over header + one row: stretch its ref and filter to every row. */
function extendTable(pkg: OoxmlPackage, sheetPath: string, cols: number, rows: number): void {
  const rel = pkg.relationships(sheetPath).find((r) => r.type === REL_TABLE && !r.external);
  if (!rel) throw new Error(`internal: ${sheetPath} lost its table`);
  const table = pkg.requireXml(rel.path).root;
  const ref = `A1:${columnLetter(cols - 1)}${rows}`;
  table.attrs.ref = ref;
  const filter = firstChild(table, "autoFilter");
  if (filter) filter.attrs.ref = ref;
}
