/** Running the command line as npm does (a separate Node process through tsx), for the hardening tests. */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Cell, Table } from "../../src/core/types";

export const REPO = resolve(__dirname, "../..");
const MAIN = join(REPO, "src/cli/main.ts");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDir(prefix = "index-studio-hardening-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function spawnCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], { cwd: REPO, env: { ...process.env, INDEX_STUDIO_DEBUG: "", ...env } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs jobs with at most `limit` at a time (CI has 2 cores). */
export async function limited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, async () => {
    while (next < jobs.length) {
      const k = next++;
      out[k] = await jobs[k]!();
    }
  }));
  return out;
}

/** CSV as a spreadsheet would save it: every text field quoted (so "1,234" stays one field), blanks empty. */
export function toCsv(table: Table): string {
  const field = (cell: Cell) => {
    if (cell === null || cell === undefined) return "";
    if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
    if (typeof cell === "number") return String(cell);
    return `"${cell.replace(/"/g, '""')}"`;
  };
  return table.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

export function writeCsv(path: string, table: Table): void {
  writeFileSync(path, toCsv(table), "utf8");
}
