/** Treat: COINr's outlier treatment (winsorization by skew/kurtosis, log fallback). */
import type { TreatmentRecord } from "../result";
import type { TreatBlock, TreatOverride, TreatSpec, WinsorizeSpec } from "../spec";
import { WINSORIZE_DEFAULTS } from "../methods/treat";
import { minMax, skewKurt } from "../stats";
import type { ColumnSet, MethodSource } from "../types";
import { copyColumn, newColumn } from "../column-arena";

/** Passes when |skew| < skewThreshold OR kurt < kurtThreshold; undefined moments (n < 4, constant) pass. */
export function passesSkewKurt(s: number, k: number, spec: WinsorizeSpec): boolean {
  if (s !== s || k !== k) return true;
  return Math.abs(s) < spec.skewThreshold || k < spec.kurtThreshold;
}

export function winsorizeColumn(
  x: Float64Array,
  spec: WinsorizeSpec,
  code: string,
  unitCodes: string[],
): { values: Float64Array; record: TreatmentRecord } {
  const [skewBefore, kurtBefore] = skewKurt(x);
  const record: TreatmentRecord = {
    indicator: code,
    skewBefore,
    kurtBefore,
    skewAfter: skewBefore,
    kurtAfter: kurtBefore,
    winsorizedHigh: [],
    winsorizedLow: [],
    action: "none",
  };
  if (passesSkewKurt(skewBefore, kurtBefore, spec)) return { values: x, record };

  const values = copyColumn(x);
  const movedHigh = new Set<number>();
  const movedLow = new Set<number>();
  let lastHigh = 0;
  let lastLow = 0;
  let s = skewBefore;
  let k = kurtBefore;
  while (!passesSkewKurt(s, k, spec) && lastHigh + lastLow < spec.winmax) {
    const moved = s >= 0 ? clipExtreme(values, true) : clipExtreme(values, false);
    if (moved.length === 0) break; // every value equal: nothing left to clip
    if (s >= 0) {
      lastHigh = moved.length;
      for (const i of moved) movedHigh.add(i);
    } else {
      lastLow = moved.length;
      for (const i of moved) movedLow.add(i);
    }
    [s, k] = skewKurt(values);
  }
  record.skewAfter = s;
  record.kurtAfter = k;
  if (passesSkewKurt(s, k, spec)) {
    record.action = "winsorized";
    record.winsorizedHigh = [...movedHigh].sort((a, b) => a - b).map((i) => unitCodes[i]!);
    record.winsorizedLow = [...movedLow].sort((a, b) => a - b).map((i) => unitCodes[i]!);
    return { values, record };
  }
  if (spec.fallback === "none") {
    record.action = "failed";
    record.winsorizedHigh = [...movedHigh].sort((a, b) => a - b).map((i) => unitCodes[i]!);
    record.winsorizedLow = [...movedLow].sort((a, b) => a - b).map((i) => unitCodes[i]!);
    return { values, record };
  }
  const logged = logTransform(x, values); // the winsorized copy is not kept: its room takes the logs
  record.action = "log";
  [record.skewAfter, record.kurtAfter] = skewKurt(logged);
  return { values: logged, record };
}

/** Sets every point equal to the max (or min) to the next value inside; returns the moved indices. */
function clipExtreme(values: Float64Array, high: boolean): number[] {
  const [lo, hi] = minMax(values);
  const extreme = high ? hi : lo;
  let next = high ? -Infinity : Infinity;
  const moved: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (v === extreme) moved.push(i);
    else if (high ? v > next : v < next) next = v;
  }
  if (next === Infinity || next === -Infinity) return [];
  for (const i of moved) values[i] = next;
  return moved;
}

/** COINr's log fallback on the original column: log(x - min + 0.01·(max - min)). */
export function logTransform(x: Float64Array, out: Float64Array = newColumn(x.length)): Float64Array {
  const [lo, hi] = minMax(x);
  const shift = -lo + 0.01 * (hi - lo);
  for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]! + shift);
  return out;
}

/**
 * The treatment each indicator gets: the spec's byIndicator, then the Framework's Treat column, then
 * the global setting. An override's parameters go over the global winsorization (COINr modifies the
 * global specs with indiv_specs), or over the defaults when the global treatment is none.
 */
export function treatMethodOf(
  node: { code: string; treat?: TreatOverride },
  spec: TreatBlock,
): { spec: TreatSpec; source: MethodSource } {
  const own = spec.byIndicator?.[node.code] ?? node.treat;
  const source: MethodSource = spec.byIndicator?.[node.code] ? "spec" : node.treat ? "framework" : "global";
  const base: WinsorizeSpec =
    spec.method === "winsorize"
      ? {
          method: "winsorize",
          winmax: spec.winmax,
          skewThreshold: spec.skewThreshold,
          kurtThreshold: spec.kurtThreshold,
          fallback: spec.fallback,
        }
      : WINSORIZE_DEFAULTS;
  if (!own) return { spec: spec.method === "winsorize" ? base : { method: "none" }, source };
  if (own.method === "none") return { spec: { method: "none" }, source };
  const merged: WinsorizeSpec = { ...base };
  if (own.winmax !== undefined) merged.winmax = own.winmax;
  if (own.skewThreshold !== undefined) merged.skewThreshold = own.skewThreshold;
  if (own.kurtThreshold !== undefined) merged.kurtThreshold = own.kurtThreshold;
  if (own.fallback !== undefined) merged.fallback = own.fallback;
  return { spec: merged, source };
}

export function treat(
  set: ColumnSet,
  spec: TreatBlock,
  unitCodes: string[],
  indicators?: readonly { code: string; treat?: TreatOverride }[],
): { set: ColumnSet; records: TreatmentRecord[] } {
  const perIndicator = !!spec.byIndicator || !!indicators?.some((node) => node.treat);
  if (spec.method === "none" && !perIndicator) return { set, records: [] };
  const records: TreatmentRecord[] = [];
  const columns = set.columns.map((column, j) => {
    const code = set.codes[j]!;
    const own = perIndicator ? treatMethodOf(indicators?.[j] ?? { code }, spec).spec : spec;
    if (own.method === "none") return column;
    const { values, record } = winsorizeColumn(column, own, code, unitCodes);
    records.push(record);
    return values;
  });
  return { set: { codes: set.codes, columns }, records };
}
