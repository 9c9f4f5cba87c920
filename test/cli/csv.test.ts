import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { CsvSyntaxError, formatCsv, parseCsv } from "../../src/cli/csv";

test("quoted fields keep commas, line breaks and doubled quotes", () => {
  const text = 'code,name,note\r\nA,"Paris, France","line one\r\nline two"\r\nB,"say ""hi""",\r\n';
  assert.deepEqual(parseCsv(text), [
    ["code", "name", "note"],
    ["A", "Paris, France", "line one\r\nline two"],
    ["B", 'say "hi"', null],
  ]);
});

test("BOM, LF or CRLF, a missing final line break and short rows", () => {
  assert.deepEqual(parseCsv("\uFEFFa,b\nx"), [
    ["a", "b"],
    ["x", null],
  ]);
  assert.deepEqual(parseCsv("a,b\r\n1,2"), [
    ["a", "b"],
    ["1", "2"],
  ]);
  assert.deepEqual(parseCsv("a,b\n1,2\n"), [
    ["a", "b"],
    ["1", "2"],
  ]);
  assert.deepEqual(
    parseCsv("a,b\r1,\r"),
    [
      ["a", "b"],
      ["1", null],
    ],
    "a lone CR (old Mac files) ends a line too",
  );
  assert.deepEqual(
    parseCsv('a,b,\n"x"y,z'),
    [
      ["a", "b", null],
      ["xy", "z", null],
    ],
    "trailing separator; text after a closing quote is kept",
  );
});

test("numbers stay text for the engine; empty fields are null but a quoted empty field is text", () => {
  assert.deepEqual(parseCsv('v,w\n1.50,""\n1e3,\n'), [
    ["v", "w"],
    ["1.50", ""],
    ["1e3", null],
  ]);
});

test("a blank line in the middle stays a row, so row numbers still match the file's lines", () => {
  const rows = parseCsv("a,b\n1,2\n\n3,4\n");
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[2], [null, null]);
  assert.deepEqual(rows[3], ["3", "4"]);
});

test("semicolon-separated files (European Excel) are detected from the header line", () => {
  assert.deepEqual(parseCsv("a;b\n1,5;2\n"), [
    ["a", "b"],
    ["1,5", "2"],
  ]);
  assert.deepEqual(parseCsv("a\tb\n1\t2\n"), [
    ["a", "b"],
    ["1", "2"],
  ]);
});

test("an unclosed quote is a syntax error naming the line where the field starts", () => {
  assert.throws(
    () => parseCsv('a,b\n1,"open\n2,3\n', "data.csv"),
    (error: unknown) => {
      assert.ok(error instanceof CsvSyntaxError);
      assert.match(error.message, /^data\.csv line 2: a quoted field is never closed/);
      return true;
    },
  );
});

test("formatCsv: shortest round-trip numbers, empty cells for NaN and null, quoting when needed", () => {
  const text = formatCsv([
    ["a", "b", "c", "d"],
    [0.1 + 0.2, Number.NaN, null, 1 / 3],
    ["x,y", 'q"q', "two\nlines", true],
  ]);
  assert.equal(text, 'a,b,c,d\r\n0.30000000000000004,,,0.3333333333333333\r\n"x,y","q""q","two\nlines",TRUE\r\n');
  assert.equal(Number("0.30000000000000004"), 0.1 + 0.2);
});

test("formatCsv writes text that Excel would evaluate with a leading apostrophe", () => {
  const text = formatCsv([
    ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "plain"],
    [-1, 2, 3, 4, 5],
  ]);
  const [first, second] = parseCsv(text);
  assert.deepEqual(first, ['\'=HYPERLINK("http://x","y")', "'+1", "'-1", "'@SUM(A1)", "plain"]);
  assert.deepEqual(second, ["-1", "2", "3", "4", "5"], "numbers are numbers, never prefixed");
});

test("property: formatCsv then parseCsv gives back every text and number", () => {
  const safeText = fc
    .string({ unit: fc.constantFrom("a", "Z", " ", ",", '"', "\n", "\r\n", "\r", "é", "北", ";", "1") })
    .filter((s) => s !== "" && !/^[=+\-@\t\r]/.test(s));
  const cell = fc.oneof(safeText, fc.double({ noNaN: true, noDefaultInfinity: true }));
  fc.assert(
    fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const back = parseCsv(formatCsv([["h1", "h2"], ...rows]));
      assert.deepEqual(
        back.slice(1),
        rows.map((row) => row.map((v) => (typeof v === "number" ? String(v) : v))),
      );
      back.slice(1).forEach((row, r) =>
        row.forEach((v, c) => {
          if (typeof rows[r]![c] === "number")
            assert.ok(Object.is(Number(v), rows[r]![c]) || (rows[r]![c] === 0 && Number(v) === 0));
        }),
      );
    }),
    { numRuns: 300 },
  );
});
