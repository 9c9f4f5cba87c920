/** Editions over time (docs/methods.md, "Editions over time"). */
export { detectEditions } from "./detect";
export { computeEditionsIndex } from "./compute";
export { editionResult, editionTime, rankChangeOf } from "./result";
export type { EditionLayout, EditionLog, EditionsInfo } from "./types";
export { editionsSummary } from "./summary";
export type { EditionsSummary, EditionTop } from "./summary";
export { standaloneEdition } from "./standalone";
