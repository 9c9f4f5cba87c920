/**
 * The engine's public surface: spec, pipeline, steps, methods, results, errors, editions, weights.
 * Outside core, code imports core only through core/engine, core/stats, core/analysis, core/report
 * and core/sample (eslint.config.mjs enforces it); inside core, modules import each other directly.
 */
export { computeIndex, runPipeline } from "../pipeline";
export { parseFramework } from "../framework";
export { parseData } from "../data";
export { parseSpec, settingsToSpecInput, aggregateFor, coerceSetting } from "../spec";
export type {
  IndexSpec,
  NormalizeSpec,
  AggregateSpec,
  AggregateOneSpec,
  ImputeSpec,
  TreatSpec,
  WinsorizeSpec,
  SpecInput,
} from "../spec";
export {
  IndexInputError,
  IndexComputeError,
  formatIssue,
  cellAddress,
  columnLetter,
  issueMessage,
  computeErrorMessage,
  said,
} from "../errors";
export * from "../messages";
export * from "../a1";
export type { ValidationIssue, TableOrigin, TableName } from "../errors";
export type * from "../types";
export type * from "../result";
export { languageSchema, LANGUAGES, type Language } from "../language";
export { normalizeColumn, ValueError } from "../steps/normalize";
export { aggregateColumns } from "../steps/aggregate";
export { rankAscending, rankDescending } from "../steps/rank";
export { winsorizeColumn } from "../steps/treat";
export { effectiveWeights, weightsInForce } from "../weights-in-force";
export { columnOf, scoreOf, aggregatesTopDown } from "../columns";
export * from "../editions";
export * from "../methods";
export { aggregateOneSchema } from "../methods/aggregate";
export type { NormalizeEntry } from "../methods/normalize";
export * from "../weights";
export { parsePublished, type PublishedRanking } from "../published";
export { tooLongText, headerKey, codeText, mapHeaders } from "../table";
export { FRAMEWORK_ALIASES } from "../framework";
export * from "../whatif";
export { UNIT_CODE, UNIT_NAME } from "../data";
export { bareObject, forbiddenKeyMessage, forbiddenKeyPaths } from "../safe-keys";
