/** Reads and validates the Data table (COINr iData) against the Framework. */
import { IndexInputError, said, type ValidationIssue } from "./errors";
import { msg, type Message } from "./messages";
import {
  blankHeaderIssue,
  bodyRows,
  cellText,
  clip,
  codeText,
  headerBelowHint,
  headerKey,
  invisibleDifference,
  isBlank,
  parseNumber,
  sameCodeKey,
  tooLongText,
  visibleCode,
} from "./table";
import type { Cell, DataSet, Framework, Table } from "./types";
import { newColumn } from "./column-arena";

export const UNIT_CODE = ["ucode", "code", "unitcode", "unitid", "id"];
export const UNIT_NAME = ["uname", "name", "unitname"];
/** Headers of the edition column (src/core/editions); ignored when reading one edition. */
export const TIME_HEADERS = ["time", "year"];
const IGNORED = TIME_HEADERS;
/** Cell-level warnings kept per table before they are summarized. */
const MAX_CELL_WARNINGS = 200;

export function parseData(table: Table, framework: Framework): { dataset: DataSet; warnings: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const err = (text: Message, where: { row?: number; col?: number; column?: string } = {}) =>
    issues.push({ table: "Data", ...said(text), severity: "error", ...where });
  const warn = (text: Message, where: { row?: number; col?: number; column?: string } = {}) =>
    issues.push({ table: "Data", ...said(text), severity: "warning", ...where });

  if (table.length === 0 || table[0]!.every(isBlank)) {
    throw new IndexInputError([blankHeaderIssue(table, "Data", msg("data.empty"))]);
  }
  const header = table[0]!.map(codeText);
  const keys = table[0]!.map(headerKey);
  const codeCol = keys.findIndex((k) => UNIT_CODE.includes(k));
  const nameCol = keys.findIndex((k, c) => c !== codeCol && UNIT_NAME.includes(k));
  if (codeCol < 0) {
    const below = headerBelowHint(table, (k) => k.some((key) => UNIT_CODE.includes(key)));
    err(
      msg("data.noCodeColumn", {
        headers: header
          .filter(Boolean)
          .slice(0, 12)
          .map((h) => clip(h, 30)),
        below,
      }),
      { row: 0 },
    );
    throw new IndexInputError(issues);
  }

  const indicatorCodes = new Set(framework.indicators.map((i) => i.code));
  const denominatorCodes = new Set([
    ...framework.denominators,
    ...framework.indicators.map((i) => i.denominator).filter((d): d is string => !!d),
  ]);
  const colOf = new Map<string, number>();
  const colByKey = new Map<string, number>(); // headers that differ only by invisible characters are the same column
  header.forEach((h, c) => {
    if (c === codeCol || c === nameCol || h === "") return;
    const twin = colByKey.get(sameCodeKey(h));
    if (twin !== undefined)
      err(
        msg("data.columnTwice", {
          column: clip(visibleCode(h)),
          other: twin + 1,
          invisible: invisibleDifference(header[twin]!, h),
        }),
        { row: 0, col: c, column: h },
      );
    else {
      colByKey.set(sameCodeKey(h), c);
      colOf.set(h, c);
    }
  });

  const rows = bodyRows(table);
  if (rows.length === 0) err(msg("data.noUnits"));
  for (const node of framework.indicators) {
    if (colOf.has(node.code)) continue;
    const nearly = header.find((h) => h.toLowerCase() === node.code.toLowerCase());
    const hidden = header.find((h) => sameCodeKey(h) === sameCodeKey(node.code));
    const fix =
      hidden !== undefined
        ? msg("data.fixInvisible", { column: visibleCode(hidden), code: node.code })
        : nearly
          ? msg("data.fixCase", { column: nearly, code: node.code })
          : msg("data.fixAdd", { code: node.code });
    err(msg("data.indicatorMissing", { code: node.code, row: node.row + 1, fix }), { row: 0, column: node.code });
  }
  for (const d of denominatorCodes) {
    if (!colOf.has(d) && framework.indicators.some((i) => i.denominator === d)) {
      warn(msg("data.denominatorMissing", { code: d }), { row: 0, column: d });
    }
  }
  header.forEach((h, c) => {
    if (c === codeCol || c === nameCol) return;
    if (h === "") {
      if (rows.some(({ row }) => !isBlank(row[c]))) warn(msg("data.noHeader", { col: c + 1 }), { row: 0, col: c });
      return;
    }
    const known =
      indicatorCodes.has(h) ||
      denominatorCodes.has(h) ||
      framework.groups.includes(h) ||
      IGNORED.includes(headerKey(h)) ||
      framework.byCode.has(h);
    if (!known && !isTextColumn(rows, c))
      warn(msg("data.notInFramework", { column: clip(h) }), { row: 0, col: c, column: h });
  });

  // Units.
  const codes: string[] = [];
  const names: string[] = [];
  const unitRows: number[] = [];
  const seenUnit = new Map<string, { index: number; code: string }>();
  for (const { row, index } of rows) {
    const code = codeText(row[codeCol]);
    if (code === "") {
      err(msg("data.noUnitCode"), { row: index, col: codeCol, column: "uCode" });
      continue;
    }
    const twin = seenUnit.get(sameCodeKey(code));
    if (twin) {
      err(
        msg("data.duplicateUnit", {
          code: clip(visibleCode(code)),
          row: twin.index + 1,
          invisible: invisibleDifference(twin.code, code),
        }),
        { row: index, col: codeCol, column: "uCode" },
      );
      continue;
    }
    seenUnit.set(sameCodeKey(code), { index, code });
    const longCode = tooLongText(code, msg("what.unitCode"));
    const long = longCode ?? (nameCol >= 0 ? tooLongText(cellText(row[nameCol]), msg("what.unitName")) : null);
    if (long) err(long, { row: index, col: longCode ? codeCol : nameCol, column: "uName" });
    codes.push(code);
    names.push(nameCol >= 0 ? cellText(row[nameCol]) || code : code);
    unitRows.push(index);
  }
  if (issues.some((i) => i.severity === "error")) throw new IndexInputError(issues);

  const byRow = new Map(rows.map((r) => [r.index, r.row]));
  const unitCells = unitRows.map((r) => byRow.get(r)!);
  // Read row by row (rows are contiguous in memory), writing into one typed column per code.
  const numericCodes = [
    ...framework.indicators.map((node) => node.code),
    ...[...denominatorCodes].filter((d) => colOf.has(d)),
  ];
  const sourceCols = Int32Array.from(numericCodes, (code) => colOf.get(code)!);
  const numeric = numericCodes.map(() => newColumn(unitCells.length));
  const cellWarnings = readNumbers(unitCells, sourceCols, numeric, (i, j, problem) =>
    warn(problem, { row: unitRows[i]!, col: sourceCols[j]!, column: numericCodes[j]! }),
  );
  const columns = numeric.slice(0, framework.indicators.length);
  const denominators = new Map<string, Float64Array>();
  numericCodes
    .slice(framework.indicators.length)
    .forEach((d, k) => denominators.set(d, numeric[framework.indicators.length + k]!));
  const groups = new Map<string, (string | null)[]>();
  for (const [h, c] of colOf) {
    if (indicatorCodes.has(h) || denominators.has(h) || IGNORED.includes(headerKey(h))) continue;
    if (framework.groups.includes(h) || isTextColumn(rows, c)) {
      groups.set(
        h,
        unitCells.map((row) => (isBlank(row[c]) ? null : cellText(row[c]))),
      );
    }
  }
  if (cellWarnings > MAX_CELL_WARNINGS) warn(msg("data.moreCells", { count: cellWarnings - MAX_CELL_WARNINGS }));
  const dataset: DataSet = {
    units: {
      codes,
      names,
      groups,
      denominators,
      rows: unitRows,
      columnOf: new Map(framework.indicators.map((node) => [node.code, colOf.get(node.code)!])),
    },
    indicators: { codes: framework.indicators.map((i) => i.code), columns },
  };
  return { dataset, warnings: issues };
}

/**
 * Writes every cell into its typed column, row by row; returns how many cells are not numbers (the
 * first MAX_CELL_WARNINGS are reported). A small function of its own, so that V8 optimizes the loop.
 */
function readNumbers(
  rows: readonly (readonly Cell[])[],
  sourceCols: Int32Array,
  numeric: Float64Array[],
  warn: (i: number, j: number, problem: Message) => void,
): number {
  let problems = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (let j = 0; j < sourceCols.length; j++) {
      const cell = row[sourceCols[j]!];
      if (typeof cell === "number" && cell - cell === 0) {
        numeric[j]![i] = cell;
        continue;
      }
      const plain = typeof cell === "string" ? plainNumber(cell) : NaN;
      if (plain === plain) {
        numeric[j]![i] = plain;
        continue;
      }
      const parsed = parseNumber(cell);
      numeric[j]![i] = parsed.value;
      if (parsed.problem) {
        if (problems < MAX_CELL_WARNINGS) warn(i, j, parsed.text!);
        problems++;
      }
    }
  }
  return problems;
}

/**
 * CSV text such as "12.5" or "-3e4" without building a ParsedNumber per cell (10 million at scale):
 * NaN sends the cell to parseNumber, which gives the same value and names any problem. Only text
 * that starts with a digit, sign or dot (so not blank, which Number reads as 0) and is not 0x/0b/0o.
 */
function plainNumber(text: string): number {
  const c = text.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return NaN;
  if (c === 48 && text.length > 2) {
    const k = text.charCodeAt(1) | 32;
    if (k === 120 || k === 98 || k === 111) return NaN; // x, b, o
  }
  const v = Number(text);
  return v - v === 0 ? v : NaN;
}

/** A column whose non-blank cells are mostly text (a group label column). */
function isTextColumn(rows: { row: readonly unknown[] }[], c: number): boolean {
  let text = 0;
  let filled = 0;
  for (const { row } of rows) {
    const v = row[c];
    if (v === null || v === undefined || v === "") continue;
    filled++;
    if (typeof v === "string" && parseNumber(v).problem) text++;
  }
  return filled > 0 && text * 2 > filled;
}
