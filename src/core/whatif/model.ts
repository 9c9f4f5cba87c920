/**
 * Live what-if weights: from a computed IndexResult, everything that does not depend on the weights
 * (normalized indicators, the tree, each level's mean from the method registry, the coverage rule)
 * is laid out once, so that re-aggregating with new weights and re-ranking (the pipeline's O(n)
 * radix argsort, into this model's arrays) is a loop over typed arrays with no allocation per call. It runs the same kernels in the same order as steps/aggregate.ts, so its scores equal
 * computeIndex's with those weights in the Framework.
 */
import { IndexComputeError } from "../errors";
import { msg, render, type Message } from "../messages";
import { aggregateEntry, type MeanKernel } from "../methods/aggregate";
import type { IndexResult } from "../result";
import { aggregateFor, coverageFor } from "../spec";
import { rankDescending } from "../steps/rank";

/** Why a weight set cannot be aggregated (the full pipeline would throw the same). */
export interface WhatIfFailure {
  kind: "all-zero" | "bad-weight" | "domain";
  /** The aggregate (or, for bad-weight, the node) concerned. */
  node: string;
  /** The unit, for a domain failure. */
  unit?: string;
  message: string;
  /** The message in the catalogue, for the analyst's language. */
  text: Message;
}

function failed(failure: Omit<WhatIfFailure, "message" | "text">, text: Message): WhatIfFailure {
  return { ...failure, message: render("en", text), text };
}

export class WhatIfModel {
  /** Every node code: indicators (Framework order), then aggregates bottom-up (the root last). */
  readonly codes: readonly string[];
  /** Weights by slot (codes order); edit them, then run(). */
  readonly weights: Float64Array;
  /** The weights of the computed result (the Framework's or the spec's), by slot. */
  readonly reference: Float64Array;
  /** The index (root) score and rank of every unit after the last run(). */
  readonly index: Float64Array;
  readonly ranks: Float64Array;
  /** The computed result's root ranks (the last written run). */
  readonly baseRanks: Float64Array;
  readonly unitCodes: readonly string[];
  readonly unitNames: readonly string[];
  readonly root: string;

  private readonly slots = new Map<string, number>();
  private readonly columns: Float64Array[];
  private readonly firstAggregate: number;
  /** Per aggregate k: its children are childSlots[childStart[k] .. childStart[k + 1]). */
  private readonly childStart: Int32Array;
  private readonly childSlots: Int32Array;
  private readonly kernels: MeanKernel[];
  /** 0 = any value, 1 = x > 0, 2 = x ≥ 0 (the mean's domain). */
  private readonly domain: Uint8Array;
  /** Minimum share of children with a value, NaN = no threshold. */
  private readonly minCoverage: Float64Array;
  private readonly num: Float64Array;
  private readonly den: Float64Array;
  private readonly present: Float64Array;

  constructor(result: IndexResult) {
    const { framework, spec } = result;
    const n = result.units.codes.length;
    const normalized = new Map<string, Float64Array>();
    result.steps.normalized.codes.forEach((c, j) => normalized.set(c, result.steps.normalized.columns[j]!));
    const codes = [...framework.indicators.map((i) => i.code), ...framework.aggregates.map((a) => a.code)];
    codes.forEach((c, s) => this.slots.set(c, s));
    this.codes = codes;
    this.firstAggregate = framework.indicators.length;
    this.columns = codes.map((c, s) => (s < this.firstAggregate ? normalized.get(c)! : new Float64Array(n)));
    this.reference = Float64Array.from(codes, (c) => result.weights.get(c) ?? framework.byCode.get(c)!.weight);
    this.weights = Float64Array.from(this.reference);
    const aggs = framework.aggregates;
    this.childStart = new Int32Array(aggs.length + 1);
    const kids: number[] = [];
    aggs.forEach((a, k) => {
      this.childStart[k] = kids.length;
      for (const c of a.children) kids.push(this.slots.get(c)!);
    });
    this.childStart[aggs.length] = kids.length;
    this.childSlots = Int32Array.from(kids);
    this.domain = new Uint8Array(aggs.length);
    this.minCoverage = new Float64Array(aggs.length);
    this.kernels = aggs.map((a, k) => {
      const method = aggregateFor(spec.aggregate, a.level);
      const entry = aggregateEntry(method);
      const d = entry.domain(method);
      this.domain[k] = d.positive ? 1 : d.nonNegative ? 2 : 0;
      this.minCoverage[k] = coverageFor(spec.aggregate, a.level) ?? NaN;
      // steps/magnitude rescales values beyond ~2^900; normalized data never is, so refuse rather than differ.
      const p = entry.powerOf(method);
      for (const c of a.children) {
        const s = this.slots.get(c)!;
        if (s >= this.firstAggregate) continue;
        for (const v of this.columns[s]!) {
          const abs = Math.abs(v);
          if (v !== v || abs === Infinity) continue;
          if ((abs > 0 && Math.log2(abs) * Math.max(1, p) > 900) || (p < 0 && abs > 0 && Math.log2(abs) * p > 900)) {
            throw new IndexComputeError(msg("whatif.tooLarge", { code: c, value: v }));
          }
        }
      }
      return entry.kernel(method);
    });
    this.num = new Float64Array(n);
    this.den = new Float64Array(n);
    this.present = new Float64Array(n);
    this.index = this.columns[this.columns.length - 1]!;
    this.ranks = new Float64Array(n);
    const rootRanks = result.ranks.columns[result.ranks.codes.indexOf(framework.root)];
    this.baseRanks = rootRanks ? Float64Array.from(rootRanks) : new Float64Array(n).fill(NaN);
    this.unitCodes = result.units.codes;
    this.unitNames = result.units.names;
    this.root = framework.root;
    const failure = this.run();
    if (failure) throw new IndexComputeError(failure.text);
  }

  /** The slot of a node code, or -1. */
  slot(code: string): number {
    return this.slots.get(code) ?? -1;
  }

  /** The current scores of a node (an indicator's normalized values, an aggregate's last run). */
  scores(code: string): Float64Array {
    const s = this.slot(code);
    if (s < 0) throw new IndexComputeError(msg("whatif.notNode", { code }));
    return this.columns[s]!;
  }

  /** Aggregate codes bottom-up (the root last). */
  aggregates(): string[] {
    return this.codes.slice(this.firstAggregate);
  }

  /** Children codes of an aggregate, in Framework order. */
  children(code: string): string[] {
    const k = this.slot(code) - this.firstAggregate;
    if (k < 0) return [];
    const out: string[] = [];
    for (let j = this.childStart[k]!; j < this.childStart[k + 1]!; j++) out.push(this.codes[this.childSlots[j]!]!);
    return out;
  }

  /** Re-aggregates every level with `weights` and re-ranks the index; null on success. */
  run(): WhatIfFailure | null {
    const { num, den, present, weights, columns, childSlots, childStart } = this;
    const n = num.length;
    const first = this.firstAggregate;
    for (let k = 0; k < this.kernels.length; k++) {
      const a = childStart[k]!;
      const b = childStart[k + 1]!;
      const node = this.codes[first + k]!;
      let total = 0;
      for (let j = a; j < b; j++) {
        const w = weights[childSlots[j]!]!;
        if (!(w >= 0) || w === Infinity)
          return failed(
            { kind: "bad-weight", node: this.codes[childSlots[j]!]! },
            msg("whatif.badWeight", { code: this.codes[childSlots[j]!]!, weight: w }),
          );
        total += w;
      }
      if (!(total > 0)) return failed({ kind: "all-zero", node }, msg("weights.allZero", { code: node }));
      const kernel = this.kernels[k]!;
      const dom = this.domain[k]!;
      const min = this.minCoverage[k]!;
      num.fill(0);
      den.fill(0);
      present.fill(0);
      for (let j = a; j < b; j++) {
        const s = childSlots[j]!;
        const x = columns[s]!;
        const w = weights[s]!;
        for (let i = 0; i < n; i++) {
          const v = x[i]!;
          if (v !== v) continue;
          if ((dom === 1 && v <= 0) || (dom === 2 && v < 0)) {
            return failed(
              { kind: "domain", node, unit: this.unitCodes[i]! },
              msg("whatif.domain", {
                code: this.codes[s]!,
                unit: this.unitCodes[i]!,
                value: v,
                node,
                accepts: dom === 1 ? "> 0" : "≥ 0",
              }),
            );
          }
          den[i]! += w;
          present[i]! += 1;
        }
        kernel.add(num, x, w);
      }
      const out = columns[first + k]!;
      const count = b - a;
      for (let i = 0; i < n; i++) {
        const W = den[i]!;
        if ((min === min && present[i]! / count < min) || !(W > 0)) out[i] = NaN;
        else out[i] = kernel.finish(num[i]!, W);
      }
    }
    this.rank();
    return null;
  }

  /** Competition ranks of the index, as the pipeline ranks (steps/rank.ts). */
  private rank(): void {
    rankDescending(this.index, this.ranks);
  }

  /** Copies weights from a code → weight record (unknown codes are an error). */
  setWeights(values: Readonly<Record<string, number>>): void {
    for (const [code, w] of Object.entries(values)) {
      const s = this.slot(code);
      if (s < 0) throw new IndexComputeError(msg("whatif.notNode", { code }));
      this.weights[s] = w;
    }
  }

  /** The weights that differ from the reference, by code (what Apply writes). */
  changedWeights(): Record<string, number> {
    const out: Record<string, number> = {};
    this.codes.forEach((c, s) => {
      if (this.weights[s] !== this.reference[s]) out[c] = this.weights[s]!;
    });
    return out;
  }

  reset(): void {
    this.weights.set(this.reference);
  }
}
