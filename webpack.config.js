/* Builds dist/: one taskpane.html carrying the task pane, ribbon commands and custom functions (one shared
   runtime), functions.json from the JSDoc tags of src/functions/functions.ts, the manifest with its URLs
   rewritten for the host, icons, and office.js.
   Environment:
     ADDIN_PROD_URL  https base URL where dist/ is hosted (e.g. https://intranet.example.org/index-studio/);
                     production builds rewrite https://localhost:3000/ to it in dist/manifest.xml.
     OFFICE_JS       "local" (default): office.js and the Excel files it loads are copied into dist/ and served
                     from there (works offline, pinned version); "cdn": taskpane.html loads Microsoft's CDN copy
                     (Microsoft's recommendation for store add-ins; Office updates it). */
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { finishFunctionsMetadata } = require("./src/functions/metadata-options.cjs");

/** Adds the functions.json options the generator cannot express (src/functions/metadata-options.cjs). */
class FunctionsMetadataOptionsPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsMetadataOptions", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsMetadataOptions", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (asset)
            compilation.updateAsset(
              "functions.json",
              new sources.RawSource(finishFunctionsMetadata(asset.source.source().toString())),
            );
        },
      );
    });
  }
}

const DEV_URL = "https://localhost:3000/";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const OFFICE_DIST = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

/** The files office.js loads for Excel: the loader, Excel's host scripts, telemetry and every locale's strings. */
const OFFICE_FILES =
  /^(office\.js|excel[-\w.]*\.js|custom-functions-runtime\.js|es6-promise\.js|o15apptofilemappingtable\.js|telemetry\/[\w.]+\.js|ariatelemetry\/[\w.-]+\.js|[a-z]{2,3}(-[a-z0-9]{2,4}){1,2}\/office_strings\.js)$/;

function productionUrl(env) {
  const url = env.prodUrl || process.env.ADDIN_PROD_URL;
  if (!url) return null;
  if (!/^https:\/\/[^\s"<>]+\/$/.test(url)) {
    throw new Error(
      `ADDIN_PROD_URL must be an https URL ending in "/", e.g. https://intranet.example.org/index-studio/ (got ${JSON.stringify(url)})`,
    );
  }
  return url;
}

/** Content-Security-Policy of the task pane: own files only, plus Microsoft's CDN when office.js comes from there. */
function contentSecurityPolicy(officeJs) {
  const office = officeJs === "cdn" ? " https://appsforoffice.microsoft.com" : "";
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const officeJs = (env.officeJs || process.env.OFFICE_JS || "local").toLowerCase();
  if (officeJs !== "local" && officeJs !== "cdn")
    throw new Error(`OFFICE_JS must be "local" or "cdn" (got ${JSON.stringify(officeJs)})`);
  const baseUrl = mode === "production" ? productionUrl(env) : null;
  const hasFunctions = fs.existsSync(path.resolve(__dirname, FUNCTIONS_SOURCE));

  // no-eval first: it switches zod's JIT off before any schema is built (the CSP forbids eval).
  const entry = { taskpane: ["./src/taskpane/no-eval.ts", "./src/shared-runtime.ts"] };
  // functions.js is its own chunk so that the manifest's Script URL names a real file; taskpane.html loads it too.
  if (hasFunctions) entry.functions = ["./src/taskpane/no-eval.ts", FUNCTIONS_SOURCE];

  const copies = [
    { from: "assets/icon-*.png", to: "assets/[name][ext]" },
    { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
    {
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => (baseUrl ? content.toString().split(DEV_URL).join(baseUrl) : content),
    },
  ];
  if (officeJs === "local") {
    copies.push({
      from: "**/*.js",
      context: OFFICE_DIST,
      to: "office/[path][name][ext]",
      info: { minimized: true }, // already minified by Microsoft; keeps Terser off 20 MB of office.js files
      filter: (file) => {
        const relative = path.relative(OFFICE_DIST, file).split(path.sep).join("/");
        return OFFICE_FILES.test(relative) && !relative.endsWith(".debug.js"); // debug copies double the size
      },
    });
  }

  return {
    mode,
    devtool: mode === "development" ? "source-map" : false,
    entry,
    // outputPath lets the tests build into their own folders (test-output/...) while dist/ stays as it is.
    output: { path: path.resolve(__dirname, env.outputPath || "dist"), filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } },
      ],
    },
    performance: { hints: false },
    plugins: [
      ...(hasFunctions
        ? [
            new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_SOURCE }),
            new FunctionsMetadataOptionsPlugin(),
          ]
        : []),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: hasFunctions ? ["functions", "taskpane"] : ["taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "blocking",
        inject: "body",
        officeJs: officeJs === "cdn" ? OFFICE_CDN : "office/office.js",
        csp: contentSecurityPolicy(officeJs),
      }),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    devServer: {
      static: false, // everything is served from the in-memory build, including the copied files
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      server: { type: "https", options: env.WEBPACK_SERVE ? await httpsOptions() : {} },
    },
  };
};

/** Trusted localhost certificates from office-addin-dev-certs (installed on first `npm run dev-server`). */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}
