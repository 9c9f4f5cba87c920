/** IDX.INDEX: the whole engine (computeIndex) on a Data range, a Framework range and optional settings. */
import { computeIndex } from "../core/pipeline";
import { IndexInputError } from "../core/errors";
import { settingsToSpecInput } from "../core/spec";
import type { IndexResult } from "../core/result";
import type { Table } from "../core/types";
import { asMatrix, isOmitted, type OutCell } from "./cells";
import { ArgumentError } from "./errors";

/** Aggregates from the top down (index first), Framework order within a level, as COINr's output tables. */
export function aggregatesTopDown(result: IndexResult): string[] {
  return [...result.framework.aggregates].sort((a, b) => b.level - a.level).map((a) => a.code);
}

export function settingsSpec(settings: unknown): Record<string, unknown> | undefined {
  if (isOmitted(settings)) return undefined;
  const rows = asTable(settings, "settings");
  if (rows[0]!.length < 2) throw new ArgumentError("settings must be two columns: key (e.g. normalize.method) and value (e.g. zscore)");
  const { spec, issues } = settingsToSpecInput(rows);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) throw new IndexInputError(errors);
  return spec;
}

/**
 * A range as the engine's Table. Excel may pass an error cell as an error object ({ code: "#N/A" }):
 * it becomes its code, which the engine reports as missing data with its cell (not a crash).
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

/** One value per Data row (below the header), blank where a row holds no unit or has no score. */
function columnForDataRows(result: IndexResult, values: Float64Array, height: number): OutCell[] {
  const out = new Array<OutCell>(height).fill("");
  result.units.rows.forEach((row, u) => {
    const v = values[u]!;
    if (v === v && result.included[u] === 1) out[row - 1] = v;
  });
  return out;
}

export function indexScores(data: unknown, framework: unknown, node: unknown, settings: unknown): OutCell[][] {
  const dataTable = asTable(data, "data");
  const frameworkTable = asTable(framework, "framework");
  const result = computeIndex(dataTable, frameworkTable, settingsSpec(settings));
  const height = dataTable.length - 1;
  const scoreOf = (code: string) => result.scores.columns[result.scores.codes.indexOf(code)]!;
  const wanted = isOmitted(node) ? result.framework.root : String(Array.isArray(node) ? node[0]?.[0] ?? node[0] : node).trim().normalize("NFC");
  if (wanted === "*") {
    const codes = aggregatesTopDown(result);
    const columns = codes.map((code) => columnForDataRows(result, scoreOf(code), height));
    return [codes, ...Array.from({ length: height }, (_, r) => columns.map((column) => column[r]!))];
  }
  let values: Float64Array | undefined;
  if (result.scores.codes.includes(wanted)) values = scoreOf(wanted);
  else {
    const j = result.steps.normalized.codes.indexOf(wanted);
    if (j >= 0) values = result.steps.normalized.columns[j];
  }
  if (!values) {
    throw new ArgumentError(`node "${wanted}" is not in the Framework; use an aggregate code (${aggregatesTopDown(result).slice(0, 8).join(", ")}…), an indicator code, or "*" for every aggregate`);
  }
  return columnForDataRows(result, values, height).map((v) => [v]);
}
