/** Small helpers shared by the sheet builders: cell values, ranges, unit order, node columns. */
import { columnOf } from "../columns";
import { rangeA1 } from "../a1";
import { median } from "../stats";
import type { IndexResult } from "../result";
import type { Cell } from "../types";

/** NaN and infinities become empty cells: the engine's missing values never reach a sheet as text. */
export function num(x: number): Cell {
  return Number.isFinite(x) ? x : null;
}

export { rangeA1 };

/** A column's body range below a one-row header: rows 1..rows (0-based), or null when empty. */
export function bodyRange(col: number, rows: number, firstRow = 1): string | null {
  return rows > 0 ? rangeA1(firstRow, col, firstRow + rows - 1, col) : null;
}

/** Header texts made unique (Excel tables need unique column names): "Name", "Name (2)". */
export function uniqueHeaders(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((header) => {
    const base = header.trim() === "" ? "Column" : header.trim();
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

export function unitLabel(result: IndexResult, unit: number): string {
  const name = result.units.names[unit];
  return name !== undefined && name.trim() !== "" ? name : result.units.codes[unit]!;
}

export function nodeName(result: IndexResult, code: string): string {
  const node = result.framework.byCode.get(code);
  return node && node.name.trim() !== "" ? node.name : code;
}

export function nodeRanks(result: IndexResult, code: string): Float64Array | undefined {
  return columnOf(result.ranks, code);
}

/** Children of the root (pillars) and the aggregates one level below them (sub-pillars). */
export function pillarsAndSubPillars(result: IndexResult): { pillars: string[]; subPillars: string[] } {
  const root = result.framework.byCode.get(result.framework.root);
  const pillars = root && root.kind === "aggregate" ? [...root.children] : [];
  const subPillars: string[] = [];
  for (const pillar of pillars) {
    const node = result.framework.byCode.get(pillar);
    if (node?.kind !== "aggregate") continue;
    for (const child of node.children) {
      if (result.framework.byCode.get(child)?.kind === "aggregate") subPillars.push(child);
    }
  }
  return { pillars, subPillars };
}

/**
 * Units in report order: by index rank (ties keep Data order), then included units without a score,
 * then units excluded by screening.
 */
export function unitsByRank(result: IndexResult): { order: number[]; ranked: number } {
  const rootRanks = nodeRanks(result, result.framework.root);
  const n = result.units.codes.length;
  const ranked: number[] = [];
  const unscored: number[] = [];
  const excluded: number[] = [];
  for (let u = 0; u < n; u++) {
    if (result.included[u] === 0) excluded.push(u);
    else if (rootRanks && Number.isFinite(rootRanks[u]!)) ranked.push(u);
    else unscored.push(u);
  }
  if (rootRanks) ranked.sort((a, b) => rootRanks[a]! - rootRanks[b]! || a - b);
  return { order: [...ranked, ...unscored, ...excluded], ranked: ranked.length };
}

/** Median of the finite values of the included units (the radar's reference profile). */
export function medianOf(values: ArrayLike<number>, include?: Uint8Array): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!include || include[i] !== 0) kept.push(values[i]!);
  return median(kept);
}

/** Room for a header and its filter button (CJK characters count double), within reason. */
export function headerWidth(header: string): number {
  let width = 0;
  for (const ch of header) width += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return Math.min(30, width + 4);
}
