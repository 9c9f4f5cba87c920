/** Helpers for the command-line tests: temp folders, running the CLI in-process or as a process. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseCsv } from "../../src/cli/csv";
import { runCli } from "../../src/cli/run";

export const REPO = resolve(__dirname, "../..");
export { CONFORMANCE_DIR as ASEM } from "../helpers/conformance";
export const MAIN = join(REPO, "src/cli/main.ts");

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "index-studio-cli-"));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as a separate Node process (the way npm runs it, minus npm's start-up time). */
export function spawnCli(args: string[], cwd = REPO): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd, env: { ...process.env, INDEX_STUDIO_DEBUG: "" } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The CLI in this process (same code path as main.ts, without a process start). */
export async function runInProcess(args: string[]): Promise<CliRun> {
  let stdout = "", stderr = "";
  const code = await runCli(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

/** A CSV file as records keyed by its header. */
export function readCsvRecords(path: string): Record<string, string | null>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8"));
  return rows.map((row) => Object.fromEntries(header!.map((name, c) => [name!, row[c] ?? null])));
}
