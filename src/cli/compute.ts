/** `compute`: read the inputs, run computeIndex, write the requested files. */
import { basename } from "node:path";
import type { AnalysisResult } from "../core/analysis";
import { buildAnalysisReport } from "../core/report";
import { buildReport, finishReport } from "../core/report";
import { reportText } from "../core/report";
import { checkSheetLimits, planExtents } from "../core/report";
import {
  cellAddress,
  formatIssue,
  IndexComputeError,
  type Language,
  type TableName,
  type TableOrigin,
} from "../core/engine";
import { tooLongText } from "../core/engine";
import { msg, render } from "../core/engine";
import { computeIndex } from "../core/engine";
import { parsePublished } from "../core/engine";
import type { IndexResult } from "../core/engine";
import type { Cell } from "../core/engine";
import { analysisSummary, runCliAnalysis, withAnalysisJson } from "./analysis";
import type { ComputeArgs } from "./args";
import { formatCsv } from "./csv";
import { checkOutputs, OutputRefusedError, writeAll, type PendingWrite, type PlannedFile } from "./paths";
import { inputKind, readInputs, type InputTables } from "./read";
import { resultJson, scoresTable } from "./results";
import { placeSpecIssues, readSpecFile, resolveSpec } from "./spec-input";
import { runSummary, topTable } from "./summary";

export interface ComputeOutcome {
  result: IndexResult;
  origins: Partial<Record<TableName, TableOrigin>>;
  /** Warnings and reading notes, formatted with their cells. */
  messages: string[];
  written: string[];
  /** What the terminal shows (counts, the top 10, the analysis), prepared before any file is written. */
  summary: string;
  /** --audit, --uncertainty, --sensitivity. */
  analysis?: AnalysisResult;
}

export async function runCompute(
  args: ComputeArgs,
  onOrigins?: (origins: Partial<Record<TableName, TableOrigin>>) => void,
  /** The reading notes (encoding, decimal commas), as soon as the files are read, so that a failed run shows them too. */
  onNotes?: (notes: string[]) => void,
): Promise<ComputeOutcome> {
  const kind = inputKind(args.input);
  let out = args.out;
  if (args.inPlace && out === undefined) {
    if (kind !== "xlsx")
      throw new OutputRefusedError(
        "--in-place adds the results to an input .xlsx workbook; a CSV input needs --out <results.xlsx>",
      );
    out = args.input;
  }
  if (args.inPlace && /\.xlsm$/i.test(args.input)) {
    throw new OutputRefusedError(
      `--in-place: ${args.input} has macros, which an .xlsx writer would drop; write the results with --out <results.xlsx> instead`,
    );
  }
  if (args.inPlace && kind === "xlsx") {
    // By content: an .xlsm renamed .xlsx still has its VBA project.
    const { macroPartOfFile, macrosRefused } = await import("./xlsx/macros");
    const vba = await macroPartOfFile(args.input);
    if (vba) throw new OutputRefusedError(macrosRefused(args.input, vba));
  }
  if (out !== undefined && !/\.xlsx$/i.test(out))
    throw new OutputRefusedError(`--out ${out}: the result workbook must be an .xlsx file`);
  const inputs = [{ flag: "input", path: args.input }];
  if (args.meta) inputs.push({ flag: "--meta", path: args.meta });
  if (args.spec) inputs.push({ flag: "--spec", path: args.spec });
  if (args.analysis?.inputs) inputs.push({ flag: "--inputs", path: args.analysis.inputs });
  const outputs: PlannedFile[] = [];
  if (args.csv) outputs.push({ flag: "--csv", path: args.csv });
  if (args.json) outputs.push({ flag: "--json", path: args.json });
  if (out)
    outputs.push({ flag: "--out", path: out, mayReplace: args.inPlace && kind === "xlsx" ? args.input : undefined });
  checkOutputs(inputs, outputs);

  const tables = await readInputs(args.input, args.meta);
  const json = args.spec ? await readSpecFile(args.spec) : undefined;
  if (args.spec) tables.origins.Spec = { sheet: basename(args.spec), row: 0, col: 0 };
  const origins = tables.origins;
  onOrigins?.(origins);
  const notes = tables.noteTexts.map((text) => render(args.lang, text));
  onNotes?.(notes);
  const spec = resolveSpec(tables.settings, json);
  let result: IndexResult;
  try {
    result = computeIndex(tables.data, tables.framework, spec);
  } catch (error) {
    throw placeSpecIssues(error, tables.settings, json);
  }
  const messages = [...notes, ...result.warnings.map((issue) => formatIssue(issue, origins, args.lang))];
  const analysis = await runCliAnalysis(result, args.analysis);

  const files: PendingWrite[] = [];
  if (args.csv) files.push({ path: args.csv, content: formatCsv(scoresTable(result)) });
  if (args.json) files.push({ path: args.json, content: withAnalysisJson(resultJson(result, origins), analysis) });
  if (out) {
    const workbook = await resultWorkbook(
      result,
      args.lang,
      kind === "xlsx" ? args.input : undefined,
      tables,
      analysis,
    );
    files.push({ path: out, content: workbook.chunks });
    for (const warning of workbook.warnings) messages.push(warning);
  }
  // Everything the run prints is prepared before the first file is written: a failure here leaves no file behind.
  const summary = [
    `${runSummary(result, args.lang)}\n\n${topTable(result, 10, args.lang)}`,
    ...(analysis ? [analysisSummary(analysis, args.lang)] : []),
  ].join("\n");
  await writeAll(files);
  return {
    result,
    origins,
    messages,
    written: files.map((file) => file.path),
    summary,
    ...(analysis ? { analysis } : {}),
  };
}

/** The input workbook (or, for CSV input, the input tables as sheets) plus the result sheets and charts. */
export async function resultWorkbook(
  result: IndexResult,
  language: Language,
  inputPath: string | undefined,
  tables: InputTables,
  analysis?: AnalysisResult,
): Promise<{ chunks: Uint8Array[]; warnings: string[] }> {
  // The widest sheets first, from counts alone: a plan for 150,000 indicators would take minutes and gigabytes to refuse.
  const text = reportText(language);
  const height = result.units.codes.length + 1;
  checkSheetLimits([
    { name: text.sheetNormalized, rows: height, cols: 2 + result.framework.indicators.length },
    { name: text.sheetScores, rows: height, cols: 2 + result.framework.aggregates.length },
  ]);
  const published = tables.published ? parsePublished(tables.published) : undefined;
  const report = buildReport(result, { language, ...(published ? { published } : {}) }).sheets;
  const plan = {
    sheets: finishReport([...report, ...(analysis ? buildAnalysisReport(analysis, result, { language }) : [])]),
  };
  const inputTables = inputPath
    ? undefined
    : [
        { name: "Data", rows: tables.data.map((row) => [...row]) as Cell[][] },
        { name: "Framework", rows: tables.framework.map((row) => [...row]) as Cell[][] },
      ];
  // Before any writing: text longer than an Excel cell holds, or a sheet beyond Excel's 1,048,576 rows
  // or 16,384 columns, is a clear error.
  if (inputTables) checkCellText(inputTables, tables.origins, language);
  const extents = (inputTables ?? []).map((t) => ({
    name: t.name,
    rows: t.rows.length,
    cols: t.rows.reduce((m, r) => Math.max(m, r.length), 0),
  }));
  checkSheetLimits([...extents, ...planExtents(plan)]);
  // The .xlsx writer (and exceljs) is loaded only when a workbook is written: a CSV run starts faster.
  const { buildResultWorkbook } = await import("./xlsx");
  const { chunks, summary } = await buildResultWorkbook({ inputPath, inputTables, plan });
  // What exceljs could not carry over from the input workbook (pivot tables, VBA, …) is said, not silently dropped.
  return { chunks, warnings: summary.warnings };
}

/** CSV input is copied into the workbook: a cell over Excel's 32,767 characters is refused, naming it. */
function checkCellText(
  sheets: { name: string; rows: Cell[][] }[],
  origins: InputTables["origins"],
  language: Language,
): void {
  const problems: string[] = [];
  for (const { name, rows } of sheets) {
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const long = typeof cell === "string" ? tooLongText(cell, msg("what.text")) : null;
        if (long && problems.length < 20)
          problems.push(
            `${origins[name as "Data" | "Framework"]?.sheet ?? name}!${cellAddress(r, c)}: ${render(language, long)}`,
          );
      }),
    );
  }
  if (problems.length > 0) throw new IndexComputeError(problems.join("\n"));
}
