// The command line end to end (a real process) on COINr's ASEM example: --csv equals COINr's output.
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ASEM, assertMatchesCoinr, spawnCli, tempDir } from "./helpers";

test("compute data.csv --meta meta.csv --csv: every score within 1e-9 of COINr, every rank equal", async () => {
  const dir = tempDir();
  const out = join(dir, "scores.csv");
  const run = await spawnCli(["compute", join(ASEM, "data.csv"), "--meta", join(ASEM, "meta.csv"), "--csv", out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /51 units, 49 indicators, 11 aggregates/);
  assert.match(run.stdout, /1 +DEU +Germany +75\.23/);
  assertMatchesCoinr(out, join(ASEM, "expected-default.csv"));
});

test("--spec JSON: min-max 1-100 and geometric means match COINr's geometric pipeline", async () => {
  const dir = tempDir();
  const spec = join(dir, "geometric.json");
  writeFileSync(
    spec,
    JSON.stringify({ normalize: { method: "minmax", low: 1, high: 100 }, aggregate: { method: "geometric" } }),
  );
  const out = join(dir, "scores.csv");
  const run = await spawnCli([
    "compute",
    join(ASEM, "data.csv"),
    "--meta",
    join(ASEM, "meta.csv"),
    "--spec",
    spec,
    "--csv",
    out,
  ]);
  assert.equal(run.code, 0, run.stderr);
  assertMatchesCoinr(out, join(ASEM, "expected-geometric.csv"));
});

test("bad input: exit code 1, messages naming the file and cell, no stack trace", async () => {
  const dir = tempDir();
  const lines = readFileSync(join(ASEM, "data.csv"), "utf8").split("\n");
  // Row 6 gets row 5's unit code (column B is uCode).
  const codeOf = (line: string) => line.split(",")[1]!;
  lines[5] = lines[5]!.replace(`,${codeOf(lines[5]!)},`, `,${codeOf(lines[4]!)},`);
  const data = join(dir, "data.csv");
  writeFileSync(data, lines.join("\n"));
  const run = await spawnCli(["compute", data, "--meta", join(ASEM, "meta.csv"), "--csv", join(dir, "out.csv")]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /data\.csv!B6: duplicate unit code/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  assert.equal(run.stdout, "");
  assert.equal(existsSync(join(dir, "out.csv")), false, "nothing written on bad input");
});

test("an unknown option: exit code 2 with the usage", async () => {
  const run = await spawnCli(["compute", join(ASEM, "data.csv"), "--meta", join(ASEM, "meta.csv"), "--fast"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown option --fast/);
  assert.match(run.stderr, /Usage:/);
});

test("a reader that closes early (`| head`): the run still writes its CSV, exits 0 and prints no EPIPE error", async () => {
  const dir = tempDir();
  const out = join(dir, "scores.csv");
  const { spawn } = await import("node:child_process");
  const { MAIN, REPO } = await import("./helpers");
  const result = await new Promise<{ code: number; stderr: string }>((done, fail) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", MAIN, "compute", join(ASEM, "data.csv"), "--meta", join(ASEM, "meta.csv"), "--csv", out],
      { cwd: REPO },
    );
    child.stdout.destroy(); // the pipe's reader is gone before the first line
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stderr }));
  });
  assert.equal(result.code, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /EPIPE|internal error/);
  assertMatchesCoinr(out, join(ASEM, "expected-default.csv"));
});
