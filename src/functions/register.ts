/**
 * Binds the functions to their metadata ids in the shared runtime. Use this, or the
 * custom-functions-metadata-plugin's loader (which appends the same associate calls to
 * functions.ts), not both. Does nothing outside Excel, so the module loads in Node.
 */
import * as fns from "./functions";

export const FUNCTION_IDS = {
  NORMALIZE: fns.normalize,
  RANK: fns.rank,
  SCORE: fns.score,
  INDEX: fns.index,
  WEIGHTS: fns.weights,
  AHP: fns.ahp,
  AHPCR: fns.ahpcr,
  WINSORIZE: fns.winsorize,
  RANKCHANGE: fns.rankchange,
} as const;

export function registerFunctions(): boolean {
  if (typeof CustomFunctions === "undefined" || typeof CustomFunctions.associate !== "function") return false;
  for (const [id, fn] of Object.entries(FUNCTION_IDS)) CustomFunctions.associate(id, fn);
  return true;
}
