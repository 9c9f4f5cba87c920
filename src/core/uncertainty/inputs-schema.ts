/** Reads the uncertain inputs from JSON (command line --inputs, stored options), with errors that say what is allowed. */
import { z } from "zod";
import { IndexInputError, type ValidationIssue } from "../errors";
import { forbiddenKeyMessage, forbiddenKeyPaths } from "../safe-keys";
import { parseSpec } from "../spec";
import type { UncertainInputs } from "./inputs";

const KEYS = ["weights", "weightSets", "normalize", "aggregate", "impute", "winsorize"] as const;

const weightsSchema = z.union([
  z.literal(false),
  z.strictObject({
    factor: z.number().gt(0).lt(1).optional(),
    levels: z.array(z.number().int().min(1)).min(1).optional(),
  }),
]);
const weightSetsSchema = z
  .array(
    z.union([
      z.enum(["framework", "equal", "pca", "entropy"]),
      z.strictObject({
        name: z.string().min(1),
        weights: z.record(z.string(), z.number().min(0).refine(Number.isFinite)),
      }),
    ]),
  )
  .min(1);
const winsorizeSchema = z
  .strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) })
  .refine((v) => v.max >= v.min, "max must be at least min");

/** Steps of the spec that a path input may change (weights have their own inputs). */
const PATH_STEPS = ["denominate", "impute", "screen", "treat", "normalize", "aggregate"];

/** "screen.minCoverage" → itself; a path must start with a step and hold no empty or prototype part. */
function specPath(key: string): string | null {
  const parts = key.split(".");
  if (!PATH_STEPS.includes(parts[0]!)) return null;
  if (parts.length === 1 && ["impute", "normalize", "aggregate"].includes(key)) return null;
  if (parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")) return null;
  return key;
}

export function parseUncertainInputs(input: unknown): UncertainInputs {
  const issues: ValidationIssue[] = [];
  const fail = (column: string, message: string) =>
    issues.push({ table: "Spec", column: `inputs.${column}`, severity: "error", message });
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new IndexInputError([
      {
        table: "Spec",
        column: "inputs",
        severity: "error",
        message: `the uncertain inputs must be an object with any of ${KEYS.join(", ")}`,
      },
    ]);
  }
  const obj = input as Record<string, unknown>;
  for (const path of forbiddenKeyPaths(obj)) fail(path, forbiddenKeyMessage(path.split(".").pop()!));
  if (issues.length) throw new IndexInputError(issues);
  const out: UncertainInputs = {};
  for (const key of Object.keys(obj)) {
    if ((KEYS as readonly string[]).includes(key)) continue;
    const path = specPath(key);
    if (!path) {
      fail(
        key,
        `unknown input "${key}"; allowed: ${KEYS.join(", ")}, or a spec path with a list of alternatives such as "screen.minCoverage": [0.6, 0.75, 0.9]`,
      );
      continue;
    }
    const list = obj[key];
    if (!Array.isArray(list) || list.length === 0)
      fail(key, `${key} takes a list of alternatives, e.g. [0.6, 0.75, 0.9]`);
    else (out.paths ??= []).push({ path, alternatives: list });
  }
  if (obj.weights !== undefined) {
    const r = weightsSchema.safeParse(obj.weights);
    if (r.success) out.weights = r.data;
    else
      fail(
        "weights",
        'weights takes { "factor": a number between 0 and 1 (0.25 = ±25 %), "levels": [1, 2, ...] } or false',
      );
  }
  if (obj.weightSets !== undefined) {
    const r = weightSetsSchema.safeParse(obj.weightSets);
    if (r.success) out.weightSets = r.data;
    else
      fail(
        "weightSets",
        'weightSets takes a list of "framework", "equal", "pca", "entropy" or { "name": ..., "weights": { "code": weight, ... } }',
      );
  }
  if (obj.winsorize !== undefined) {
    const r = winsorizeSchema.safeParse(obj.winsorize);
    if (r.success) out.winsorize = r.data;
    else
      fail(
        "winsorize",
        'winsorize takes { "min": whole number, "max": whole number ≥ min }, e.g. { "min": 1, "max": 5 }',
      );
  }
  // Each alternative is checked exactly as the same block of a pipeline spec would be.
  const alternatives = <K extends "normalize" | "aggregate" | "impute">(key: K) => {
    const list = obj[key];
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || list.length === 0) {
      fail(key, `${key} takes a list of alternatives, e.g. ["minmax", "zscore"]`);
      return undefined;
    }
    return list.map((entry, i) => {
      try {
        return parseSpec({ [key]: typeof entry === "string" ? { method: entry } : entry })[key];
      } catch (error) {
        const inner = error instanceof IndexInputError ? error.issues.map((x) => x.message).join("; ") : String(error);
        fail(`${key}[${i}]`, inner);
        return undefined;
      }
    });
  };
  const normalize = alternatives("normalize");
  const aggregate = alternatives("aggregate");
  const impute = alternatives("impute");
  if (issues.length) throw new IndexInputError(issues);
  if (normalize) out.normalize = normalize as NonNullable<UncertainInputs["normalize"]>;
  if (aggregate) {
    out.aggregate = aggregate.map((a) => {
      const spec = a as ReturnType<typeof parseSpec>["aggregate"];
      return spec.method === "power" ? { method: "power" as const, p: spec.p ?? 1 } : { method: spec.method };
    }) as NonNullable<UncertainInputs["aggregate"]>;
  }
  if (impute) out.impute = impute as NonNullable<UncertainInputs["impute"]>;
  return out;
}
