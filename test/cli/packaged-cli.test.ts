/**
 * The command line as batch users install it: `npm pack` (prepack builds dist-cli/ with esbuild), the tarball
 * installed offline into an empty folder outside the repository, then `npx index-studio ...` there with no
 * tsx, no TypeScript and no repository node_modules on PATH. The CSV must equal COINr's output for ASEM.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { test } from "node:test";
import { ASEM, assertMatchesCoinr, REPO, tempDir } from "./helpers";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The environment of a machine without this repository: its node_modules/.bin (tsx, tsc, esbuild) off PATH. */
function outsideEnv(): NodeJS.ProcessEnv {
  const path = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => !dir.includes("node_modules"))
    .join(delimiter);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: path,
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    INDEX_STUDIO_DEBUG: "",
  };
  for (const key of Object.keys(env))
    if (key.startsWith("npm_package_") || key === "NODE_OPTIONS" || key === "NODE_PATH") delete env[key];
  return env;
}

test(
  "npm pack → npm install --offline in an empty folder → npx index-studio compute: COINr's ASEM scores within 1e-9",
  { timeout: 300_000 },
  async () => {
    const work = tempDir();
    try {
      const pack = await run("npm", ["pack", "--json", "--pack-destination", work], REPO);
      assert.equal(pack.code, 0, pack.stderr);
      const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as {
        filename: string;
        files: { path: string }[];
      }[];
      // The bundle, its licences, the sample for `demo`; no sources, tests or fixtures.
      assert.deepEqual(packed!.files.map((f) => f.path).sort(), [
        "README.md",
        "assets/sample/ieci-2022.xlsx",
        "dist-cli/THIRD-PARTY-LICENSES.txt",
        "dist-cli/bin/index-studio.cjs",
        "package.json",
      ]);

      const app = join(work, "app");
      const env = outsideEnv();
      mkdirSync(app);
      // Its own package.json, so that npm installs here and not into a project found further up the tree.
      writeFileSync(join(app, "package.json"), JSON.stringify({ name: "batch-job", version: "1.0.0", private: true }));
      const install = await run(
        "npm",
        ["install", "--offline", "--no-audit", "--no-fund", join(work, packed!.filename)],
        app,
        env,
      );
      assert.equal(install.code, 0, install.stderr);
      const manifest = JSON.parse(readFileSync(join(app, "node_modules/index-studio/package.json"), "utf8")) as Record<
        string,
        unknown
      >;
      // A runtime dependency would need the registry here: bundle it (scripts/build-cli.mjs) and list it under devDependencies.
      for (const key of ["dependencies", "peerDependencies", "optionalDependencies"])
        assert.equal(manifest[key], undefined, `the package declares ${key}`);
      assert.deepEqual(
        readdirSync(join(app, "node_modules")).filter((name) => !name.startsWith(".")),
        ["index-studio"],
        "nothing but the package is installed",
      );

      copyFileSync(join(ASEM, "data.csv"), join(app, "data.csv"));
      copyFileSync(join(ASEM, "meta.csv"), join(app, "meta.csv"));
      const compute = await run(
        "npx",
        ["index-studio", "compute", "data.csv", "--meta", "meta.csv", "--csv", "out.csv"],
        app,
        env,
      );
      assert.equal(compute.code, 0, compute.stderr);
      assert.match(compute.stdout, /51 units, 49 indicators, 11 aggregates/);

      assertMatchesCoinr(join(app, "out.csv"), join(ASEM, "expected-default.csv"));

      // The .xlsx path (exceljs inside the bundle) and the sample workbook shipped beside it.
      const demo = await run("npx", ["index-studio", "demo", "--out", "results.xlsx"], app, env);
      assert.equal(demo.code, 0, demo.stderr);
      assert.match(demo.stdout, /^ +1 +LON +London /m);
      assert.ok(existsSync(join(app, "results.xlsx")));
      // A command-line mistake: exit code 2 with the usage, no stack trace.
      const wrong = await run("npx", ["index-studio", "compute", "data.csv", "--bogus"], app, env);
      assert.equal(wrong.code, 2);
      assert.doesNotMatch(wrong.stderr, /\n +at /);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
);
