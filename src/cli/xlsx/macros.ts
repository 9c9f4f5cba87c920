/**
 * Macros are found by content, not by the file's extension: an .xlsm renamed .xlsx still has its
 * VBA project (xl/vbaProject.bin, or a part of that content type). An .xlsx cannot hold macros,
 * so the writer says they are not in the result, and --in-place refuses such a workbook.
 */
import { readFile } from "node:fs/promises";
import { CONTENT_TYPES, OoxmlPackage } from "./ooxml/package";
import { childElements } from "./ooxml/xml";

const VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject";

/** The VBA project part of a package, if it has one. */
export function macroPart(pkg: OoxmlPackage): string | undefined {
  const types = pkg.xml(CONTENT_TYPES);
  for (const override of types ? childElements(types.root, "Override") : []) {
    const part = (override.attrs.PartName ?? "").replace(/^\//, "");
    if (override.attrs.ContentType === VBA_CONTENT_TYPE && pkg.has(part)) return part;
  }
  return pkg
    .paths()
    .find((name) => name.toLowerCase() === "vbaproject.bin" || name.toLowerCase().endsWith("/vbaproject.bin"));
}

export function macrosNotKept(part: string): string {
  return `the input workbook has macros (${part}); an .xlsx result cannot hold them, so they are not in it (keep the input as your macro workbook)`;
}

export function macrosRefused(input: string, part: string): string {
  return `--in-place: ${input} has macros (${part}) although it is named like an .xlsx; writing the results into it would drop them. Write the results with --out <results.xlsx> instead`;
}

/** The VBA project part of a workbook file; undefined also when the file is no zip (read errors come later, with their own message). */
export async function macroPartOfFile(path: string): Promise<string | undefined> {
  try {
    return macroPart(OoxmlPackage.load(await readFile(path)));
  } catch {
    return undefined;
  }
}
