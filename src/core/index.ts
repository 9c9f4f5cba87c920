/** Index Studio's engine: pure TypeScript, no Office globals, no I/O. */
export { computeIndex, runPipeline } from "./pipeline";
export { parseFramework } from "./framework";
export { parseData } from "./data";
export { parseSpec, settingsToSpecInput, aggregateFor, NORMALIZE_METHODS, AGGREGATE_METHODS, IMPUTE_METHODS, TREAT_METHODS } from "./spec";
export type { IndexSpec, NormalizeSpec, AggregateSpec, AggregateOneSpec, ImputeSpec, TreatSpec, WinsorizeSpec, SpecInput } from "./spec";
export { IndexInputError, IndexComputeError, formatIssue, cellAddress, columnLetter } from "./errors";
export type { ValidationIssue, TableOrigin, TableName } from "./errors";
export type * from "./types";
export type * from "./result";
export { normalizeColumn } from "./steps/normalize";
export { aggregateColumns } from "./steps/aggregate";
export { rankAscending, rankDescending } from "./steps/rank";
export { winsorizeColumn } from "./steps/treat";
export { effectiveWeights, weightsInForce } from "./weights-in-force";
export { columnOf, scoreOf } from "./columns";
export { editionResult, editionTime, rankChangeOf } from "./editions";
export type { EditionsInfo } from "./editions";
