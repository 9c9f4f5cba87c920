/** The .xlsx result writer: input sheets kept, plan sheets added, native DrawingML charts. */
export { writeResultWorkbook, buildResultWorkbook, type WriteResultOptions, type WriteResultSummary } from "./write";
