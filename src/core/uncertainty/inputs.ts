/**
 * The uncertain inputs of an index and how one row of uniforms in [0, 1) becomes one pipeline
 * spec. Every input owns a block of columns of the row (an InputGroup), so that the same mapping
 * serves plain Monte Carlo and the Saltelli design (where A_B^i swaps one whole block).
 */
import { msg, render, type Message } from "../messages";
import { IndexInputError, said } from "../errors";
import type { IndexResult } from "../result";
import {
  describeNormalize,
  parseSpec,
  type AggregateMethod,
  type AggregateOneSpec,
  type ImputeSpec,
  type IndexSpec,
  type NormalizeMethod,
  type NormalizeSpec,
  type TreatSpec,
} from "../spec";
import { domainOf } from "../steps/aggregate";
import { normalizeSchema } from "../methods/normalize";
import { WINSORIZE_DEFAULTS } from "../methods/treat";
import type { Framework } from "../types";
import type { InputGroup } from "./sobol";
import { weightSetFor, type WeightSet, type WeightSetMethod } from "./weight-sets";

export interface UncertainInputs {
  /** Alternative weight sets, drawn with equal probability (weight noise, if any, applies on top). */
  weightSets?: (WeightSetMethod | WeightSet)[];
  /** Weight noise: each weight w becomes w·(1 + u), u uniform in [-factor, factor]; one input per level. */
  weights?: { factor?: number; levels?: number[] } | false;
  /** Normalization alternatives, drawn with equal probability. */
  normalize?: (NormalizeMethod | NormalizeSpec)[];
  /** Aggregation alternatives (the same method at every level of a run). */
  aggregate?: (AggregateMethod | AggregateOneSpec)[];
  /** Imputation alternatives. */
  impute?: ImputeSpec[];
  /** Winsorization limit winmax, a whole number drawn uniformly from [min, max]. */
  winsorize?: { min: number; max: number };
  /** Any spec path with a list of alternatives, e.g. { path: "screen.minCoverage", alternatives: [0.6, 0.75, 0.9] }. */
  paths?: { path: string; alternatives: unknown[] }[];
}

/** What is uncertain when the caller says nothing: weights ±25 % at every level, three normalizations, two aggregations. */
export const DEFAULT_INPUTS: UncertainInputs = {
  weights: { factor: 0.25 },
  normalize: ["minmax", "zscore", "rank"],
  aggregate: ["arithmetic", "geometric"],
};

export interface InputModel {
  groups: InputGroup[];
  /** Human-readable description of each input, in group order. */
  descriptions: string[];
  /** The same descriptions as catalogue messages, for the analyst's language (same order). */
  descriptionTexts: Message[];
  /** The spec of one run; the returned object (and its weights record) is reused between calls. */
  specFor(u: Float64Array): IndexSpec;
  /** Changes made so that every run is computable (e.g. min-max on [1, 100] for geometric means). */
  notes: string[];
  /** The same notes as catalogue messages, for the analyst's language (same order). */
  noteTexts: Message[];
  /** JSON of the nominal normalization of the runs: mean scores are only comparable over runs that use it. */
  nominalNormalize: string;
}

const fail = (text: Message) =>
  new IndexInputError([{ table: "Spec", column: "uncertainty", severity: "error", ...said(text) }]);

/** `base` overrides steps of the nominal spec for every run (see indexModel: steps done once up front). */
export function buildInputModel(
  result: IndexResult,
  inputs: UncertainInputs = DEFAULT_INPUTS,
  base: Partial<IndexSpec> = {},
): InputModel {
  const { framework } = result;
  const nominal = result.spec;
  const unitCount = result.units.codes.length;
  const groups: InputGroup[] = [];
  const descriptions: string[] = [];
  const descriptionTexts: Message[] = [];
  const notes: string[] = [];
  const noteTexts: Message[] = [];
  const apply: ((u: Float64Array, spec: IndexSpec) => void)[] = [];
  const add = (
    name: string,
    size: number,
    description: Message,
    fn: (block: Float64Array, spec: IndexSpec) => void,
  ) => {
    const start = groups.reduce((s, g) => s + g.size, 0);
    groups.push({ name, start, size });
    descriptions.push(render("en", description));
    descriptionTexts.push(description);
    apply.push((u, spec) => fn(u.subarray(start, start + size), spec));
  };

  const aggregateAlternatives = (inputs.aggregate ?? []).map((a): AggregateOneSpec =>
    typeof a === "string" ? oneAggregate(a) : a,
  );
  const domains = [
    ...aggregateAlternatives,
    ...Object.values(nominal.aggregate.byLevel),
    oneAggregate(nominal.aggregate.method, nominal.aggregate.p),
  ].map(domainOf);
  const needsPositive = domains.some((d) => d.positive);
  const needsNonNegative = domains.some((d) => d.nonNegative);
  const positive = <T extends NormalizeSpec>(spec: T): T =>
    needsPositive || needsNonNegative
      ? ({ ...spec, ...positiveNormalization(spec, unitCount, { notes, noteTexts }, needsPositive) } as T)
      : spec;
  const nominalNormalize = positive(nominal.normalize);

  const weightsRecord: Record<string, number> = {};
  for (const [code, w] of result.weights) weightsRecord[code] = w;
  // The weights that noise perturbs: the nominal ones, or the weight set drawn for the run.
  const baseWeights: Record<string, number> = { ...weightsRecord };
  const spec: IndexSpec = {
    ...nominal,
    ...base,
    normalize: nominalNormalize,
    aggregate: nominal.aggregate,
    weights: weightsRecord,
  };

  if (inputs.weightSets?.length) {
    const sets = inputs.weightSets.map((set) => (typeof set === "string" ? weightSetFor(result, set) : set));
    for (const set of sets) {
      const unknown = Object.keys(set.weights).filter((code) => !framework.byCode.has(code));
      if (unknown.length) throw fail(msg("input.weightSetUnknown", { name: set.name, codes: unknown.slice(0, 10) }));
    }
    // A set may give only some weights; the others keep their nominal values.
    const full = sets.map((set) => ({ ...weightsRecord, ...set.weights }));
    add("weight set", 1, msg("input.weightSets", { sets: sets.map((set) => set.name).join(" | ") }), (block, s) => {
      const chosen = full[pick(block[0]!, full.length)]!;
      Object.assign(baseWeights, chosen);
      Object.assign(s.weights!, chosen);
    });
  }
  if (inputs.weights) {
    const factor = inputs.weights.factor ?? 0.25;
    if (!(factor > 0 && factor < 1)) throw fail(msg("input.noiseFactor", { factor }));
    const levels = inputs.weights.levels ?? Array.from({ length: framework.maxLevel - 1 }, (_, i) => i + 1);
    for (const level of levels) {
      const codes = nodesAtLevel(framework, level);
      if (codes.length === 0) throw fail(msg("input.noLevel", { level, max: framework.maxLevel - 1 }));
      add(
        `weights L${level}`,
        codes.length,
        msg("input.weightNoise", { level, percent: Math.round(factor * 100) }),
        (block, s) => {
          for (let j = 0; j < codes.length; j++)
            s.weights![codes[j]!] = baseWeights[codes[j]!]! * (1 + factor * (2 * block[j]! - 1));
        },
      );
    }
  }
  if (inputs.normalize?.length) {
    // The analyst's per-indicator methods stay in every run; only the global method varies.
    const own = nominal.normalize.byIndicator ? { byIndicator: nominal.normalize.byIndicator } : {};
    const options = inputs.normalize.map((n) =>
      positive({ ...(typeof n === "string" ? defaultNormalize(n) : n), ...own }),
    );
    add(
      "normalization",
      1,
      msg("input.normalize", { options: options.map(describeNormalize).join(" | ") }),
      (block, s) => {
        s.normalize = options[pick(block[0]!, options.length)]!;
      },
    );
  }
  if (aggregateAlternatives.length) {
    const options = aggregateAlternatives.map((a): IndexSpec["aggregate"] => ({
      method: a.method,
      ...(a.method === "power" ? { p: a.p } : {}),
      byLevel: {},
    }));
    add(
      "aggregation",
      1,
      msg("input.aggregate", { options: aggregateAlternatives.map((a) => a.method).join(" | ") }),
      (block, s) => {
        s.aggregate = options[pick(block[0]!, options.length)]!;
      },
    );
  }
  if (inputs.impute?.length) {
    const options = inputs.impute;
    add(
      "imputation",
      1,
      msg("input.impute", {
        options: options.map((i) => ("group" in i ? `${i.method} (${i.group})` : i.method)).join(" | "),
      }),
      (block, s) => {
        s.impute = options[pick(block[0]!, options.length)]!;
      },
    );
  }
  if (inputs.winsorize) {
    const { min, max } = inputs.winsorize;
    if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= min)) {
      throw fail(msg("input.winsorizeLimits", { min, max }));
    }
    const base = nominal.treat.method === "winsorize" ? nominal.treat : WINSORIZE_DEFAULTS;
    // Drawn as a number, not picked from a list: a range of 100,000,000 limits costs nothing.
    const treat: TreatSpec = { ...base };
    add("winsorization", 1, msg("input.winsorize", { min, max }), (block, s) => {
      treat.winmax = min + pick(block[0]!, max - min + 1);
      s.treat = treat;
    });
  }
  const changed = new Map<string, string>();
  for (const { path, alternatives } of inputs.paths ?? []) {
    const top = path.split(".")[0] as keyof IndexSpec;
    const other = changed.get(top) ?? (uncertainBlocks(inputs).includes(top) ? top : undefined);
    if (other !== undefined) throw fail(msg("input.pathTwice", { path, other, top }));
    changed.set(top, path);
    const options = alternatives.map((value, i) => {
      const block = alternativeBlock(nominal, path, value, i);
      return top === "normalize" ? positive(block as NormalizeSpec) : block;
    });
    add(
      path,
      1,
      msg("input.path", {
        path,
        options: alternatives.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(" | "),
      }),
      (block, s) => {
        (s as unknown as Record<string, unknown>)[top] = options[pick(block[0]!, options.length)];
      },
    );
  }
  if (groups.length === 0) throw fail(msg("input.nothing"));

  return {
    groups,
    descriptions,
    descriptionTexts,
    notes,
    noteTexts,
    nominalNormalize: JSON.stringify(nominalNormalize),
    specFor(u) {
      for (const fn of apply) fn(u, spec);
      return spec;
    },
  };
}

/** Spec blocks that the named inputs already make uncertain. */
function uncertainBlocks(inputs: UncertainInputs): string[] {
  const out: string[] = [];
  if (inputs.normalize?.length) out.push("normalize");
  if (inputs.aggregate?.length) out.push("aggregate");
  if (inputs.impute?.length) out.push("impute");
  if (inputs.winsorize) out.push("treat");
  if (inputs.weights || inputs.weightSets?.length) out.push("weights");
  return out;
}

/**
 * The block of the spec that one alternative gives: the nominal spec, back in its input form, with
 * the path set to the value, checked by parseSpec like any spec (errors name the input and entry).
 */
function alternativeBlock(nominal: IndexSpec, path: string, value: unknown, i: number): unknown {
  const input = specAsInput(nominal);
  const parts = path.split(".");
  let target: Record<string, unknown> = input;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (typeof next !== "object" || next === null || Array.isArray(next))
      target[part] = Object.create(null) as Record<string, unknown>;
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]!] = value;
  try {
    return parseSpec(input)[parts[0] as keyof IndexSpec];
  } catch (error) {
    const why =
      error instanceof IndexInputError
        ? error.issues.map((x) => `${x.column ?? ""}: ${x.message}`).join("; ")
        : String(error);
    throw new IndexInputError([
      {
        table: "Spec",
        column: `inputs.${path}[${i}]`,
        severity: "error",
        message: `alternative ${JSON.stringify(value)} is not a valid setting (${why})`,
      },
    ]);
  }
}

/** A resolved spec in the form parseSpec reads (the inverse of its defaults), as plain null-prototype objects. */
export function specAsInput(spec: IndexSpec): Record<string, unknown> {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy);
    if (typeof value !== "object" || value === null) return value;
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copy(v);
    return out;
  };
  const input = copy(spec) as Record<string, unknown>;
  const aggregate = input.aggregate as Record<string, unknown>;
  const byLevel = aggregate.byLevel as Record<string, Record<string, unknown>>;
  const coverage = aggregate.minCoverageByLevel as Record<string, number> | undefined;
  delete aggregate.minCoverageByLevel;
  if (aggregate.method !== "power") delete aggregate.p;
  for (const [level, m] of Object.entries(coverage ?? {}))
    (byLevel[level] ??= Object.create(null) as Record<string, unknown>).minCoverage = m;
  if (input.screen === null) delete input.screen;
  if (input.weights === null) delete input.weights;
  return input;
}

/** Index of one of k equally likely alternatives from a uniform in [0, 1). */
function pick(u: number, k: number): number {
  return Math.min(k - 1, Math.floor(u * k));
}

function nodesAtLevel(framework: Framework, level: number): string[] {
  if (level === 1) return framework.indicators.map((i) => i.code);
  return framework.aggregates.filter((a) => a.level === level && a.parent !== null).map((a) => a.code);
}

function oneAggregate(method: AggregateMethod, p?: number): AggregateOneSpec {
  return method === "power" ? { method, p: p ?? 1 } : ({ method } as AggregateOneSpec);
}

/** The method with its registry defaults (the string shorthand of the spec). */
function defaultNormalize(method: NormalizeMethod): NormalizeSpec {
  return normalizeSchema.parse(method);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Geometric, harmonic and power means with p < 0 need positive values (odd or non-integer p,
 * non-negative ones), so when one of them can be drawn every normalization is moved onto a
 * positive scale by an affine change, which leaves the ranks of arithmetic runs as they were:
 * min-max starting at 0 or below runs on [1, 100]; z-scores get the mean sd·(n-1)/√n + 1, above the
 * largest possible |z| (Samuelson's bound), so every value is ≥ 1; ranks are already ≥ 1. Other
 * methods can give 0 and are refused with a clear message (non-negative methods pass for odd p).
 */
function positiveNormalization(spec: NormalizeSpec, units: number, notes: Notes, strict = true): NormalizeSpec {
  switch (spec.method) {
    case "minmax": {
      if (spec.low > 0 || (!strict && spec.low >= 0)) return spec;
      const out = { method: "minmax" as const, low: 1, high: Math.max(100, spec.high) };
      remember(notes, msg("note.minmaxPositive", { high: out.high, low: spec.low, oldHigh: spec.high }));
      return out;
    }
    case "zscore": {
      const mean = (spec.sd * (units - 1)) / Math.sqrt(units) + 1;
      if (spec.mean >= mean) return spec;
      remember(notes, msg("note.zscorePositive", { mean: round(mean), sd: spec.sd }));
      return { method: "zscore", mean, sd: spec.sd };
    }
    case "rank":
      return spec;
    default:
      // Percentile, borda, fracmax, distances and goalposts are ≥ 0: enough for odd or non-integer p.
      if (!strict && spec.method !== "none") return spec;
      throw fail(msg(strict ? "input.needsPositive" : "input.needsNonNegative", { method: spec.method }));
  }
}

interface Notes {
  notes: string[];
  noteTexts: Message[];
}

function remember({ notes, noteTexts }: Notes, text: Message): void {
  const note = render("en", text);
  if (notes.includes(note)) return;
  notes.push(note);
  noteTexts.push(text);
}
