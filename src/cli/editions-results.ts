/** The command line's result files for data with editions: every edition in the CSV, the JSON by edition. */
import { aggregatesTopDown, type IndexResult, type Cell, editionResult } from "../core/engine";

/**
 * One row per unit and edition (Data order): uCode, uName, Time, every aggregate's score (top
 * down), every <code>_Rank, then every <code>_RankChange (previous rank − rank; empty in a unit's
 * first edition or when either rank is missing).
 */
export function editionsScoresTable(result: IndexResult): Cell[][] {
  const info = result.editions!;
  const { panel } = info;
  const codes = aggregatesTopDown(result);
  const pick = (set: { codes: string[]; columns: Float64Array[] }) =>
    codes.map((code) => set.columns[set.codes.indexOf(code)]!);
  const scores = pick(panel.scores);
  const ranks = pick(panel.ranks);
  const changes = pick(info.rankChange);
  const rows: Cell[][] = [
    ["uCode", "uName", "Time", ...codes, ...codes.map((c) => `${c}_Rank`), ...codes.map((c) => `${c}_RankChange`)],
  ];
  for (let r = 0; r < panel.units.codes.length; r++) {
    const included = panel.included[r] === 1;
    const cell = (column: Float64Array): Cell => (included && Number.isFinite(column[r]!) ? column[r]! : null);
    rows.push([
      panel.units.codes[r]!,
      panel.units.names[r]!,
      info.times[info.editionOf[r]!]!,
      ...scores.map(cell),
      ...ranks.map(cell),
      ...changes.map(cell),
    ]);
  }
  return rows;
}

const columnsOf = (codes: string[], columns: Float64Array[]) =>
  Object.fromEntries(codes.map((code, i) => [code, Array.from(columns[i]!)]));

/** The JSON's `editions`: one entry per edition with its units, scores, ranks, rank changes and log. */
export function editionsJson(result: IndexResult): Record<string, unknown> {
  const info = result.editions;
  if (!info) return {};
  return {
    edition: info.times[info.shown],
    editions: info.times.map((time, k) => {
      const one = editionResult(info, k);
      const rows = info.members[k]!;
      return {
        time,
        units: one.units.codes.map((code, u) => ({
          code,
          name: one.units.names[u],
          included: one.included[u] === 1,
          coverage: one.log.coverage[u],
        })),
        scores: columnsOf(one.scores.codes, one.scores.columns),
        ranks: columnsOf(one.ranks.codes, one.ranks.columns),
        rankChanges: columnsOf(
          info.rankChange.codes,
          info.rankChange.columns.map((column) => Float64Array.from(rows, (r) => column[r]!)),
        ),
        log: { imputed: one.log.imputed, excluded: one.log.excluded, treatment: one.log.treatment },
      };
    }),
    normalize: info.normalize,
  };
}
