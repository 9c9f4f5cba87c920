/** Output paths: never the same file as an input, and every file appears only when complete. */
import { realpathSync, statSync } from "node:fs";
import { mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** Refused output (it would write over an input): exit code 2, nothing written. */
export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputRefusedError";
  }
}

/** A canonical form of a path for comparison (symlinks resolved when the file exists). */
function canonical(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

export function samePath(a: string, b: string): boolean {
  if (canonical(a) === canonical(b)) return true;
  try {
    const sa = statSync(a), sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino; // hard links, case-insensitive file systems
  } catch {
    return false;
  }
}

export interface PlannedFile {
  flag: string;
  path: string;
  /** Allowed to be this input (--out with --in-place). */
  mayReplace?: string;
}

/** Checks the outputs against the inputs and each other before anything is read or written. */
export function checkOutputs(inputs: { flag: string; path: string }[], outputs: PlannedFile[]): void {
  for (const output of outputs) {
    for (const input of inputs) {
      if (!samePath(output.path, input.path)) continue;
      if (output.mayReplace && samePath(output.mayReplace, input.path)) continue;
      const hint = output.flag === "--out" && input.flag === "input" ? "; choose another file, or add --in-place to add the results to the input workbook" : "; choose another file";
      throw new OutputRefusedError(`${output.flag} ${output.path} is the ${input.flag === "input" ? "input file" : `${input.flag} file`}: refusing to write over it${hint}`);
    }
  }
  for (let i = 0; i < outputs.length; i++) {
    for (let j = i + 1; j < outputs.length; j++) {
      if (samePath(outputs[i]!.path, outputs[j]!.path)) throw new OutputRefusedError(`${outputs[i]!.flag} and ${outputs[j]!.flag} name the same file ${outputs[i]!.path}`);
    }
  }
}

export interface PendingWrite {
  path: string;
  content: string | Uint8Array;
}

/**
 * Writes every file to a temporary name beside it, then renames them all: a failure while
 * writing leaves every target as it was (a rename replaces a file in one step).
 */
export async function writeAll(files: PendingWrite[]): Promise<void> {
  // A folder or device where a file should go would fail the rename after others succeeded.
  for (const file of files) {
    const existing = await stat(file.path).catch(() => undefined);
    if (existing && !existing.isFile()) {
      throw Object.assign(new Error(`${file.path} is a folder or a special file, not a regular file`), { code: "EISDIR" });
    }
  }
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(resolve(file.path)), { recursive: true });
      const temp = join(dirname(resolve(file.path)), `.${basename(file.path)}.${process.pid}.tmp`);
      temps.push({ temp, path: file.path });
      await writeFile(temp, file.content);
    }
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw error;
  }
  let renamed = 0;
  try {
    for (const { temp, path } of temps) {
      await rename(temp, path);
      renamed++;
    }
  } catch (error) {
    await Promise.all(temps.slice(renamed).map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw error;
  }
}
