/** Helpers for the command-line tests: temp folders, running the CLI in-process or as a process. */
import assert from "node:assert/strict";
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
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
      cwd,
      env: { ...process.env, INDEX_STUDIO_DEBUG: "" },
    });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The CLI in this process (same code path as main.ts, without a process start). */
export async function runInProcess(args: string[]): Promise<CliRun> {
  let stdout = "",
    stderr = "";
  const code = await runCli(args, { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

/** A CSV file as records keyed by its header. */
export function readCsvRecords(path: string): Record<string, string | null>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8"));
  return rows.map((row) => Object.fromEntries(header!.map((name, c) => [name!, row[c] ?? null])));
}

/** A --csv output against COINr's expected CSV: every score within 1e-9 (relative), every rank equal, for all 51 units. */
export function assertMatchesCoinr(actualPath: string, expectedPath: string): void {
  const actual = readCsvRecords(actualPath);
  const expected = readCsvRecords(expectedPath);
  const byCode = new Map(actual.map((row) => [row.uCode, row]));
  assert.equal(actual.length, expected.length, "one row per unit");
  const columns = Object.keys(expected[0]!).filter((c) => c !== "uCode" && c !== "uName");
  assert.deepEqual(Object.keys(actual[0]!).slice(0, 2), ["uCode", "uName"]);
  assert.deepEqual(
    new Set(Object.keys(actual[0]!).slice(2)),
    new Set(columns),
    "a score and a _Rank column for every aggregate",
  );
  let compared = 0;
  for (const want of expected) {
    const got = byCode.get(want.uCode);
    assert.ok(got, `unit ${want.uCode} is in the output`);
    assert.equal(got.uName, want.uName);
    for (const column of columns) {
      const g: number = Number(got[column]),
        w: number = Number(want[column]);
      if (column.endsWith("_Rank")) assert.equal(g, w, `${want.uCode} ${column}`);
      else assert.ok(Math.abs(g - w) <= 1e-9 * Math.max(1, Math.abs(w)), `${want.uCode} ${column}: ${g} vs COINr ${w}`);
      compared++;
    }
  }
  assert.equal(compared, 51 * 22);
}
