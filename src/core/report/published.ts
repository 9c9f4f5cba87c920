/** "Published vs computed": a published ranking next to the computed one, the difference, and a scatter of the two. */
import type { Language } from "../language";
import { editionResult } from "../editions";
import { IndexInputError, said } from "../errors";
import { msg } from "../messages";
import type { PublishedRanking } from "../published";
import type { IndexResult } from "../result";
import type { Cell } from "../types";
import { editionsText } from "./editions-text";
import { fill, reportText } from "./i18n";
import type { SheetDraft } from "./types";
import { bodyRange, rangeA1 } from "./util";

export function buildPublishedSheet(result: IndexResult, published: PublishedRanking, language: Language): SheetDraft {
  const text = editionsText(language);
  const common = reportText(language);
  const one = editionOf(result, published.time);
  const root = one.framework.root;
  const ranks = one.ranks.columns[one.ranks.codes.indexOf(root)]!;
  const unitOf = new Map(one.units.codes.map((code, u) => [code, u]));
  const entries = [...published.entries].sort((a, b) => a.rank - b.rank || a.row - b.row);
  const cells: Cell[][] = [[common.code, common.name, text.publishedRank, text.computedRank, text.difference]];
  let equal = 0;
  for (const { code, rank } of entries) {
    const u = unitOf.get(code);
    const computed = u !== undefined && one.included[u] === 1 && Number.isFinite(ranks[u]!) ? ranks[u]! : null;
    if (computed === rank) equal++;
    cells.push([
      code,
      u !== undefined ? one.units.names[u]! : text.notComputed,
      rank,
      computed,
      computed === null ? null : computed - rank,
    ]);
  }
  const n = entries.length;
  const edition = result.editions ? ` (${result.editions.times[one.editions?.shown ?? result.editions.shown]})` : "";
  cells.push([], [`${fill(text.equalRanks, { k: equal, n })}${edition}`]);
  const ref = (range: string) => ({ sheet: "published" as const, range });
  return {
    key: "published",
    name: text.sheetPublished,
    cells,
    table: { name: "IndexStudioPublished", rows: n + 1, cols: 5 },
    formats: [{ range: rangeA1(1, 2, n, 4), numberFormat: "0" }],
    colorScales: [],
    highlights: [],
    freeze: { rows: 1, cols: 2 },
    columnWidths: [10, 26, 15, 15, 16],
    charts: [
      {
        id: "published",
        kind: "scatter",
        title: `${text.chartPublished}${edition}`,
        xAxisTitle: text.publishedRank,
        yAxisTitle: text.computedRank,
        legend: false,
        valueFormat: "0",
        series: [{ name: text.computedRank, categories: ref(bodyRange(2, n)!), values: ref(bodyRange(3, n)!) }],
        anchor: { row: 0, col: 6, rows: 20, cols: 8 },
      },
    ],
  };
}

/** The edition the published ranking belongs to (its Time), or the one the result shows. */
function editionOf(result: IndexResult, time: number | null): IndexResult {
  const info = result.editions;
  if (time === null || !info) return result;
  const k = info.times.indexOf(time);
  if (k < 0) {
    throw new IndexInputError([
      {
        table: "Published",
        severity: "error",
        ...said(msg("published.notEdition", { time, times: info.times })),
      },
    ]);
  }
  return editionResult(info, k);
}
