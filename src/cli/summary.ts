/** The ranking printed on the terminal: top units with the index score and the pillar ranks. */
import { aggregatesTopDown } from "../core/engine";
import { rankChangeOf } from "../core/engine";
import type { IndexResult } from "../core/engine";
import type { Language } from "../core/engine";
import { joinList, msg, render } from "../core/engine";
import { fill, reportText } from "../core/report";

const MAX_PILLARS = 8;

export function topTable(result: IndexResult, count: number, language: Language = "en"): string {
  const text = reportText(language);
  const root = result.framework.root;
  const rootNode = result.framework.byCode.get(root);
  // Only aggregates have ranks: indicators directly under the index (a flat index, or a mix) get no column;
  // a terminal line has room for a few pillars.
  const pillars = (rootNode && rootNode.kind === "aggregate" ? rootNode.children : [])
    .filter((code) => result.ranks.codes.includes(code))
    .slice(0, MAX_PILLARS);
  const scores = result.scores.columns[result.scores.codes.indexOf(root)]!;
  const ranks = result.ranks.columns[result.ranks.codes.indexOf(root)]!;
  const pillarRanks = pillars.map((code) => result.ranks.columns[result.ranks.codes.indexOf(code)]!);
  const order = [...ranks.keys()]
    .filter((u) => Number.isFinite(ranks[u]!))
    .sort((a, b) => ranks[a]! - ranks[b]! || a - b)
    .slice(0, count);
  // Editions: the index rank change since the previous edition, last (▲3 up, ▼2 down).
  const changes = rankChangeOf(result);
  const change = changes?.columns[changes.codes.indexOf(root)];
  const since =
    result.editions && result.editions.shown > 0
      ? render(language, msg("cli.since", { time: result.editions.times[result.editions.shown - 1]! }))
      : null;
  const header = [
    text.rank,
    text.code,
    text.name,
    root,
    ...pillars.map((code) => fill(text.rankOf, { name: code })),
    ...(change && since ? [since] : []),
  ];
  const arrow = (v: number) =>
    v > 0 ? `▲${v}` : v < 0 ? `▼${-v}` : Number.isFinite(v) ? "0" : render(language, msg("cli.new"));
  const rows = order.map((u) => [
    String(ranks[u]),
    result.units.codes[u]!,
    result.units.names[u]!,
    scores[u]!.toFixed(2),
    ...pillarRanks.map((column) => (Number.isFinite(column[u]!) ? String(column[u]) : "")),
    ...(change && since ? [arrow(change[u]!)] : []),
  ]);
  const widths = header.map((h, c) => rows.reduce((w, row) => Math.max(w, [...row[c]!].length), h.length));
  const numeric = (c: number) => c === 0 || c >= 3;
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** "37 units, 25 indicators, 15 aggregates; 7 values imputed; 4 indicators treated". */
export function runSummary(result: IndexResult, language: Language = "en"): string {
  const parts = [
    msg("cli.units", { count: result.units.codes.length }),
    msg("cli.indicators", { count: result.framework.indicators.length }),
    msg("cli.aggregates", { count: aggregatesTopDown(result).length }),
  ];
  if (result.log.imputed.length) parts.push(msg("cli.imputed", { count: result.log.imputed.length }));
  if (result.log.excluded.length) parts.push(msg("cli.excluded", { count: result.log.excluded.length }));
  const treated = result.log.treatment.filter((t) => t.action !== "none").length;
  if (treated) parts.push(msg("cli.treated", { count: treated }));
  const editions = result.editions;
  if (editions)
    parts.push(
      msg("cli.editions", {
        count: editions.times.length,
        times: editions.times,
        method: editions.normalize,
        time: editions.times[editions.shown]!,
      }),
    );
  return joinList(
    language,
    parts.map((part) => render(language, part)),
  );
}
