/**
 * One contract per boundary (issue 12): each concept of the Excel boundary is declared once, and the
 * pane and the ribbon reach src/excel only through the service module. Reads the sources as text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve("src");

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(".", path).split("\\").join("/"), text: readFileSync(path, "utf8") };
    });
}

const all = sources(SRC);

/** Files declaring `name` as a type alias, interface, class or enum (re-exports and imports are not declarations). */
function declaredIn(name: string): string[] {
  const pattern = new RegExp(
    `^\\s*(export\\s+)?(declare\\s+)?(type\\s+${name}\\s*(<[^>]*>)?\\s*=|interface\\s+${name}\\b|class\\s+${name}\\b|enum\\s+${name}\\b)`,
    "m",
  );
  return all.filter((file) => pattern.test(file.text)).map((file) => file.path);
}

test("each boundary concept is declared once, in the contract (the language in core, from one zod enum)", () => {
  assert.ok(all.length > 50, "the scan sees the sources");
  assert.deepEqual(declaredIn("Language"), ["src/core/language.ts"]);
  for (const name of [
    "StoredChoice",
    "TableSource",
    "RunSummary",
    "RunOptions",
    "Detection",
    "AddinService",
    "TemplateKind",
  ]) {
    assert.deepEqual(declaredIn(name), ["src/excel/contract.ts"], name);
  }
  for (const gone of ["SourceChoice", "SourceRef", "AdapterApi", "ReportLanguage", "AddinLanguage"])
    assert.deepEqual(declaredIn(gone), [], gone);
  assert.match(readFileSync("src/core/language.ts", "utf8"), /type Language = z\.infer<typeof languageSchema>/);
  // A copy under another name would spell the languages out again.
  const spelled = all
    .filter((file) => /"en"\s*\|\s*"zh-CN"|"zh-CN"\s*\|\s*"en"/.test(file.text))
    .map((file) => file.path);
  assert.deepEqual(spelled, []);
});

/** Every module specifier a file imports or re-exports (static and dynamic), resolved to a path under src. */
function importsOf(file: { path: string; text: string }): string[] {
  const specifiers = [
    ...file.text.matchAll(
      /\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specifiers
    .filter((s) => s.startsWith("."))
    .map((s) =>
      relative(".", resolve(dirname(file.path), s))
        .split("\\")
        .join("/"),
    );
}

test("src/commands and src/taskpane reach src/excel only through the service module; commands import nothing from the pane", () => {
  const callers = all.filter((file) => file.path.startsWith("src/commands/") || file.path.startsWith("src/taskpane/"));
  assert.ok(
    callers.some((file) => importsOf(file).includes("src/excel/service")),
    "the scan sees the imports of the service",
  );
  const leaks: string[] = [];
  for (const file of callers) {
    for (const target of importsOf(file)) {
      if ((target === "src/excel" || target.startsWith("src/excel/")) && target !== "src/excel/service")
        leaks.push(`${file.path} → ${target}`);
      if (file.path.startsWith("src/commands/") && target.startsWith("src/taskpane"))
        leaks.push(`${file.path} → ${target}`);
    }
  }
  assert.deepEqual(leaks, []);
  for (const gone of [
    "src/taskpane/excel-bridge.ts",
    "src/taskpane/adapter-api.ts",
    "src/taskpane/analysis-bridge.ts",
  ]) {
    assert.equal(
      all.some((file) => file.path === gone),
      false,
      `${gone} is gone`,
    );
  }
});

const CORE_PACKAGES = ["engine", "stats", "analysis", "report", "sample"].map((name) => `src/core/${name}`);

test("outside core, code imports core only through its package index files", () => {
  const outside = all.filter((file) => !file.path.startsWith("src/core/"));
  const intoCore = outside.flatMap((file) =>
    importsOf(file)
      .filter((t) => t === "src/core" || t.startsWith("src/core/"))
      .map((t) => ({ file, t })),
  );
  assert.ok(intoCore.length > 50, "the scan sees the imports of core");
  assert.deepEqual(
    intoCore.filter(({ t }) => !CORE_PACKAGES.includes(t)).map(({ file, t }) => `${file.path} → ${t}`),
    [],
  );
  for (const dir of CORE_PACKAGES)
    assert.ok(
      all.some((file) => file.path === `${dir}/index.ts`),
      `${dir}/index.ts exists`,
    );
});

test("npm run lint rejects a deep import into core from another layer, and accepts the package import", async () => {
  const { ESLint } = await import("eslint");
  const eslint = new ESLint();
  const lint = async (code: string, filePath: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages
      .filter((m) => m.ruleId === "no-restricted-imports")
      .map((m) => m.message);
  for (const [file, deep] of [
    ["src/cli/probe.ts", "../core/spec"],
    ["src/excel/probe.ts", "../core"],
    ["src/functions/probe.ts", "../core/steps/rank"],
    ["src/taskpane/probe.ts", "../core/report/types"],
    ["src/commands/probe.ts", "../core/engine/index"],
    ["bench/probe.ts", "../src/core/uncertainty/montecarlo"],
    ["src/shared-runtime-probe.ts", "./core/language"],
  ] as const) {
    const messages = await lint(`import { x } from "${deep}";\nexport const y = x;\n`, file);
    assert.equal(messages.length, 1, `${file}: ${deep}`);
    assert.match(messages[0]!, /only through its packages/);
  }
  const good = `import { computeIndex } from "../core/engine";\nimport { mean } from "../core/stats";\n`;
  assert.deepEqual(await lint(`${good}export const y = [computeIndex, mean];\n`, "src/cli/probe.ts"), []);
  // Inside core, modules import each other directly.
  assert.deepEqual(
    await lint(`import { parseSpec } from "../spec";\nexport const y = parseSpec;\n`, "src/core/report/probe.ts"),
    [],
  );
});

/** Files with a top-level function or const of this name (one declaration per concept, issue 12 §2). */
function functionDeclaredIn(name: string): string[] {
  const pattern = new RegExp(`^(export\\s+)?(function\\s*\\*?\\s*${name}\\b|const\\s+${name}\\s*=)`, "m");
  return all.filter((file) => pattern.test(file.text)).map((file) => file.path);
}

test("the helpers issue 12 found twice are declared once", () => {
  assert.deepEqual(functionDeclaredIn("aggregatesTopDown"), ["src/core/columns.ts"]);
  assert.deepEqual(functionDeclaredIn("scoreOf"), ["src/core/columns.ts"]);
  assert.deepEqual(functionDeclaredIn("formatIssue"), ["src/core/errors.ts"]);
  for (const gone of ["nodeScores", "describeIssue", "correlationMatrix"])
    assert.deepEqual(functionDeclaredIn(gone), [], gone);
  assert.deepEqual(functionDeclaredIn("pairwiseCorrelations"), ["src/core/stats/correlation.ts"]);
});
