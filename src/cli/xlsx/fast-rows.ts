/**
 * Large sheets (a Normalized sheet of 5,000 units × 200 indicators is a million cells) would
 * spend most of the run inside exceljs's XML serializer. For them exceljs writes the header and
 * the first body row only (so it still owns the table, styles, colour scales and panes), and the
 * body rows are then generated here in one pass, each column with the style exceljs gave the
 * first body row's cell. Only sheets whose formats cover whole body columns qualify.
 */
import type JSZip from "jszip";
import { columnLetter, type Cell } from "../../core/engine";
import type { SheetPlan } from "../../core/report";
import { parseRange } from "./names";
import { attributes, xstringText } from "./xml";

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
 * Rows 2.. of a written sheet replaced by the plan's rows (returned as the sheet's new XML, kept
 * out of JSZip, which would re-encode it slowly), and its table stretched over them.
 */
export async function writeFastRows(zip: JSZip, sheetPath: string, plan: SheetPlan): Promise<string> {
  let xml = await zip.file(sheetPath)!.async("string");
  const start = xml.indexOf('<row r="2"');
  const end = xml.indexOf("</sheetData>");
  if (start < 0 || end < start) throw new Error(`internal: ${sheetPath} has no first body row to extend`);
  const styles = new Map<string, string>();
  const firstBody = xml.slice(start, xml.indexOf("</row>", start));
  for (const tag of firstBody.match(/<c\b[^>]*>/g) ?? []) {
    const a = attributes(tag);
    const column = /^[A-Z]+/.exec(a.get("r") ?? "")?.[0];
    if (column && a.has("s")) styles.set(column, a.get("s")!);
  }
  const width = plan.cells.reduce((m, row) => Math.max(m, row.length), -Infinity); // no spread: a sheet may have 1,048,576 rows
  const letters = Array.from({ length: width }, (_, c) => columnLetter(c));
  const parts: string[] = [];
  for (let r = 1; r < plan.cells.length; r++) {
    const row = plan.cells[r]!;
    parts.push(`<row r="${r + 1}">`);
    for (let c = 0; c < row.length; c++) {
      const cell = cellXml(row[c], `${letters[c]}${r + 1}`, styles.get(letters[c]!));
      if (cell) parts.push(cell);
    }
    parts.push("</row>");
  }
  const lastRef = `${letters[width - 1]}${plan.cells.length}`;
  xml = xml.slice(0, start) + parts.join("") + xml.slice(end);
  xml = xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${lastRef}"/>`);
  if (plan.table) await extendTable(zip, sheetPath, plan.table.cols, plan.cells.length);
  return xml;
}

/** An empty cell keeps its column's format (as exceljs writes it), so a value typed later shows formatted. */
function cellXml(value: Cell, ref: string, style: string | undefined): string {
  const s = style !== undefined ? ` s="${style}"` : "";
  const empty = style !== undefined ? `<c r="${ref}"${s}/>` : "";
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : empty;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string" && value !== "") {
    // An inline string: text, whatever it starts with, never a formula.
    return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xstringText(value)}</t></is></c>`;
  }
  return empty;
}

/** The sheet's table was written over header + one row: stretch its ref and filter to every row. */
async function extendTable(zip: JSZip, sheetPath: string, cols: number, rows: number): Promise<void> {
  const slash = sheetPath.lastIndexOf("/");
  const rels = (await zip.file(`${sheetPath.slice(0, slash)}/_rels/${sheetPath.slice(slash + 1)}.rels`)?.async("string")) ?? "";
  const target = /Type="[^"]*\/table" Target="\.\.\/tables\/(table\d+\.xml)"/.exec(rels)?.[1];
  if (!target) throw new Error(`internal: ${sheetPath} lost its table`);
  const path = `xl/tables/${target}`;
  const ref = `A1:${columnLetter(cols - 1)}${rows}`;
  const xml = await zip.file(path)!.async("string");
  zip.file(path, xml.replace(/(<table\b[^>]*\bref=")[^"]*"/, `$1${ref}"`).replace(/(<autoFilter ref=")[^"]*"/, `$1${ref}"`));
}
