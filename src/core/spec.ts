/** The pipeline options (every key optional) and their validation with zod. */
import { z } from "zod";
import { IndexInputError, said, type TableName, type ValidationIssue } from "./errors";
import { msg, type Message } from "./messages";
import { zodText } from "./zod-text";
import { bareObject, forbiddenKeyPaths, forbiddenKeyText, isForbiddenKey } from "./safe-keys";
import {
  AGGREGATE_REGISTRY,
  IMPUTE_REGISTRY,
  NORMALIZE_REGISTRY,
  TREAT_REGISTRY,
  methodKeys,
  type AggregateMethod,
  type MethodEntry,
} from "./methods";
import { aggregateOneSchema, type AggregateOneSpec } from "./methods/aggregate";
import { imputeSchema, type ImputeSpec } from "./methods/impute";
import { normalizeEntry, normalizeSchema, type NormalizeSpec } from "./methods/normalize";
import { treatOverrideSchema, treatSchema, type TreatSpec } from "./methods/treat";

const num = z.number().refine(Number.isFinite, "must be a finite number");

export { AGGREGATE_METHODS, IMPUTE_METHODS, NORMALIZE_METHODS, TREAT_METHODS } from "./methods";
export type { AggregateMethod, ImputeMethod, NormalizeMethod } from "./methods";
export type { AggregateOneSpec } from "./methods/aggregate";
export type { ImputeSpec } from "./methods/impute";
export type { NormalizeSpec } from "./methods/normalize";
export type { TreatSpec, WinsorizeSpec } from "./methods/treat";

export const EDITIONS_NORMALIZE = ["pooled", "separate"] as const;
const editionsSchema = z.strictObject({
  normalize: z.enum(EDITIONS_NORMALIZE).default("pooled"),
  /** The edition (Time value) that the results, audit and analysis show; the latest by default. */
  edition: num.optional(),
});
export type EditionsSpec = z.output<typeof editionsSchema>;

/** Per-indicator treatment (COINr indiv_specs): "none", or parameters over the global winsorization. */
export type TreatOverride = { method: "none" } | z.output<typeof treatOverrideSchema>;

const share = z.number().min(0, "must be a share between 0 and 1").max(1, "must be a share between 0 and 1");
/** Unit codes as a list, or as text "A, B; C" (a Settings cell). */
const unitList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/[,;]/)
          .map((t) => t.trim())
          .filter(Boolean)
      : typeof v === "number"
        ? [String(v)]
        : v,
  z
    .array(z.union([z.string().min(1), z.number().transform(String)]))
    .transform((list) => list.map((c) => c.normalize("NFC"))),
);
const screenSchema = z
  .strictObject({
    minCoverage: share.optional(),
    minNonZero: share.optional(),
    basis: z.enum(["raw", "imputed"]).default("raw"),
    include: unitList.default([]),
    exclude: unitList.default([]),
  })
  .refine((v) => !v.include.some((c) => v.exclude.includes(c)), "a unit cannot be both in include and in exclude");
export type ScreenSpec = z.output<typeof screenSchema>;

export interface AggregateSpec {
  /** Default method for every level. */
  method: AggregateMethod;
  p?: number;
  /** Per-level overrides, keyed by level number (2 = aggregates of indicators). */
  byLevel: Record<number, AggregateOneSpec>;
  /** COINr dat_thresh: an aggregate is missing when the share of its children with a value is below it. */
  minCoverage?: number;
  /** Per-level minCoverage, keyed by level number. */
  minCoverageByLevel?: Record<number, number>;
}

export type NormalizeBlock = NormalizeSpec & { byIndicator?: Record<string, NormalizeSpec> };
export type TreatBlock = TreatSpec & { byIndicator?: Record<string, TreatOverride> };

/** A fully resolved spec: every step present, defaults filled in. */
export interface IndexSpec {
  denominate: boolean;
  impute: ImputeSpec;
  screen: ScreenSpec | null;
  treat: TreatBlock;
  normalize: NormalizeBlock;
  aggregate: AggregateSpec;
  /** Weights that replace the Framework's, by node code (a named weight set). */
  weights: Record<string, number> | null;
  /** Data with a Time column (src/core/editions): how editions are normalized and which one is shown. */
  editions?: EditionsSpec;
}

export type SpecInput = Record<string, unknown>;

/** Reports a problem at an option path: a catalogue message, or zod's own English when it is not in the catalogue. */
type Fail = (path: string, text: string | Message) => void;

/** Literal braces in a message go in as parameters: `{name}` in a template is a slot. */
const BRACES = { open: "{", close: "}" } as const;

const TOP_KEYS = ["denominate", "impute", "screen", "treat", "normalize", "aggregate", "weights", "editions"] as const;

/** Validates a plain spec object (from JSON or a Settings sheet) and fills in the defaults. */
export function parseSpec(input: unknown, table: TableName = "Spec"): IndexSpec {
  const issues: ValidationIssue[] = [];
  const fail: Fail = (path, text) =>
    issues.push({
      table,
      column: path,
      severity: "error",
      ...(typeof text === "string" ? { message: text } : said(text)),
    });
  const spec: IndexSpec = {
    denominate: false,
    impute: { method: "none" },
    screen: null,
    treat: { method: "none" },
    normalize: { method: "minmax", low: 0, high: 100 },
    aggregate: { method: "arithmetic", byLevel: {} },
    weights: null,
  };
  if (input === undefined || input === null) return spec;
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new IndexInputError([{ table, ...said(msg("spec.notObject")), severity: "error" }]);
  }
  const obj = input as Record<string, unknown>;
  const unsafe = forbiddenKeyPaths(obj);
  if (unsafe.length > 0) {
    throw new IndexInputError(
      unsafe.map((path) => ({
        table,
        column: path,
        severity: "error" as const,
        ...said(forbiddenKeyText(path.split(".").pop()!)),
      })),
    );
  }
  for (const key of Object.keys(obj)) {
    if (!(TOP_KEYS as readonly string[]).includes(key))
      fail(key, msg("spec.unknownOption", { key, allowed: [...TOP_KEYS] }));
  }
  if (obj.denominate !== undefined) {
    if (typeof obj.denominate === "boolean") spec.denominate = obj.denominate;
    else fail("denominate", msg("spec.trueFalse"));
  }
  if (obj.impute !== undefined) {
    const v = parseMethodBlock("impute", obj.impute, IMPUTE_REGISTRY, imputeSchema, fail);
    if (v) spec.impute = v;
  }
  if (obj.screen !== undefined) {
    const r = screenSchema.safeParse(obj.screen);
    if (r.success) spec.screen = r.data;
    else reportZod("screen", r.error, fail, msg("spec.screenHint", BRACES));
  }
  if (obj.treat !== undefined) {
    const { block, byIndicator } = splitByIndicator("treat", obj.treat, fail);
    const v = block === undefined ? spec.treat : parseMethodBlock("treat", block, TREAT_REGISTRY, treatSchema, fail);
    if (v && byIndicator) {
      const overrides = parseByIndicator("treat", byIndicator, fail, (path, value) =>
        parseTreatOverride(path, value, fail),
      );
      if (overrides) spec.treat = { ...v, byIndicator: overrides };
    } else if (v) spec.treat = v;
  }
  if (obj.normalize !== undefined) {
    const { block, byIndicator } = splitByIndicator("normalize", obj.normalize, fail);
    const v =
      block === undefined
        ? spec.normalize
        : parseMethodBlock("normalize", block, NORMALIZE_REGISTRY, normalizeSchema, fail);
    if (v && byIndicator) {
      const overrides = parseByIndicator("normalize", byIndicator, fail, (path, value) =>
        parseMethodBlock(path, value, NORMALIZE_REGISTRY, normalizeSchema, fail),
      );
      if (overrides) spec.normalize = { ...v, byIndicator: overrides };
    } else if (v) spec.normalize = v;
  }
  if (obj.aggregate !== undefined) {
    const v = parseAggregate(obj.aggregate, fail);
    if (v) spec.aggregate = v;
  }
  if (obj.weights !== undefined && obj.weights !== null) {
    const r = z.record(z.string(), z.number().min(0).refine(Number.isFinite)).safeParse(obj.weights);
    if (r.success) spec.weights = r.data;
    else fail("weights", msg("spec.weightsMap"));
  }
  if (obj.editions !== undefined) {
    const r = editionsSchema.safeParse(obj.editions);
    if (r.success) spec.editions = r.data;
    else
      reportZod(
        "editions",
        r.error,
        fail,
        msg("spec.editionsHint", { ...BRACES, modes: EDITIONS_NORMALIZE.join(" | ") }),
      );
  }
  if (issues.length > 0) throw new IndexInputError(issues);
  return spec;
}

function parseAggregate(value: unknown, fail: Fail): AggregateSpec | null {
  if (typeof value === "string") value = { method: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("aggregate", msg("spec.aggregateObject", { example: '{ "method": "arithmetic" }' }));
    return null;
  }
  const { byLevel, minCoverage, ...rest } = value as Record<string, unknown>;
  const hasMethod = Object.keys(rest).length > 0;
  const top = hasMethod
    ? parseMethodBlock("aggregate", rest, AGGREGATE_REGISTRY, aggregateOneSchema, fail)
    : { method: "arithmetic" as const };
  if (!top) return null;
  const out: AggregateSpec = { method: top.method, byLevel: {} };
  if (top.method === "power") out.p = top.p;
  if (minCoverage !== undefined) {
    const m = parseShare("aggregate.minCoverage", minCoverage, fail);
    if (m !== undefined) out.minCoverage = m;
  }
  if (byLevel !== undefined) {
    if (typeof byLevel !== "object" || byLevel === null || Array.isArray(byLevel)) {
      fail("aggregate.byLevel", msg("spec.byLevelMap", { example: '{ "2": { "method": "geometric" } }' }));
      return null;
    }
    for (const [level, block] of Object.entries(byLevel as Record<string, unknown>)) {
      const n = Number(level);
      if (!Number.isInteger(n) || n < 2) {
        fail(`aggregate.byLevel.${level}`, msg("spec.levels"));
        continue;
      }
      // A level may set only its data threshold and keep the global method.
      const { minCoverage: levelCoverage, ...levelRest } = isRecord(block)
        ? block
        : ({ method: block } as Record<string, unknown>);
      if (levelCoverage !== undefined) {
        const m = parseShare(`aggregate.byLevel.${level}.minCoverage`, levelCoverage, fail);
        if (m !== undefined) (out.minCoverageByLevel ??= {})[n] = m;
      }
      if (Object.keys(levelRest).length === 0 && levelCoverage !== undefined) continue;
      const v = parseMethodBlock(`aggregate.byLevel.${level}`, levelRest, AGGREGATE_REGISTRY, aggregateOneSchema, fail);
      if (v) out.byLevel[n] = v;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseShare(path: string, value: unknown, fail: Fail): number | undefined {
  const r = share.safeParse(value);
  if (r.success) return r.data;
  fail(path, msg("spec.shareGot", { got: String(JSON.stringify(value)) }));
  return undefined;
}

/** Separates "byIndicator" from a step block; `block` is undefined when the block holds nothing else. */
function splitByIndicator(path: string, value: unknown, fail: Fail): { block: unknown; byIndicator?: unknown } {
  if (!isRecord(value) || !("byIndicator" in value)) return { block: value };
  const { byIndicator, ...rest } = value;
  if (Object.keys(rest).length === 0) return { block: undefined, byIndicator };
  if (rest.method === undefined) {
    fail(`${path}.method`, msg("spec.globalMethod", { path }));
    return { block: undefined };
  }
  return { block: rest, byIndicator };
}

/** { code: entry } with each entry checked by `one`; codes are checked against the Framework later (checkSpecCodes). */
function parseByIndicator<T>(
  step: string,
  value: unknown,
  fail: Fail,
  one: (path: string, value: unknown) => T | null,
): Record<string, T> | null {
  if (!isRecord(value)) {
    fail(`${step}.byIndicator`, msg("spec.byIndicatorMap", { example: '{ "I01": { "method": "zscore" } }' }));
    return null;
  }
  const out: Record<string, T> = Object.create(null) as Record<string, T>;
  let ok = true;
  for (const [code, entry] of Object.entries(value)) {
    const v = one(`${step}.byIndicator.${code}`, entry);
    if (v === null) ok = false;
    else out[code.normalize("NFC")] = v;
  }
  return ok ? out : null;
}

function parseTreatOverride(path: string, value: unknown, fail: Fail): TreatOverride | null {
  if (value === "none" || (isRecord(value) && value.method === "none" && Object.keys(value).length === 1))
    return { method: "none" };
  if (typeof value === "string") value = { method: value };
  if (!isRecord(value)) {
    fail(
      path,
      msg("spec.treatOverride", {
        shape: '{ "winmax": ..., "skewThreshold": ..., "kurtThreshold": ..., "fallback": "log" | "none" }',
      }),
    );
    return null;
  }
  const r = treatOverrideSchema.safeParse(value);
  if (r.success) return r.data;
  reportZod(
    path,
    r.error,
    fail,
    msg("spec.treatHint", { keys: ["method", "winmax", "skewThreshold", "kurtThreshold", "fallback"] }),
  );
  return null;
}

/**
 * Reads { method, ...params } (or the method alone) against the step's registry: an unknown method
 * gets the list of allowed ones, a known one its own schema's keys. The union parses (its string
 * shorthand included); the registry only words the errors.
 */
function parseMethodBlock<U extends z.ZodType>(
  path: string,
  value: unknown,
  entries: Record<string, MethodEntry>,
  union: U,
  fail: Fail,
): z.output<U> | null {
  const methods = Object.keys(entries);
  const block = typeof value === "string" ? { method: value } : value;
  if (typeof block !== "object" || block === null || Array.isArray(block)) {
    fail(path, msg("spec.methodObject", { methods }));
    return null;
  }
  const method = (block as Record<string, unknown>).method;
  if (typeof method !== "string" || !Object.hasOwn(entries, method)) {
    fail(`${path}.method`, msg("spec.unknownMethod", { method: JSON.stringify(method ?? null), allowed: methods }));
    return null;
  }
  const r = union.safeParse(value);
  if (r.success) return r.data;
  const allowedKeys = methodKeys(entries[method]!.schema);
  reportZod(path, r.error, fail, msg("spec.allowedKeys", { method, keys: allowedKeys }));
  return null;
}

function reportZod(path: string, error: z.ZodError, fail: Fail, hint?: Message): void {
  for (const zi of error.issues) {
    const where = [path, ...zi.path.map(String)].join(".");
    const message =
      zi.code === "unrecognized_keys"
        ? msg(zi.keys.length > 1 ? "spec.unknownKeys" : "spec.unknownKey", { keys: zi.keys.map((k) => `"${k}"`) })
        : zodText(zi);
    fail(where, hint ? msg("spec.withHint", { message, hint }) : message);
  }
}

/** Deeper keys are never options; the cap keeps every later walk over the spec shallow. */
const MAX_KEY_PARTS = 8;

/** Turns Settings rows (key | value, e.g. "normalize.method" | "minmax") into a spec object. */
export function settingsToSpecInput(rows: readonly (readonly unknown[])[]): {
  spec: SpecInput;
  issues: ValidationIssue[];
} {
  const spec: SpecInput = bareObject();
  const issues: ValidationIssue[] = [];
  rows.forEach((row, r) => {
    const key = typeof row[0] === "string" ? row[0].trim() : row[0];
    if (key === undefined || key === null || key === "") return;
    if (r === 0 && typeof key === "string" && /^(key|setting|option)s?$/i.test(key)) return; // header row
    if (typeof key !== "string") {
      issues.push({
        table: "Settings",
        row: r,
        col: 0,
        ...said(msg("settings.keyNotText")),
        severity: "error",
      });
      return;
    }
    const parts = key.split(".");
    const bad = parts.find(isForbiddenKey);
    if (bad !== undefined || parts.length > MAX_KEY_PARTS) {
      const text = bad !== undefined ? forbiddenKeyText(bad) : msg("settings.tooDeep", { key: key.slice(0, 60) });
      issues.push({ table: "Settings", row: r, col: 0, ...said(text), severity: "error" });
      return;
    }
    let target: Record<string, unknown> = spec;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (typeof next !== "object" || next === null) target[part] = bareObject();
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = coerceSetting(row[1]);
  });
  return { spec, issues };
}

/** A Settings cell's value as the engine reads it ("yes" → true, "2" → 2); the method panel compares with it. */
export function coerceSetting(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const text = value.trim();
  if (/^(true|yes)$/i.test(text)) return true;
  if (/^(false|no)$/i.test(text)) return false;
  if (text !== "" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/** The data threshold of one level's aggregates (undefined: missing children are skipped). */
export function coverageFor(spec: AggregateSpec, level: number): number | undefined {
  return spec.minCoverageByLevel?.[level] ?? spec.minCoverage;
}

/** The method that aggregates the nodes of one level. */
export function aggregateFor(spec: AggregateSpec, level: number): AggregateOneSpec {
  const own = spec.byLevel[level];
  if (own) return own;
  return spec.method === "power" ? { method: "power", p: spec.p ?? 1 } : ({ method: spec.method } as AggregateOneSpec);
}

/** Short text of a normalization with its parameters, for the log ("minmax [0, 100]", "zscore (mean 0, sd 1)"). */
export function describeNormalize(spec: NormalizeSpec): string {
  return normalizeEntry(spec).describe?.(spec) ?? spec.method;
}

export function describeTreat(spec: TreatSpec): string {
  if (spec.method === "none") return "none";
  return `winsorize (winmax ${spec.winmax}, skew ${spec.skewThreshold}, kurtosis ${spec.kurtThreshold}, fallback ${spec.fallback})`;
}

/**
 * A Framework cell that names a method with optional parameters ("zscore", "minmax low=1 high=10",
 * "winsorize winmax=3; fallback=none", "none"), checked by the same schemas as the spec's
 * byIndicator entries. Returns the value, or the problems in words.
 */
export function parseMethodCell(
  step: "normalize" | "treat",
  text: string,
): { value?: NormalizeSpec | TreatOverride; problems: (string | Message)[] } {
  const problems: (string | Message)[] = [];
  const fail: Fail = (_path, message) => problems.push(message);
  const [head, ...rest] = text
    .trim()
    .split(/[\s,;]+/)
    .filter(Boolean);
  const block: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  // "winmax=3" alone (treat) keeps the global method; otherwise the first word is the method.
  const params = head !== undefined && head.includes("=") ? [head, ...rest] : rest;
  if (head !== undefined && !head.includes("=")) block.method = head.toLowerCase();
  for (const part of params) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!m || m[1] === "method") {
      problems.push(msg("spec.notParameter", { part: part.slice(0, 40) }));
      continue;
    }
    block[m[1]!] = coerceSetting(m[2]!);
  }
  if (problems.length) return { problems };
  const value =
    step === "normalize"
      ? parseMethodBlock(step, { ...block }, NORMALIZE_REGISTRY, normalizeSchema, fail)
      : parseTreatOverride(step, { ...block }, fail);
  return value ? { value, problems } : { problems };
}
