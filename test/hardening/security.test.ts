/**
 * Security: text from the data that looks like a formula (=HYPERLINK(...), +1, -1, @SUM(A1), a DDE
 * payload) reaches every result sheet as text, in the add-in and in the .xlsx writer; no eval or
 * new Function in the source or the bundles; no network calls; the pane's CSP allows only its own scripts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import type { Cell } from "../../src/core/types";
import { REPO, spawnCli, tempDir } from "../cli/helpers";
import { writeCsv } from "./cli-helpers";
import { freshWorkbook, putTable } from "../excel/helpers";
import { refresh, sheetChoice } from "./excel-helpers";

const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  "=cmd|' /C calc'!A0",
  "+1",
  "-1",
  "@SUM(A1)",
  "=A1",
  "-x1",
  "+P2",
  "=1+1",
];
const DATA: Cell[][] = [
  ["uCode", "uName", "x1", "x2", "x3"],
  ["=A1", '=HYPERLINK("http://x","y")', 1, 10, 5],
  ["+1", "=cmd|' /C calc'!A0", 2, 40, 3],
  ["-1", "-1", 3, 20, 1],
  ["@SUM(A1)", "@SUM(A1)", 4, 30, 2],
];
const FRAMEWORK: Cell[][] = [
  ["iCode", "iName", "Parent", "Weight", "Direction"],
  ["INDEX", "=1+1", null, 1, 1],
  ["P1", "@SUM(A1)", "INDEX", 1, 1],
  ["P2", "+P2", "INDEX", 1, 1],
  ["x1", "-x1", "P1", 1, 1],
  ["x2", "X2", "P1", 1, -1],
  ["x3", "X3", "P2", 1, 1],
];

test("add-in: formula-like names and codes land in every result sheet as text (format @, no formula)", async () => {
  const model = freshWorkbook();
  putTable(model, "Data", DATA);
  putTable(model, "Framework", FRAMEWORK);
  const outcome = await refresh(sheetChoice());
  assert.ok(outcome.ok, outcome.ok ? "" : outcome.error.message);
  const seen = new Set<string>();
  for (const name of outcome.summary.sheets) {
    const sheet = model.sheetByName(name)!;
    for (const [r, store] of sheet.rows) {
      store.values.forEach((value, c) => {
        assert.equal(sheet.formula(r, c), undefined, `${name}!R${r + 1}C${c + 1}: no formula in an output cell`);
        if (typeof value === "string" && HOSTILE.includes(value)) {
          seen.add(value);
          assert.equal(sheet.format(r, c), "@", `${name}!R${r + 1}C${c + 1} (${value}) is stored as text`);
        }
      });
    }
  }
  for (const text of ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "=A1", "=1+1"])
    assert.ok(seen.has(text), `${text} reached the result sheets`);
});

test(".xlsx writer: the same names are strings in the sheet XML, and no cell of any sheet is a formula", async () => {
  const dir = tempDir();
  writeCsv(join(dir, "data.csv"), DATA);
  writeCsv(join(dir, "framework.csv"), FRAMEWORK);
  const run = await spawnCli([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--out",
    join(dir, "out.xlsx"),
  ]);
  assert.equal(run.code, 0, run.stderr);
  const zip = await JSZip.loadAsync(readFileSync(join(dir, "out.xlsx")));
  const shared = [
    ...((await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g),
  ].map((m) => decodeXml(m[1]!.replace(/<[^>]+>/g, "")));
  const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  assert.ok(sheets.length >= 6, "input sheets and result sheets");
  const seen = new Set<string>();
  for (const path of sheets) {
    const xml = await zip.file(path)!.async("string");
    assert.doesNotMatch(xml, /<f[\s>]/, `${path}: no formula element`);
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, ref, attrs, body = ""] = m;
      const type = /\bt="([^"]+)"/.exec(attrs!)?.[1];
      let text: string | undefined;
      if (type === "s") text = shared[Number(/<v>(\d+)<\/v>/.exec(body)![1])];
      else if (type === "inlineStr" || type === "str") text = decodeXml(body.replace(/<[^>]+>/g, ""));
      if (text !== undefined && HOSTILE.includes(text)) {
        assert.ok(type === "s" || type === "inlineStr", `${path} ${ref}: ${text} is a string cell (t="${type}")`);
        seen.add(text);
      }
    }
  }
  for (const text of HOSTILE) assert.ok(seen.has(text), `${text} is in the workbook as a string`);
});

function decodeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/** Source without comments (a comment may name eval to explain why it is not used). */
const code = (path: string) =>
  readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

test("no eval, new Function, string timers or network calls in src/", () => {
  const files = filesUnder(join(REPO, "src"), /\.(ts|js|mjs|html)$/);
  assert.ok(files.length > 50);
  for (const file of files) {
    const text = code(file);
    assert.doesNotMatch(
      text,
      /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*["'`]/,
      `${file}: eval or new Function`,
    );
    assert.doesNotMatch(text, /set(Timeout|Interval)\s*\(\s*["'`]/, `${file}: a timer with a code string`);
    assert.doesNotMatch(
      text,
      /\bfetch\s*\(|XMLHttpRequest|WebSocket\s*\(|sendBeacon|EventSource\s*\(/,
      `${file}: a network call`,
    );
    assert.doesNotMatch(
      text,
      /https?:\/\/(?!schemas\.|www\.w3\.org|purl\.org|appsforoffice\.microsoft\.com|go\.microsoft\.com|learn\.microsoft\.com)[a-z0-9.-]+\.[a-z]{2,}\/[^"'\s]*\.js\b/i,
      `${file}: a remote script`,
    );
  }
});

test("built bundles (when dist/ exists): no eval; the only new Function is zod's probe, switched off by jitless", (t) => {
  const dist = join(REPO, "dist");
  if (!existsSync(dist)) return t.skip("no dist/ (run npm run build)");
  for (const bundle of filesUnder(dist, /\.js$/).filter((f) => !f.includes(`${join("dist", "office")}`))) {
    const text = readFileSync(bundle, "utf8");
    assert.doesNotMatch(text, /\beval\(/, `${bundle}: eval`);
    for (const m of text.matchAll(/new Function\(/g)) {
      const before = text.slice(Math.max(0, m.index - 200), m.index);
      assert.match(before, /jitless\)return!1/, `${bundle}: a new Function that is not zod's jitless-guarded probe`);
    }
  }
  const html = readFileSync(join(dist, "taskpane.html"), "utf8");
  const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
  const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
  assert.ok(scriptSrc.length > 0, "the pane has a script-src");
  for (const source of scriptSrc)
    assert.ok(
      source === "'self'" || source === "https://appsforoffice.microsoft.com",
      `script-src allows only the pane's own scripts and Office's, not ${source}`,
    );
  assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline/);
  for (const m of html.matchAll(/<script[^>]*\bsrc="?([^"\s>]+)/g))
    assert.ok(
      !/^(https?:)?\/\//.test(m[1]!) || m[1]!.startsWith("https://appsforoffice.microsoft.com/"),
      `remote script ${m[1]}`,
    );
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc)[^>]*>\s*\S/, "no inline script");
});
