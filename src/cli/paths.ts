/** Output paths: never the same file as an input, and every file appears only when complete. */
import { realpathSync, statSync } from "node:fs";
import { mkdir, readdir, rename, rmdir, stat, unlink, writeFile } from "node:fs/promises";
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
    const sa = statSync(a),
      sb = statSync(b);
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
      const hint =
        output.flag === "--out" && input.flag === "input"
          ? "; choose another file, or add --in-place to add the results to the input workbook"
          : "; choose another file";
      throw new OutputRefusedError(
        `${output.flag} ${output.path} is the ${input.flag === "input" ? "input file" : `${input.flag} file`}: refusing to write over it${hint}`,
      );
    }
  }
  for (let i = 0; i < outputs.length; i++) {
    for (let j = i + 1; j < outputs.length; j++) {
      if (samePath(outputs[i]!.path, outputs[j]!.path))
        throw new OutputRefusedError(
          `${outputs[i]!.flag} and ${outputs[j]!.flag} name the same file ${outputs[i]!.path}`,
        );
    }
  }
}

export interface PendingWrite {
  path: string;
  content: string | Uint8Array | readonly Uint8Array[];
}

/**
 * Writes every file to a temporary name beside it, then renames them all: a failure while
 * writing leaves every target as it was (a rename replaces a file in one step), and removes the
 * temporary files and the folders this run created. Temporary files of ours that a killed run
 * left behind (its process gone) are removed first.
 */
export async function writeAll(files: PendingWrite[]): Promise<void> {
  // A folder or device where a file should go would fail the rename after others succeeded.
  for (const file of files) {
    const existing = await stat(file.path).catch(() => undefined);
    if (existing && !existing.isFile()) {
      throw Object.assign(new Error(`${file.path} is a folder or a special file, not a regular file`), {
        code: "EISDIR",
      });
    }
  }
  const temps: { temp: string; path: string }[] = [];
  const created: { first: string; last: string }[] = [];
  try {
    for (const file of files) {
      const folder = dirname(resolve(file.path));
      const first = await makeFolder(folder);
      if (first) created.push({ first, last: folder });
      await removeStaleTemps(file.path);
      const temp = tempPath(file.path, process.pid);
      temps.push({ temp, path: file.path });
      await writeFile(temp, file.content);
    }
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => unlink(temp).catch(() => undefined)));
    await removeFolders(created);
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

/** ".name.xlsx.<pid>.tmp" beside the target. */
export function tempPath(path: string, pid: number): string {
  return join(dirname(resolve(path)), `.${basename(path)}.${pid}.tmp`);
}

/** Removes temporary files of `path` (our naming) whose process no longer runs. */
export async function removeStaleTemps(path: string): Promise<void> {
  const folder = dirname(resolve(path));
  const prefix = `.${basename(path)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = name.slice(prefix.length, -".tmp".length);
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid || running(Number(pid))) continue;
    await unlink(join(folder, name)).catch(() => undefined);
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** mkdir -p with a clear message when a file stands where a folder should be; returns the first folder created. */
async function makeFolder(folder: string): Promise<string | undefined> {
  try {
    return await mkdir(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EEXIST" && code !== "ENOTDIR") throw error;
    for (let blocker = folder; dirname(blocker) !== blocker; blocker = dirname(blocker)) {
      if ((await stat(blocker).catch(() => undefined))?.isFile()) {
        throw Object.assign(new Error(`cannot create the folder ${folder}: ${blocker} is a file`), { code });
      }
    }
    throw error;
  }
}

/** The folders a failed run created, deepest first; a folder that is not empty stays. */
async function removeFolders(created: { first: string; last: string }[]): Promise<void> {
  for (const { first, last } of created.reverse()) {
    for (let folder = last; ; folder = dirname(folder)) {
      const removed = await rmdir(folder).then(
        () => true,
        () => false,
      );
      if (!removed || folder === first || dirname(folder) === folder) break;
    }
  }
}
