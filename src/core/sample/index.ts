/** The bundled IECI sample (data, framework, settings, editions) and the worksheet-functions demo sheet. */
export * from "./ieci";
export { IECI_2024_ROWS } from "./ieci-2024";
export { functionsSheetSpills, functionsSheetTable, fileFormula, FILE_PREFIX, type SpillArea } from "./functions-sheet";
