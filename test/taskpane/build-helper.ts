/** Runs the real webpack configuration (as `npm run build` does) into a folder of the test's choosing. */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import webpack from "webpack";

const require = createRequire(import.meta.url);

export async function buildAddin(outputPath: string, env: Record<string, string> = {}, mode: "production" | "development" = "production"): Promise<string> {
  const makeConfig = require(resolve("webpack.config.js")) as (env: object, argv: object) => Promise<webpack.Configuration>;
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
