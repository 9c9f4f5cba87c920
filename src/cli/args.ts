/** Command-line arguments: `compute <input> [options]`, `demo [options]`, `help`. */
import type { Language } from "../core/engine";
import { ANALYSIS_USAGE, type AnalysisArgs } from "./analysis";

export interface ComputeArgs {
  command: "compute";
  input: string;
  meta?: string;
  spec?: string;
  csv?: string;
  json?: string;
  out?: string;
  lang: Language;
  inPlace: boolean;
  /** --audit, --uncertainty N, --sensitivity N, --seed S (absent = no analysis). */
  analysis?: AnalysisArgs;
}

export interface DemoArgs {
  command: "demo";
  out?: string;
  lang: Language;
}

export type CliArgs = ComputeArgs | DemoArgs | { command: "help" };

export const USAGE = `Index Studio command line

Usage:
  index-studio compute <input> [options]   compute an index from files
  index-studio demo [--out <file.xlsx>] [--lang en|zh-CN]
                                          compute the bundled IECI sample, write out/ieci-results.xlsx, print the top 10

<input> is a Data .csv (then --meta is required) or an .xlsx with sheets Data, Framework and
optionally Settings (key | value rows such as normalize.method | minmax).

Options:
  --meta <framework.csv>   the Framework table (required for a .csv input; replaces an .xlsx's Framework sheet)
  --spec <spec.json>       pipeline options as JSON; merged over the Settings sheet
  --csv <scores.csv>       write scores and ranks of every aggregate, one row per unit
  --json <result.json>     write the result (spec, scores, ranks, effective weights, log, warnings)
  --out <results.xlsx>     write a workbook: the input sheets untouched plus the result sheets
  --lang en|zh-CN          language of the result sheets (default en)
  --in-place               allow --out to be the input workbook (written to a temporary file, then renamed);
                           without --out, writes the results into the input workbook
${ANALYSIS_USAGE}
  -h, --help               show this help

Exit codes: 0 done, 1 bad input (the messages name the sheet and cell), 2 bad command line.`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const VALUE_FLAGS = new Set([
  "--meta",
  "--spec",
  "--csv",
  "--json",
  "--out",
  "--lang",
  "--uncertainty",
  "--sensitivity",
  "--seed",
  "--inputs",
]);
const BOOLEAN_FLAGS = new Set(["--in-place", "--audit"]);

export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.length === 0 || argv.includes("-h") || argv.includes("--help") || argv[0] === "help")
    return { command: "help" };
  const [command, ...rest] = argv;
  if (command !== "compute" && command !== "demo")
    throw new UsageError(`unknown command "${command}"; use compute or demo`);
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--") continue;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flags.add(name);
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined || value === "" || (eq < 0 && value.startsWith("--")))
        throw new UsageError(`${name} needs a value`);
      if (values.has(name)) throw new UsageError(`${name} is given twice`);
      values.set(name, value);
    } else throw new UsageError(`unknown option ${name}`);
  }
  const lang = values.get("--lang") ?? "en";
  if (lang !== "en" && lang !== "zh-CN") throw new UsageError(`--lang must be en or zh-CN, not "${lang}"`);
  if (command === "demo") {
    const allowed = new Set(["--out", "--lang"]);
    for (const name of [...values.keys(), ...flags])
      if (!allowed.has(name)) throw new UsageError(`demo does not take ${name}`);
    if (positional.length > 0) throw new UsageError(`demo takes no file argument (got "${positional[0]}")`);
    return { command: "demo", out: values.get("--out"), lang };
  }
  if (values.has("--inputs") && !values.has("--uncertainty") && !values.has("--sensitivity")) {
    throw new UsageError("--inputs says what is uncertain; use it with --uncertainty <N> or --sensitivity <N>");
  }
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0
        ? "compute needs an input file"
        : `compute takes one input file, got ${positional.length}: ${positional.join(" ")}`,
    );
  }
  return {
    command: "compute",
    input: positional[0]!,
    meta: values.get("--meta"),
    spec: values.get("--spec"),
    csv: values.get("--csv"),
    json: values.get("--json"),
    out: values.get("--out"),
    lang,
    inPlace: flags.has("--in-place"),
    analysis: {
      audit: flags.has("--audit"),
      // No upper limit here: the analysis budget (core/analysis/budget.ts) refuses too many runs for the data at hand.
      uncertainty: wholeNumber(values, "--uncertainty", 2, Infinity),
      sensitivity: wholeNumber(values, "--sensitivity", 2, Infinity),
      seed: wholeNumber(values, "--seed", 0, 4_294_967_295),
      inputs: values.get("--inputs"),
    },
  };
}

/** The value of a whole-number flag within limits, or a UsageError naming the flag. */
function wholeNumber(values: Map<string, string>, name: string, min: number, max: number): number | undefined {
  const value = values.get(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${name} needs a whole number from ${min} ${max === Infinity ? "up" : `to ${max}`}, not "${value}"`,
    );
  }
  return n;
}
