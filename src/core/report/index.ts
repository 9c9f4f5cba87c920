/** The report plan (sheets, tables, charts) that both writers execute, its texts and Excel's limits. */
export type * from "./types";
export { buildReport, SCORE_FORMAT, RANK_FORMAT, type ReportOptions } from "./build";
export { buildAnalysisReport } from "./analysis";
export { reportText, fill, type ReportText } from "./i18n";
export {
  checkSheetLimits,
  planExtents,
  sheetLimitProblems,
  sheetLimitTexts,
  EXCEL_MAX_ROWS,
  EXCEL_MAX_COLS,
  type SheetExtent,
} from "./limits";
export {
  finishReport,
  finishSheet,
  columnFormats,
  HEADER_STYLE,
  HIGHLIGHT_STYLE,
  magnitudeFormat,
  wrappedLines,
} from "./finish";
export { cleanSheetName, uniqueSheetName, uniqueTableName } from "./names";
export * from "./ownership";
