/**
 * Text encodings of the command line's CSV input, decided by content: BOMs (Excel's "Unicode Text" is
 * UTF-16 LE with a BOM, tab-separated, .txt), valid UTF-8, else Windows-1252 with a note (Excel's
 * "CSV (Comma delimited)" on Windows); workbooks and binary files renamed .csv are refused. Decimal
 * commas in ";" files are read when unambiguous. Nothing from a file reaches the terminal raw.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeText, TextFileError } from "../../src/cli/decode";
import { detectSeparator } from "../../src/cli/csv";
import { escapeControls } from "../../src/cli/terminal";
import type { Cell } from "../../src/core/types";
import { loadCorpus } from "./corpus";
import { spawnCli, tempDir } from "../cli/helpers";
import { toCsv } from "./cli-helpers";

const base = loadCorpus().find((c) => c.name === "zero-weight")!;
/** zero-weight.json's hand-computed index. */
const EXPECTED = { A: 50, B: 41.66666666666667, C: 33.333333333333336, D: 62.5 };
const withNames = (names: Record<string, string>): (readonly Cell[])[] =>
  base.data.map((row, r) =>
    r > 0 && names[row[0] as string] ? [row[0], names[row[0] as string]!, ...row.slice(2)] : row,
  );
const tsv = (table: readonly (readonly Cell[])[]) =>
  table.map((row) => row.map((c) => (c === null ? "" : String(c))).join("\t")).join("\r\n") + "\r\n";
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, "utf16le");
  for (let k = 0; k < le.length; k += 2) [le[k], le[k + 1]] = [le[k + 1]!, le[k]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

interface Json {
  units: { code: string; name: string }[];
  root: string;
  scores: Record<string, (number | null)[]>;
}

async function run(files: Record<string, Buffer | string>, data: string, meta: string) {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const result = await spawnCli([
    "compute",
    join(dir, data),
    "--meta",
    join(dir, meta),
    "--json",
    join(dir, "out.json"),
  ]);
  // Nothing raw from a file on the terminal: no control character but line breaks.
  assert.doesNotMatch(result.stderr + result.stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, "control characters are escaped");
  const json = result.code === 0 ? (JSON.parse(readFileSync(join(dir, "out.json"), "utf8")) as Json) : undefined;
  return { ...result, json };
}

function assertIndex(json: Json | undefined, expected: Record<string, number>) {
  assert.ok(json);
  json.units.forEach((u, k) =>
    assert.ok(
      Math.abs(json.scores[json.root]![k]! - expected[u.code]!) < 1e-9,
      `${u.code}: ${json.scores[json.root]![k]}`,
    ),
  );
}

test("decodeText: by content, never a silent replacement character", () => {
  assert.deepEqual(decodeText(Buffer.from("a,Zürich\n", "utf8"), "f.csv"), { text: "a,Zürich\n", encoding: "utf-8" });
  const latin = decodeText(
    Buffer.from("a,Zürich,€\n", "latin1").map((b) => (b === 0xac ? 0x80 : b)),
    "f.csv",
  );
  assert.equal(latin.encoding, "windows-1252");
  assert.equal(latin.text, "a,Zürich,€\n", "0xFC is ü, 0x80 is the euro sign in Windows-1252");
  assert.match(latin.note!, /f\.csv is not UTF-8; it was read as Windows-1252 .* line 1 reads "Zürich"/);
  assert.equal(decodeText(utf16le("uCode\tx1\r\nZ\u00fc\t1"), "f.txt").text, "uCode\tx1\r\nZü\t1");
  assert.equal(decodeText(utf16be("uCode\tx1"), "f.txt").text, "uCode\tx1");
  assert.equal(
    decodeText(Buffer.from("uCode,x1", "utf16le"), "f.txt").encoding,
    "utf-16le",
    "UTF-16 without a BOM, by its zero bytes",
  );
  for (const [bytes, pattern] of [
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), /zip file, not text: probably an \.xlsx workbook renamed/],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), /old binary Excel workbook \(\.xls\)/],
    [Buffer.from([0x61, 0x00, 0x00, 0x62, 0x00, 0x63, 0x64]), /binary data \(zero bytes\)/],
    [Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xfc]), /looks like UTF-8 .* but is not valid UTF-8 text/],
    [Buffer.from([0xff, 0xfe, 0x61]), /looks like UTF-16 LE .* but is not valid UTF-16LE text/],
    [Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), /is UTF-32 text, which is not read/],
  ] as const)
    assert.throws(
      () => decodeText(bytes, "f.csv"),
      (e: unknown) => e instanceof TextFileError && pattern.test(e.message),
      String(pattern),
    );
});

test("the separator is the most frequent of , ; tab on the header line (quotes excepted)", () => {
  assert.equal(detectSeparator("uCode\tuName\tPopulation, total\tx1\n"), "\t");
  assert.equal(detectSeparator("uCode;uName;x1\n"), ";");
  assert.equal(detectSeparator('uCode,"a;b;c",x1\n'), ",");
  assert.equal(detectSeparator("uCode;x1,x2\n"), ",", "a tie goes to the comma");
});

test("escapeControls shows control characters and bidi overrides as escapes, keeps line breaks and tabs", () => {
  assert.equal(
    escapeControls("x1\x1b[31mRED\x1b[0m\r\n\tok\u202eevil\x00\x9b"),
    "x1\\x1b[31mRED\\x1b[0m\\r\n\tok\\u202eevil\\x00\\x9b",
  );
});

test("command line: a Windows-1252 CSV keeps Zürich (with a note), UTF-8 needs no note", async () => {
  const data = withNames({ B: "Zürich", C: "Genève" });
  const cp1252 = await run(
    { "data.csv": Buffer.from(toCsv(data), "latin1"), "framework.csv": toCsv(base.framework) },
    "data.csv",
    "framework.csv",
  );
  assert.equal(cp1252.code, 0, cp1252.stderr);
  assert.deepEqual(
    cp1252.json!.units.map((u) => u.name),
    ["Alpha", "Zürich", "Genève", "Delta"],
  );
  assert.match(cp1252.stderr, /data\.csv is not UTF-8; it was read as Windows-1252 .*line 3 reads "Zürich"/);
  assertIndex(cp1252.json, EXPECTED);
  const utf8 = await run(
    { "data.csv": toCsv(data), "framework.csv": toCsv(base.framework) },
    "data.csv",
    "framework.csv",
  );
  assert.equal(utf8.code, 0, utf8.stderr);
  assert.doesNotMatch(utf8.stderr, /Windows-1252/);
  assert.deepEqual(
    utf8.json!.units.map((u) => u.name),
    ["Alpha", "Zürich", "Genève", "Delta"],
  );
});

test("command line: Excel's Unicode Text (UTF-16 LE + BOM, tab-separated .txt, a comma in a header) and UTF-16 BE are read", async () => {
  const data = withNames({ B: "Zürich" });
  const framework = base.framework.map((row, r) =>
    r === 4 ? [row[0], "Indicator one, per capita", ...row.slice(2)] : row,
  );
  for (const encode of [utf16le, utf16be]) {
    const out = await run(
      { "data.txt": encode(tsv(data)), "framework.txt": encode(tsv(framework)) },
      "data.txt",
      "framework.txt",
    );
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.json!.units[1]!.name, "Zürich");
    assertIndex(out.json, EXPECTED);
  }
});

test("command line: an .xlsx renamed .csv is refused naming what it is; an ANSI escape in a header is shown escaped", async () => {
  const zip = await run(
    {
      "data.csv": Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x1b, 0x5b, 0x32, 0x4a]),
      "framework.csv": toCsv(base.framework),
    },
    "data.csv",
    "framework.csv",
  );
  assert.equal(zip.code, 1, zip.stderr);
  assert.match(
    zip.stderr,
    /data\.csv is a zip file, not text: probably an \.xlsx workbook renamed; give it its \.xlsx extension/,
  );
  const data = base.data.map((row, r) => (r === 0 ? [...row, "note\x1b[2J\x1b[31mRED"] : [...row, 1]));
  const ansi = await run(
    { "data.csv": toCsv(data), "framework.csv": toCsv(base.framework) },
    "data.csv",
    "framework.csv",
  );
  assert.equal(ansi.code, 0, ansi.stderr);
  assert.match(ansi.stderr, /column "note\\x1b\[2J\\x1b\[31mRED" is not in the Framework/);
});

test("command line: a ';' CSV with decimal commas is read when unambiguous (with a note); mixed conventions name every cell", async () => {
  const semi = (table: readonly (readonly Cell[])[], decimal: (v: number) => string) =>
    table
      .map((row) => row.map((c) => (c === null ? "" : typeof c === "number" ? decimal(c) : c)).join(";"))
      .join("\r\n") + "\r\n";
  // x1 scaled by 1.5 and x3 by 1,000.5: min-max gives the same normalized values, so the same index.
  const scaled = base.data.map((row, r) =>
    r === 0 ? row : [row[0], row[1], (row[2] as number) * 1.5, row[3], (row[4] as number) * 1000.5],
  );
  const comma = (v: number) => {
    const [whole, fraction] = String(v).split(".");
    const grouped = whole!.replace(/\B(?=(\d{3})+$)/g, ".");
    return fraction ? `${grouped},${fraction}` : grouped;
  };
  assert.equal(comma(1.5), "1,5");
  assert.equal(comma(5002.5), "5.002,5");
  assert.equal(comma(2001), "2.001");
  const good = await run(
    { "data.csv": semi(scaled, comma), "framework.csv": semi(base.framework, String) },
    "data.csv",
    "framework.csv",
  );
  assert.equal(good.code, 0, good.stderr);
  assert.match(
    good.stderr,
    /Note: data\.csv uses decimal commas \(e\.g\. data\.csv!C2 "1,5" read as 1\.5\) and dots as thousands separators; \d+ cells were read that way/,
  );
  assertIndex(good.json, EXPECTED);
  const mixed = scaled.map((row, r) => (r === 4 ? [row[0], row[1], "6.5", row[3], row[4]] : row));
  const bad = await run(
    { "data.csv": semi(mixed, comma), "framework.csv": semi(base.framework, String) },
    "data.csv",
    "framework.csv",
  );
  assert.match(
    bad.stderr,
    /Note: data\.csv mixes decimal commas \(data\.csv!C2 "1,5"\) and decimal points \(data\.csv!C5 "6\.5"\), so no number was converted/,
  );
  assert.equal(bad.code, 1, "x3 keeps one value (2.001), which min-max cannot scale");
  for (const cell of ["C2", "C4", "E2", "E3", "E4"])
    assert.match(bad.stderr, new RegExp(`data\\.csv!${cell}: .*is not a number; treated as missing`), cell);
});

test("command line: a CSV cell over Excel's 32,767 characters (even in an ignored column) is refused before the workbook is written, naming the cell", async () => {
  const data = base.data.map((row, r) => [...row, r === 0 ? "comment" : r === 3 ? "x".repeat(40_000) : "ok"]);
  const dir = tempDir();
  writeFileSync(join(dir, "data.csv"), toCsv(data));
  writeFileSync(join(dir, "framework.csv"), toCsv(base.framework));
  const out = await spawnCli([
    "compute",
    join(dir, "data.csv"),
    "--meta",
    join(dir, "framework.csv"),
    "--out",
    join(dir, "out.xlsx"),
    "--csv",
    join(dir, "out.csv"),
  ]);
  assert.equal(out.code, 1, out.stderr);
  assert.match(
    out.stderr,
    /data\.csv!F4: the text is 40,000 characters long, more than the 32,767 an Excel cell holds/,
  );
  assert.ok(!existsSync(join(dir, "out.xlsx")) && !existsSync(join(dir, "out.csv")), "nothing written");
});
