/** The pipeline options (every key optional) and their validation with zod. */
import { z } from "zod";
import { IndexInputError, type TableName, type ValidationIssue } from "./errors";
import { bareObject, forbiddenKeyMessage, forbiddenKeyPaths, isForbiddenKey } from "./safe-keys";

const num = z.number().refine(Number.isFinite, "must be a finite number");

export const NORMALIZE_METHODS = [
  "minmax", "zscore", "rank", "percentile", "borda", "fracmax", "dist2max", "dist2target", "goalposts",
] as const;
export const AGGREGATE_METHODS = ["arithmetic", "geometric", "harmonic", "power"] as const;
export const IMPUTE_METHODS = ["none", "mean", "median", "group-mean", "group-median"] as const;
export const TREAT_METHODS = ["none", "winsorize"] as const;

export type NormalizeMethod = (typeof NORMALIZE_METHODS)[number];
export type AggregateMethod = (typeof AGGREGATE_METHODS)[number];
export type ImputeMethod = (typeof IMPUTE_METHODS)[number];

const imputeSchemas = {
  none: z.strictObject({ method: z.literal("none") }),
  mean: z.strictObject({ method: z.literal("mean") }),
  median: z.strictObject({ method: z.literal("median") }),
  "group-mean": z.strictObject({ method: z.literal("group-mean"), group: z.string().min(1) }),
  "group-median": z.strictObject({ method: z.literal("group-median"), group: z.string().min(1) }),
};

const treatSchemas = {
  none: z.strictObject({ method: z.literal("none") }),
  winsorize: z.strictObject({
    method: z.literal("winsorize"),
    winmax: z.number().int().min(0).default(5),
    skewThreshold: num.refine((v) => v > 0, "must be > 0").default(2),
    kurtThreshold: num.default(3.5),
    fallback: z.enum(["log", "none"]).default("log"),
  }),
};

const normalizeSchemas = {
  minmax: z
    .strictObject({ method: z.literal("minmax"), low: num.default(0), high: num.default(100) })
    .refine((v) => v.high > v.low, "high must be greater than low"),
  zscore: z
    .strictObject({ method: z.literal("zscore"), mean: num.default(0), sd: num.default(1) })
    .refine((v) => v.sd > 0, "sd must be greater than 0"),
  rank: z.strictObject({ method: z.literal("rank") }),
  percentile: z.strictObject({ method: z.literal("percentile") }),
  borda: z.strictObject({ method: z.literal("borda") }),
  fracmax: z.strictObject({ method: z.literal("fracmax") }),
  dist2max: z.strictObject({ method: z.literal("dist2max") }),
  dist2target: z.strictObject({ method: z.literal("dist2target"), cap: z.boolean().default(false) }),
  goalposts: z.strictObject({ method: z.literal("goalposts"), scale: num.default(1) }),
};

const aggregateOneSchemas = {
  arithmetic: z.strictObject({ method: z.literal("arithmetic") }),
  geometric: z.strictObject({ method: z.literal("geometric") }),
  harmonic: z.strictObject({ method: z.literal("harmonic") }),
  power: z.strictObject({ method: z.literal("power"), p: num.refine((v) => v !== 0, "p must not be 0 (p = 0 is the geometric mean)") }),
};

export type ImputeSpec = z.output<(typeof imputeSchemas)[keyof typeof imputeSchemas]>;
export type TreatSpec = z.output<(typeof treatSchemas)[keyof typeof treatSchemas]>;
export type WinsorizeSpec = z.output<typeof treatSchemas.winsorize>;
export type NormalizeSpec = z.output<(typeof normalizeSchemas)[keyof typeof normalizeSchemas]>;
export type AggregateOneSpec = z.output<(typeof aggregateOneSchemas)[keyof typeof aggregateOneSchemas]>;

export interface AggregateSpec {
  /** Default method for every level. */
  method: AggregateMethod;
  p?: number;
  /** Per-level overrides, keyed by level number (2 = aggregates of indicators). */
  byLevel: Record<number, AggregateOneSpec>;
}

/** A fully resolved spec: every step present, defaults filled in. */
export interface IndexSpec {
  denominate: boolean;
  impute: ImputeSpec;
  screen: { minCoverage: number } | null;
  treat: TreatSpec;
  normalize: NormalizeSpec;
  aggregate: AggregateSpec;
  /** Weights that replace the Framework's, by node code (a named weight set). */
  weights: Record<string, number> | null;
}

export type SpecInput = Record<string, unknown>;

const TOP_KEYS = ["denominate", "impute", "screen", "treat", "normalize", "aggregate", "weights"] as const;

/** Validates a plain spec object (from JSON or a Settings sheet) and fills in the defaults. */
export function parseSpec(input: unknown, table: TableName = "Spec"): IndexSpec {
  const issues: ValidationIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ table, column: path, message, severity: "error" });
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
    throw new IndexInputError([{ table, message: "the spec must be an object of options", severity: "error" }]);
  }
  const obj = input as Record<string, unknown>;
  const unsafe = forbiddenKeyPaths(obj);
  if (unsafe.length > 0) {
    throw new IndexInputError(unsafe.map((path) => ({ table, column: path, severity: "error" as const, message: forbiddenKeyMessage(path.split(".").pop()!) })));
  }
  for (const key of Object.keys(obj)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) fail(key, `unknown option "${key}"; allowed: ${TOP_KEYS.join(", ")}`);
  }
  if (obj.denominate !== undefined) {
    if (typeof obj.denominate === "boolean") spec.denominate = obj.denominate;
    else fail("denominate", "must be true or false");
  }
  if (obj.impute !== undefined) {
    const v = parseMethodBlock("impute", obj.impute, imputeSchemas, fail);
    if (v) spec.impute = v;
  }
  if (obj.screen !== undefined) {
    const r = z.strictObject({ minCoverage: z.number().min(0).max(1) }).safeParse(obj.screen);
    if (r.success) spec.screen = r.data;
    else reportZod("screen", r.error, fail, "screen takes { minCoverage: a share between 0 and 1 }");
  }
  if (obj.treat !== undefined) {
    const v = parseMethodBlock("treat", obj.treat, treatSchemas, fail);
    if (v) spec.treat = v;
  }
  if (obj.normalize !== undefined) {
    const v = parseMethodBlock("normalize", obj.normalize, normalizeSchemas, fail);
    if (v) spec.normalize = v;
  }
  if (obj.aggregate !== undefined) {
    const v = parseAggregate(obj.aggregate, fail);
    if (v) spec.aggregate = v;
  }
  if (obj.weights !== undefined && obj.weights !== null) {
    const r = z.record(z.string(), z.number().min(0).refine(Number.isFinite)).safeParse(obj.weights);
    if (r.success) spec.weights = r.data;
    else fail("weights", "weights must map node codes to non-negative numbers");
  }
  if (issues.length > 0) throw new IndexInputError(issues);
  return spec;
}

function parseAggregate(value: unknown, fail: (path: string, message: string) => void): AggregateSpec | null {
  if (typeof value === "string") value = { method: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("aggregate", `must be an object such as { "method": "arithmetic" }`);
    return null;
  }
  const { byLevel, ...rest } = value as Record<string, unknown>;
  const hasMethod = Object.keys(rest).length > 0;
  const top = hasMethod ? parseMethodBlock("aggregate", rest, aggregateOneSchemas, fail) : { method: "arithmetic" as const };
  if (!top) return null;
  const out: AggregateSpec = { method: top.method, byLevel: {} };
  if (top.method === "power") out.p = top.p;
  if (byLevel !== undefined) {
    if (typeof byLevel !== "object" || byLevel === null || Array.isArray(byLevel)) {
      fail("aggregate.byLevel", `must map level numbers to methods, e.g. { "2": { "method": "geometric" } }`);
      return null;
    }
    for (const [level, block] of Object.entries(byLevel as Record<string, unknown>)) {
      const n = Number(level);
      if (!Number.isInteger(n) || n < 2) {
        fail(`aggregate.byLevel.${level}`, "levels are whole numbers from 2 (the aggregates of indicators) up");
        continue;
      }
      const v = parseMethodBlock(`aggregate.byLevel.${level}`, block, aggregateOneSchemas, fail);
      if (v) out.byLevel[n] = v;
    }
  }
  return out;
}

/** Reads { method, ...params } against one strict schema per method, with errors that list what is allowed. */
function parseMethodBlock<S extends Record<string, z.ZodType>>(
  path: string,
  value: unknown,
  schemas: S,
  fail: (path: string, message: string) => void,
): z.output<S[keyof S]> | null {
  const methods = Object.keys(schemas);
  if (typeof value === "string") value = { method: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(path, `must be an object with a "method" (one of ${methods.join(", ")})`);
    return null;
  }
  const method = (value as Record<string, unknown>).method;
  if (typeof method !== "string" || !methods.includes(method)) {
    fail(`${path}.method`, `unknown method ${JSON.stringify(method ?? null)}; allowed: ${methods.join(", ")}`);
    return null;
  }
  const schema = schemas[method as keyof S]!;
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.output<S[keyof S]>;
  const allowedKeys = Object.keys((schema as unknown as { shape?: Record<string, unknown> }).shape ?? innerShape(schema));
  reportZod(path, r.error, fail, allowedKeys.length ? `allowed keys for ${method}: ${allowedKeys.join(", ")}` : undefined);
  return null;
}

function innerShape(schema: z.ZodType): Record<string, unknown> {
  // A refined object keeps its shape on the inner schema.
  const def = (schema as unknown as { def?: { in?: { shape?: Record<string, unknown> }; schema?: { shape?: Record<string, unknown> } } }).def;
  return def?.in?.shape ?? def?.schema?.shape ?? {};
}

function reportZod(path: string, error: z.ZodError, fail: (path: string, message: string) => void, hint?: string): void {
  for (const zi of error.issues) {
    const where = [path, ...zi.path.map(String)].join(".");
    let message = zi.message;
    if (zi.code === "unrecognized_keys") message = `unknown option${zi.keys.length > 1 ? "s" : ""} ${zi.keys.map((k) => `"${k}"`).join(", ")}`;
    fail(where, hint ? `${message} (${hint})` : message);
  }
}

/** Deeper keys are never options; the cap keeps every later walk over the spec shallow. */
const MAX_KEY_PARTS = 8;

/** Turns Settings rows (key | value, e.g. "normalize.method" | "minmax") into a spec object. */
export function settingsToSpecInput(rows: readonly (readonly unknown[])[]): { spec: SpecInput; issues: ValidationIssue[] } {
  const spec: SpecInput = bareObject();
  const issues: ValidationIssue[] = [];
  rows.forEach((row, r) => {
    const key = typeof row[0] === "string" ? row[0].trim() : row[0];
    if (key === undefined || key === null || key === "") return;
    if (r === 0 && typeof key === "string" && /^(key|setting|option)s?$/i.test(key)) return; // header row
    if (typeof key !== "string") {
      issues.push({ table: "Settings", row: r, col: 0, message: "the key must be text such as normalize.method", severity: "error" });
      return;
    }
    const parts = key.split(".");
    const bad = parts.find(isForbiddenKey);
    if (bad !== undefined || parts.length > MAX_KEY_PARTS) {
      const message = bad !== undefined ? forbiddenKeyMessage(bad) : `"${key.slice(0, 60)}…" is not an option: option keys have at most 4 parts (aggregate.byLevel.2.method)`;
      issues.push({ table: "Settings", row: r, col: 0, message, severity: "error" });
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

function coerceSetting(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const text = value.trim();
  if (/^(true|yes)$/i.test(text)) return true;
  if (/^(false|no)$/i.test(text)) return false;
  if (text !== "" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/** The method that aggregates the nodes of one level. */
export function aggregateFor(spec: AggregateSpec, level: number): AggregateOneSpec {
  const own = spec.byLevel[level];
  if (own) return own;
  return spec.method === "power" ? { method: "power", p: spec.p ?? 1 } : ({ method: spec.method } as AggregateOneSpec);
}
