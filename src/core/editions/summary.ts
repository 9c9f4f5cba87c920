/** The top units of every edition with their rank change, for the task pane's results card and its edition selector. */
import type { IndexResult } from "../result";
import { editionResult } from "./result";

export interface EditionTop {
  rank: number;
  code: string;
  name: string;
  score: number;
  /** Previous rank − rank (positive = up); null in the first edition or for a newcomer. */
  change: number | null;
}

export interface EditionsSummary {
  times: number[];
  /** Index into times of the edition the sheets show. */
  shown: number;
  /** Top units of each edition (same order as times). */
  tops: EditionTop[][];
}

export function editionsSummary(result: IndexResult, n: number): EditionsSummary | null {
  const info = result.editions;
  if (!info) return null;
  const tops = info.times.map((_, k) => {
    const one = editionResult(info, k);
    const root = one.framework.root;
    const ranks = one.ranks.columns[one.ranks.codes.indexOf(root)]!;
    const scores = one.scores.columns[one.scores.codes.indexOf(root)]!;
    const change = info.rankChange.columns[info.rankChange.codes.indexOf(root)]!;
    const rows = info.members[k]!;
    const order = [...ranks.keys()]
      .filter((u) => ranks[u] === ranks[u])
      .sort((a, b) => ranks[a]! - ranks[b]! || a - b)
      .slice(0, n);
    return order.map((u) => {
      const c = change[rows[u]!]!;
      return {
        rank: ranks[u]!,
        code: one.units.codes[u]!,
        name: one.units.names[u] ?? "",
        score: scores[u]!,
        change: c === c ? c : null,
      };
    });
  });
  return { times: info.times, shown: info.shown, tops };
}
