/**
 * `npm run dev-server` configuration, started with webpack-dev-server's API: it serves the page, the bundles,
 * functions.json, office.js, the manifest and icons from memory. Plain http here: the https certificates of
 * office-addin-dev-certs must be trusted by the OS, which a test machine cannot do.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import webpack from "webpack";
import Server from "webpack-dev-server";

const require = createRequire(import.meta.url);

test(
  "dev server serves every file the manifest and the page name, with the development manifest",
  { timeout: 180_000 },
  async () => {
    const makeConfig = require(resolve("webpack.config.js")) as (
      env: object,
      argv: object,
    ) => Promise<webpack.Configuration & { devServer: Server.Configuration }>;
    const config = await makeConfig({}, { mode: "development" });
    assert.equal(config.devServer.port, 3000);
    assert.equal((config.devServer.server as { type: string }).type, "https");
    config.infrastructureLogging = { level: "error" };
    const server = new Server({ ...config.devServer, server: "http", port: 0, host: "127.0.0.1" }, webpack(config));
    await server.start();
    try {
      const port = (server.server!.address() as { port: number }).port;
      const get = async (path: string) => {
        const response = await fetch(`http://127.0.0.1:${port}/${path}`);
        return { status: response.status, body: await response.text() };
      };
      const manifest = await get("manifest.xml");
      assert.equal(manifest.status, 200);
      const files = [...manifest.body.matchAll(/DefaultValue="https:\/\/localhost:3000\/([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(
        files.includes("taskpane.html") && files.includes("functions.json"),
        "the dev manifest keeps its localhost URLs",
      );
      for (const file of new Set([...files, "taskpane.js", "office/office.js", "taskpane.css"]))
        assert.equal((await get(file)).status, 200, file);
      assert.match((await get("taskpane.html")).body, /<script src="?office\/office\.js"?>/);
    } finally {
      await server.stop();
    }
  },
);
