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
  const pattern = new RegExp(`^\\s*(export\\s+)?(declare\\s+)?(type\\s+${name}\\s*(<[^>]*>)?\\s*=|interface\\s+${name}\\b|class\\s+${name}\\b|enum\\s+${name}\\b)`, "m");
  return all.filter((file) => pattern.test(file.text)).map((file) => file.path);
}

test("each boundary concept is declared once, in the contract (the language in core, from one zod enum)", () => {
  assert.ok(all.length > 50, "the scan sees the sources");
  assert.deepEqual(declaredIn("Language"), ["src/core/language.ts"]);
  for (const name of ["StoredChoice", "TableSource", "RunSummary", "RunOptions", "Detection", "AddinService", "TemplateKind"]) {
    assert.deepEqual(declaredIn(name), ["src/excel/contract.ts"], name);
  }
  for (const gone of ["SourceChoice", "SourceRef", "AdapterApi", "ReportLanguage", "AddinLanguage"]) assert.deepEqual(declaredIn(gone), [], gone);
  assert.match(readFileSync("src/core/language.ts", "utf8"), /type Language = z\.infer<typeof languageSchema>/);
  // A copy under another name would spell the languages out again.
  const spelled = all.filter((file) => /"en"\s*\|\s*"zh-CN"|"zh-CN"\s*\|\s*"en"/.test(file.text)).map((file) => file.path);
  assert.deepEqual(spelled, []);
});

/** Every module specifier a file imports or re-exports (static and dynamic), resolved to a path under src. */
function importsOf(file: { path: string; text: string }): string[] {
  const specifiers = [...file.text.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specifiers.filter((s) => s.startsWith(".")).map((s) => relative(".", resolve(dirname(file.path), s)).split("\\").join("/"));
}

test("src/commands and src/taskpane reach src/excel only through the service module; commands import nothing from the pane", () => {
  const callers = all.filter((file) => file.path.startsWith("src/commands/") || file.path.startsWith("src/taskpane/"));
  assert.ok(callers.some((file) => importsOf(file).includes("src/excel/service")), "the scan sees the imports of the service");
  const leaks: string[] = [];
  for (const file of callers) {
    for (const target of importsOf(file)) {
      if ((target === "src/excel" || target.startsWith("src/excel/")) && target !== "src/excel/service") leaks.push(`${file.path} → ${target}`);
      if (file.path.startsWith("src/commands/") && target.startsWith("src/taskpane")) leaks.push(`${file.path} → ${target}`);
    }
  }
  assert.deepEqual(leaks, []);
  for (const gone of ["src/taskpane/excel-bridge.ts", "src/taskpane/adapter-api.ts", "src/taskpane/analysis-bridge.ts"]) {
    assert.equal(all.some((file) => file.path === gone), false, `${gone} is gone`);
  }
});
