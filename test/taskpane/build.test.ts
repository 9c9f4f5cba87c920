/** `npm run build` for real (webpack's API, same config): dist contents, rewritten manifest, functions.json, CSP. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildAddin } from "./build-helper";
import { findAll, parseXml, pngSize, validateManifest } from "./manifest-xml";

const PROD_URL = "https://addins.example.org/index-studio/";
const builds = Promise.all([
  buildAddin("test-output/build-prod", { prodUrl: PROD_URL }),
  buildAddin("test-output/build-cdn", { officeJs: "cdn" }),
]);

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attrs, body]) => {
    assert.equal(body!.trim(), "", "no inline script (the CSP would block it)");
    return /src="?([^"\s>]+)"?/.exec(attrs!)?.[1] ?? "";
  });
}

function cspOf(html: string): string {
  return /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
}

test("dist has the shared-runtime page, both bundles, functions.json, manifest, css, icons and office.js with its Excel files", async () => {
  const [dir] = await builds;
  for (const file of [
    "taskpane.html",
    "taskpane.js",
    "functions.js",
    "functions.json",
    "manifest.xml",
    "taskpane.css",
    "office/office.js",
    "office/excel-win32-16.01.js",
    "office/excel-web-16.00.js",
    "office/excel-mac-16.00.js",
    "office/en-us/office_strings.js",
    "office/zh-cn/office_strings.js",
    "office/de-de/office_strings.js",
  ]) {
    assert.ok(existsSync(join(dir, file)), `dist/${file} missing`);
  }
  for (const size of [16, 32, 64, 80])
    assert.deepEqual(pngSize(readFileSync(join(dir, `assets/icon-${size}.png`))), { width: size, height: size });
  const shipped = readdirSync(join(dir, "office"), { recursive: true }).map(String);
  assert.deepEqual(
    shipped.filter((file) => file.endsWith(".debug.js")),
    [],
    "debug copies of office.js files are not shipped",
  );
  // office.js picks its strings by the user's Office language: every locale it knows must be there.
  const officeDist = join("node_modules", "@microsoft", "office-js", "dist");
  const locales = readdirSync(officeDist).filter((name) => existsSync(join(officeDist, name, "office_strings.js")));
  assert.ok(locales.length > 40);
  for (const locale of locales)
    assert.ok(
      existsSync(join(dir, "office", locale, "office_strings.js")),
      `office/${locale}/office_strings.js missing`,
    );
});

test("one page loads office.js, then functions.js, then taskpane.js, under a CSP of own scripts only", async () => {
  const [dir] = await builds;
  const html = readFileSync(join(dir, "taskpane.html"), "utf8");
  assert.deepEqual(scriptSources(html), ["office/office.js", "functions.js", "taskpane.js"]);
  assert.equal(
    cspOf(html),
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
  );
  assert.doesNotMatch(html, /https?:\/\//, "no remote URL in the local build");
  for (const bundle of ["taskpane.js", "functions.js"])
    assert.doesNotMatch(readFileSync(join(dir, bundle), "utf8"), /\beval\(/, `${bundle} calls eval`);
});

test("the CDN variant loads Microsoft's office.js and allows only that origin besides its own", async () => {
  const [, dir] = await builds;
  const html = readFileSync(join(dir, "taskpane.html"), "utf8");
  assert.deepEqual(scriptSources(html), [
    "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    "functions.js",
    "taskpane.js",
  ]);
  assert.match(cspOf(html), /script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
  assert.ok(!existsSync(join(dir, "office")), "no local office.js copy in the CDN build");
});

test("functions.json is generated from src/functions and every function is associated in functions.js", async () => {
  const [dir] = await builds;
  const metadata = JSON.parse(readFileSync(join(dir, "functions.json"), "utf8")) as {
    allowErrorForDataTypeAny?: boolean;
    functions: { id: string; name: string; result: unknown }[];
  };
  assert.equal(
    metadata.allowErrorForDataTypeAny,
    true,
    "error cells reach the functions (src/functions/metadata-options.cjs)",
  );
  const ids = metadata.functions.map((f) => f.id).sort();
  assert.deepEqual(ids, ["AHP", "AHPCR", "INDEX", "NORMALIZE", "RANK", "RANKCHANGE", "SCORE", "WEIGHTS", "WINSORIZE"]);
  const bundle = readFileSync(join(dir, "functions.js"), "utf8");
  for (const id of ids) assert.ok(bundle.includes(`CustomFunctions.associate("${id}"`), `${id} is not associated`);
});

test("dist/manifest.xml: schema-valid, every URL rewritten to ADDIN_PROD_URL and naming a built file", async () => {
  const [dir, cdnDir] = await builds;
  const xml = readFileSync(join(dir, "manifest.xml"), "utf8");
  assert.deepEqual(await validateManifest(xml), []);
  assert.doesNotMatch(xml, /localhost/);
  const urls = new Set<string>();
  const walk = (node: ReturnType<typeof parseXml>) => {
    const value = node.attrs.DefaultValue;
    if (value && /^https?:/.test(value)) urls.add(value);
    node.children.forEach(walk);
  };
  walk(parseXml(xml));
  assert.equal(urls.size, 7); // page, functions.js, functions.json and four icons
  for (const url of urls) {
    assert.ok(url.startsWith(PROD_URL), url);
    assert.ok(existsSync(join(dir, url.slice(PROD_URL.length))), `${url} is not in dist/`);
  }
  assert.equal(findAll(parseXml(xml), "FunctionName")[0]!.text, "refreshRanking");
  // Without ADDIN_PROD_URL the copy keeps the dev URLs, ready for sideloading with npm start.
  assert.equal(readFileSync(join(cdnDir, "manifest.xml"), "utf8"), readFileSync("manifest.xml", "utf8"));
});

test("a bad ADDIN_PROD_URL or OFFICE_JS stops the build with a message that says what to use", async () => {
  await assert.rejects(
    buildAddin("test-output/build-bad", { prodUrl: "http://intranet/index-studio" }),
    /ADDIN_PROD_URL must be an https URL ending in "\/"/,
  );
  await assert.rejects(
    buildAddin("test-output/build-bad", { officeJs: "remote" }),
    /OFFICE_JS must be "local" or "cdn"/,
  );
});
