import assert from "node:assert/strict";
import { test } from "node:test";
import { parseArgs, UsageError } from "../../src/cli/args";

test("compute with every option, in either --flag value or --flag=value form", () => {
  const parsed = parseArgs([
    "compute",
    "in.xlsx",
    "--meta=m.csv",
    "--spec",
    "s.json",
    "--csv",
    "o.csv",
    "--json",
    "o.json",
    "--out",
    "o.xlsx",
    "--lang",
    "zh-CN",
    "--in-place",
  ]);
  assert.equal(parsed.command, "compute");
  const { analysis: _analysis, ...files } = parsed as Extract<typeof parsed, { command: "compute" }>;
  assert.deepEqual(files, {
    command: "compute",
    input: "in.xlsx",
    meta: "m.csv",
    spec: "s.json",
    csv: "o.csv",
    json: "o.json",
    out: "o.xlsx",
    lang: "zh-CN",
    inPlace: true,
  });
  assert.deepEqual(parseArgs(["demo"]), { command: "demo", out: undefined, lang: "en" });
  assert.deepEqual(parseArgs([]), { command: "help" });
  assert.deepEqual(parseArgs(["compute", "x.csv", "--help"]), { command: "help" });
});

test("command-line mistakes are usage errors that say what is wrong", () => {
  const cases: [string[], RegExp][] = [
    [["compute", "a.csv", "--fast"], /unknown option --fast/],
    [["compute", "a.csv", "--csv"], /--csv needs a value/],
    [["compute", "a.csv", "--csv", "--json", "x"], /--csv needs a value/],
    [["compute", "a.csv", "--csv", "a", "--csv", "b"], /--csv is given twice/],
    [["compute"], /compute needs an input file/],
    [["compute", "a.csv", "b.csv"], /one input file, got 2/],
    [["compute", "a.csv", "--lang", "fr"], /--lang must be en or zh-CN/],
    [["compute", "a.csv", "--in-place=yes"], /--in-place takes no value/],
    [["demo", "--csv", "x.csv"], /demo does not take --csv/],
    [["run"], /unknown command "run"/],
  ];
  for (const [argv, message] of cases)
    assert.throws(
      () => parseArgs(argv),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      argv.join(" "),
    );
});
