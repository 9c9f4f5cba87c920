/**
 * Macros are found by content, not by the file's extension: an .xlsm renamed .xlsx still has its
 * VBA project (xl/vbaProject.bin, or a part of that content type). An .xlsx cannot hold macros,
 * so the writer says they are not in the result, and --in-place refuses such a workbook.
 */
import { readFile } from "node:fs/promises";
import JSZipModule from "jszip";
import type JSZip from "jszip";
import { attributes } from "./xml";

const VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject";

/** The VBA project part of a package, if it has one. */
export async function macroPart(zip: JSZip): Promise<string | undefined> {
  const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  for (const tag of types.match(/<Override\b[^>]*>/g) ?? []) {
    const a = attributes(tag);
    const part = (a.get("PartName") ?? "").replace(/^\//, "");
    if (a.get("ContentType") === VBA_CONTENT_TYPE && zip.file(part)) return part;
  }
  return Object.keys(zip.files).find((name) => /(^|\/)vbaProject\.bin$/i.test(name));
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
    return await macroPart(await JSZipModule.loadAsync(await readFile(path)));
  } catch {
    return undefined;
  }
}
