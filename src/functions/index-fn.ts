/** IDX.INDEX: the whole engine (computeIndex) on a Data range, a Framework range and optional settings. */
import {
  aggregatesTopDown,
  computeIndex,
  editionResult,
  scoreOf,
  IndexInputError,
  settingsToSpecInput,
  type IndexResult,
  type Table,
} from "../core/engine";
import { asMatrix, isOmitted, type OutCell } from "./cells";
import { ArgumentError } from "./errors";

export function settingsSpec(settings: unknown): Record<string, unknown> | undefined {
  if (isOmitted(settings)) return undefined;
  const rows = asTable(settings, "settings");
  if (rows[0]!.length < 2)
    throw new ArgumentError("settings must be two columns: key (e.g. normalize.method) and value (e.g. zscore)");
  const { spec, issues } = settingsToSpecInput(rows);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new IndexInputError(errors);
  return spec;
}

/**
 * A range as the engine's Table. With allowErrorForDataTypeAny (functions.json) Excel passes an
 * error cell as an error object ({ code: "#N/A" }) instead of failing the whole call: it becomes
 * its code, which the engine treats as missing data with a warning, as the task pane does.
 */
function asTable(value: unknown, name: string): Table {
  return asMatrix(value, name).map((row) =>
    row.map((cell) => {
      if (cell === null || cell === undefined || typeof cell !== "object") return cell as Table[number][number];
      const code = (cell as { code?: unknown }).code;
      return typeof code === "string" ? code : String(cell);
    }),
  );
}

/** Framework columns where 0 is never a value, so a 0 there can only be a blank cell. */
const FRAMEWORK_TEXTUAL = new Set([
  "icode",
  "code",
  "indicatorcode",
  "nodecode",
  "iname",
  "name",
  "indicatorname",
  "nodename",
  "label",
  "level",
  "lvl",
  "parent",
  "parentcode",
  "ifparent",
  "direction",
  "dir",
  "polarity",
  "type",
  "itype",
  "kind",
  "unit",
  "units",
  "denominator",
  "denominatedby",
  "denom",
]);
const DATA_TEXTUAL = new Set(["ucode", "code", "unitcode", "unitid", "id", "uname", "name", "unitname", "label"]);
const headerKey = (cell: unknown) => (typeof cell === "string" ? cell.toLowerCase().replace(/[\s_-]/g, "") : "");

/**
 * Older Excel desktop builds pass blank cells as 0, current ones as null (office-js #4702). A
 * Framework always has blanks (the index has no Parent), so a Framework range without a single
 * blank but with 0 in a text column (Parent, Type...) comes from such a build: there, 0 in the
 * columns where it cannot be a value (codes, names, Parent, Level, Direction, Type...) is read as
 * blank. Zeros in number columns (weights, indicator values) cannot be told from real zeros.
 */
export function blanksFromZeros(data: Table, framework: Table): { data: Table; framework: Table } {
  const textual = (table: Table, names: Set<string>) => (table[0] ?? []).map((h) => names.has(headerKey(h)));
  const frameworkText = textual(framework, FRAMEWORK_TEXTUAL);
  const body = framework.slice(1);
  const hasBlank = body.some((row) => row.some((cell) => cell === null || cell === undefined || cell === ""));
  const zeroInText = body.some((row) => row.some((cell, c) => cell === 0 && frameworkText[c]));
  if (hasBlank || !zeroInText) return { data, framework };
  const clear = (table: Table, text: boolean[]) =>
    table.map((row, r) => (r === 0 ? row : row.map((cell, c) => (cell === 0 && text[c] ? null : cell))));
  return { data: clear(data, textual(data, DATA_TEXTUAL)), framework: clear(framework, frameworkText) };
}

/** One value per Data row (below the header), blank where a row holds no unit or has no score. */
function columnForDataRows(result: IndexResult, values: Float64Array, height: number): OutCell[] {
  const out = new Array<OutCell>(height).fill("");
  result.units.rows.forEach((row, u) => {
    const v = values[u]!;
    if (v === v && result.included[u] === 1) out[row - 1] = v;
  });
  return out;
}

/**
 * Data with editions: every row's score within its own edition (edition omitted), or only the rows
 * of one edition. Without editions an edition argument is a mistake, said as such.
 */
function pickEdition(result: IndexResult, edition: unknown): IndexResult {
  const info = result.editions;
  if (isOmitted(edition)) return info ? info.panel : result;
  const time =
    typeof edition === "number"
      ? edition
      : Number(String(Array.isArray(edition) ? (edition[0]?.[0] ?? edition[0]) : edition).trim());
  if (!info)
    throw new ArgumentError("edition applies to Data with a Time column holding two or more editions; leave it empty");
  const k = info.times.indexOf(time);
  if (k < 0)
    throw new ArgumentError(
      `edition ${String(edition)} is not a Time value in Data; editions: ${info.times.join(", ")}`,
    );
  return editionResult(info, k);
}

export function indexScores(
  data: unknown,
  framework: unknown,
  node: unknown,
  settings: unknown,
  edition?: unknown,
): OutCell[][] {
  const tables = blanksFromZeros(asTable(data, "data"), asTable(framework, "framework"));
  const dataTable = tables.data;
  const frameworkTable = tables.framework;
  const result = pickEdition(computeIndex(dataTable, frameworkTable, settingsSpec(settings)), edition);
  const height = dataTable.length - 1;
  const wanted = isOmitted(node)
    ? result.framework.root
    : String(Array.isArray(node) ? (node[0]?.[0] ?? node[0]) : node)
        .trim()
        .normalize("NFC");
  if (wanted === "*") {
    const codes = aggregatesTopDown(result);
    const columns = codes.map((code) => columnForDataRows(result, scoreOf(result, code)!, height));
    return [codes, ...Array.from({ length: height }, (_, r) => columns.map((column) => column[r]!))];
  }
  const values = scoreOf(result, wanted);
  if (!values) {
    throw new ArgumentError(
      `node "${wanted}" is not in the Framework; use an aggregate code (${aggregatesTopDown(result).slice(0, 8).join(", ")}…), an indicator code, or "*" for every aggregate`,
    );
  }
  return columnForDataRows(result, values, height).map((v) => [v]);
}
