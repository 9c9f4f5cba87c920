/** Runs the real webpack configuration (as `npm run build` does) into a folder of the test's choosing. */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import webpack from "webpack";

const require = createRequire(import.meta.url);

export async function buildAddin(
  outputPath: string,
  env: Record<string, string> = {},
  mode: "production" | "development" = "production",
): Promise<string> {
  const makeConfig = require(resolve("webpack.config.js")) as (
    env: object,
    argv: object,
  ) => Promise<webpack.Configuration>;
  const config = await makeConfig({ outputPath: resolve(outputPath), ...env }, { mode });
  config.infrastructureLogging = { level: "error" };
  return new Promise((done, fail) => {
    webpack(config, (error, stats) => {
      if (error) return fail(error);
      if (stats?.hasErrors()) return fail(new Error(stats.toString({ all: false, errors: true })));
      done(resolve(outputPath));
    });
  });
}

const SHARED = resolve("test-output/production-build");
const LOCK = `${SHARED}.lock`;
const STAMP = join(SHARED, ".inputs-sha256");

/** Everything `npm run build` reads from the repository: sources, config, manifest, icons, locked dependency versions. */
function buildInputsHash(): string {
  const hash = createHash("sha256");
  const files = ["webpack.config.js", "manifest.xml", "package-lock.json", "tsconfig.json"];
  for (const dir of ["src", "assets"]) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
  }
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/**
 * The production build (`npm run build`, office.js local) shared by the browser tests: built once per test run
 * into test-output/production-build and reused while its inputs are unchanged. Test files run in separate
 * processes, so a lock directory makes the others wait for the one that builds.
 */
export async function sharedProductionBuild(): Promise<string> {
  const wanted = buildInputsHash();
  const current = () => (existsSync(STAMP) ? readFileSync(STAMP, "utf8") : "");
  for (;;) {
    if (current() === wanted) return SHARED;
    mkdirSync(dirname(LOCK), { recursive: true });
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A holder that died leaves its lock behind; a build takes well under 5 minutes.
      if (Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((wake) => setTimeout(wake, 500));
    }
  }
  try {
    if (current() !== wanted) {
      rmSync(STAMP, { force: true });
      await buildAddin(SHARED);
      writeFileSync(STAMP, wanted);
    }
    return SHARED;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
