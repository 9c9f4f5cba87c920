/** manifest.xml: schema-valid, one shared runtime, consistent resource ids, ribbon action = registered id, URLs and icons real. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { REFRESH_RANKING_ACTION, registerCommands } from "../src/commands/commands";
import { REQUIRED_EXCEL_API } from "../src/excel/office";
import type { AddinService } from "../src/excel/service";
import { findAll, findOne, parseXml, pngSize, validateManifest, type XmlElement } from "./taskpane/manifest-xml";

const DEV_URL = "https://localhost:3000/";
const source = readFileSync("manifest.xml", "utf8");
const manifest = parseXml(source);

/** Files that `npm run build` puts into dist/, relative to dist (checked against a real build in test/taskpane/build.test.ts). */
export const BUILD_OUTPUTS = [
  "taskpane.html",
  "taskpane.js",
  "functions.js",
  "functions.json",
  "manifest.xml",
  "taskpane.css",
];

function resourceIds(): Map<string, XmlElement> {
  const resources = findOne(manifest, "Resources");
  const ids = new Map<string, XmlElement>();
  for (const element of [
    ...findAll(resources, "Image"),
    ...findAll(resources, "Url"),
    ...findAll(resources, "String"),
  ]) {
    if (element.parent?.local === "Image" || !element.attrs.id) continue;
    assert.ok(!ids.has(element.attrs.id), `resource id ${element.attrs.id} defined twice`);
    ids.set(element.attrs.id, element);
  }
  return ids;
}

const versionHost = () => findOne(findOne(manifest, "VersionOverrides"), "Host");

test("manifest.xml validates against the Office add-in manifest schemas", async () => {
  assert.deepEqual(await validateManifest(source), []);
});

test("the schema check catches a misplaced element and a wrong permission (the validator is live)", async () => {
  const misplaced = source.replace(
    "<Permissions>ReadWriteDocument</Permissions>",
    "<Permission>ReadWriteDocument</Permission>",
  );
  assert.ok((await validateManifest(misplaced)).some((line) => /Permission/.test(line)));
  const badPermission = source.replace(
    "<Permissions>ReadWriteDocument</Permissions>",
    "<Permissions>ReadEverything</Permissions>",
  );
  assert.ok((await validateManifest(badPermission)).length > 0);
});

test("one long-lived shared runtime: Runtimes first in Host; Page, FunctionFile and ShowTaskpane use its resource id", () => {
  const host = versionHost();
  assert.equal(host.attrs["xsi:type"], "Workbook");
  assert.equal(host.children[0]!.local, "Runtimes", "Runtimes must be the first child of Host");
  const runtime = findOne(host, "Runtime");
  assert.equal(runtime.attrs.lifetime, "long");
  const resid = runtime.attrs.resid!;
  const customFunctions = findAll(host, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions")!;
  assert.equal(findOne(findOne(customFunctions, "Page"), "SourceLocation").attrs.resid, resid);
  assert.equal(findOne(host, "FunctionFile").attrs.resid, resid);
  const showTaskpane = findAll(host, "Action").filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
  assert.equal(showTaskpane.length, 1);
  assert.equal(findOne(showTaskpane[0]!, "SourceLocation").attrs.resid, resid);
  assert.equal(resourceIds().get(resid)!.attrs.DefaultValue, `${DEV_URL}taskpane.html`);
  assert.equal(
    findOne(findOne(manifest, "DefaultSettings"), "SourceLocation").attrs.DefaultValue,
    `${DEV_URL}taskpane.html`,
  );
});

test("every resid points to a defined resource, and every resource is used", () => {
  const ids = resourceIds();
  const used = new Set<string>();
  const walk = (node: XmlElement) => {
    if (node.local === "Resources") return;
    if (node.attrs.resid) used.add(node.attrs.resid);
    node.children.forEach(walk);
  };
  walk(findOne(manifest, "VersionOverrides"));
  for (const id of used) assert.ok(ids.has(id), `resid "${id}" is not defined in <Resources>`);
  for (const id of ids.keys()) assert.ok(used.has(id), `resource "${id}" is defined but never used`);
});

test("Home tab group has Show Index Studio (ShowTaskpane) and Refresh ranking (ExecuteFunction) = the id the commands register", () => {
  const tab = findOne(versionHost(), "OfficeTab");
  assert.equal(tab.attrs.id, "TabHome");
  const ids = resourceIds();
  const controls = findAll(tab, "Control").map((control) => ({
    label: ids.get(findOne(control, "Label").attrs.resid!)!.attrs.DefaultValue,
    action: control.children.find((c) => c.local === "Action")!,
  }));
  assert.deepEqual(
    controls.map((c) => [c.label, c.action.attrs["xsi:type"]]),
    [
      ["Show Index Studio", "ShowTaskpane"],
      ["Refresh ranking", "ExecuteFunction"],
    ],
  );
  assert.equal(findOne(controls[1]!.action, "FunctionName").text, REFRESH_RANKING_ACTION);
});

test("registerCommands associates the manifest's FunctionName with a handler that completes the event", async () => {
  const functionName = findOne(manifest, "FunctionName").text;
  const associated = new Map<string, (event: { completed(): void }) => Promise<void>>();
  const office = {
    actions: { associate: (id: string, fn: (event: { completed(): void }) => Promise<void>) => associated.set(id, fn) },
  };
  const previous = (globalThis as { Office?: unknown }).Office;
  (globalThis as { Office?: unknown }).Office = office;
  try {
    const api = { loadStoredChoice: async () => null } as unknown as AddinService;
    const shown: string[][] = [];
    registerCommands(api, {
      language: () => "en",
      succeeded: () => assert.fail("no run without a stored choice"),
      failed: (messages) => void shown.push(messages),
    });
    assert.deepEqual([...associated.keys()], [functionName]);
    let completed = 0;
    await associated.get(functionName)!({ completed: () => void completed++ });
    assert.equal(completed, 1);
    assert.match(shown[0]![0]!, /Choose the Data and Framework/);
  } finally {
    (globalThis as { Office?: unknown }).Office = previous;
  }
  // The source registers it through Office.actions.associate, as Office requires for ExecuteFunction in a shared runtime.
  assert.match(readFileSync("src/commands/commands.ts", "utf8"), /Office\.actions\.associate\(REFRESH_RANKING_ACTION,/);
});

test("custom functions: namespace IDX, script/metadata/page URLs are build outputs", () => {
  const ids = resourceIds();
  const point = findAll(versionHost(), "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "CustomFunctions")!;
  assert.equal(ids.get(findOne(point, "Namespace").attrs.resid!)!.attrs.DefaultValue, "IDX");
  const url = (local: string) =>
    ids.get(findOne(findOne(point, local), "SourceLocation").attrs.resid!)!.attrs.DefaultValue;
  assert.equal(url("Script"), `${DEV_URL}functions.js`);
  assert.equal(url("Metadata"), `${DEV_URL}functions.json`);
  assert.equal(url("Page"), `${DEV_URL}taskpane.html`);
});

test("every URL is on the dev host and names a file the build produces; icons have their declared pixel sizes", () => {
  const urls: { url: string; size?: number }[] = [];
  const walk = (node: XmlElement) => {
    const value = node.attrs.DefaultValue;
    if (value && /^https?:/.test(value)) {
      const declared =
        node.local === "IconUrl"
          ? 32
          : node.local === "HighResolutionIconUrl"
            ? 64
            : node.local === "Image"
              ? Number(/(\d+)x\1$/.exec(node.attrs.id ?? "")?.[1])
              : undefined;
      urls.push({ url: value, ...(declared ? { size: declared } : {}) });
    }
    node.children.forEach(walk);
  };
  walk(manifest);
  assert.ok(urls.length >= 8);
  for (const { url, size } of urls) {
    assert.ok(url.startsWith(DEV_URL), `${url} is not under ${DEV_URL}`);
    const file = url.slice(DEV_URL.length);
    if (file.startsWith("assets/")) {
      assert.ok(existsSync(file), `${file} does not exist`);
      const pixels = pngSize(readFileSync(file));
      assert.ok(size, `no declared size for ${file}`);
      assert.deepEqual(pixels, { width: size, height: size }, file);
      assert.equal(file, `assets/icon-${size}.png`);
    } else {
      assert.ok(BUILD_OUTPUTS.includes(file), `${url} is not a file that the build produces`);
    }
  }
  // Bundle-level: the ribbon icon set covers the sizes Office asks for (16/32/80) and the store icons (32/64).
  const sizes = new Set(urls.map((u) => u.size));
  for (const size of [16, 32, 64, 80]) assert.ok(sizes.has(size), `no ${size}px icon`);
});

test("requirements, permission and domains: SharedRuntime 1.1, ExcelApi, ReadWriteDocument, no AppDomains", () => {
  const sets = findAll(findOne(manifest, "Requirements"), "Set").map((set) => [set.attrs.Name, set.attrs.MinVersion]);
  // The lowest ExcelApi is the one the adapter checks at run time; newer APIs it uses sit behind isSetSupported.
  assert.deepEqual(Object.fromEntries(sets), { ExcelApi: REQUIRED_EXCEL_API, SharedRuntime: "1.1" });
  assert.equal(findOne(manifest, "Permissions").text, "ReadWriteDocument");
  assert.equal(findAll(manifest, "AppDomains").length, 0);
});

test("every user-visible string has a Simplified Chinese override", () => {
  const strings = [
    ...findAll(findOne(manifest, "ShortStrings"), "String"),
    ...findAll(findOne(manifest, "LongStrings"), "String"),
  ];
  for (const string of strings.filter((s) => s.attrs.id !== "Functions.Namespace")) {
    const override = string.children.find((c) => c.local === "Override" && c.attrs.Locale === "zh-CN");
    assert.ok(override && /[\u4e00-\u9fff]/.test(override.attrs.Value!), `${string.attrs.id} has no zh-CN text`);
  }
  for (const local of ["DisplayName", "Description"]) {
    const top = manifest.children.find((c) => c.local === local)!;
    assert.ok(
      top.children.some((c) => c.attrs.Locale === "zh-CN"),
      `${local} has no zh-CN override`,
    );
  }
});
