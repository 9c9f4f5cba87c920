/**
 * A published ranking to check a replication against (an optional `Published` table: unit code,
 * rank, and optionally the edition's Time): read and validated here, compared in the report's
 * "Published vs computed" sheet.
 */
import { UNIT_CODE } from "./data";
import { IndexInputError, said, type ValidationIssue } from "./errors";
import { msg, type Message, type MessageParam } from "./messages";
import { cellText, clip, headerKey, isBlankRow, parseNumber } from "./table";
import type { Table } from "./types";

export interface PublishedRanking {
  /** Unit codes with their published rank, in the table's order. */
  entries: { code: string; rank: number; row: number }[];
  /** The edition it ranks (Time), or null: the edition the result shows. */
  time: number | null;
}

const RANK = ["rank", "publishedrank", "position"];

export function parsePublished(table: Table): PublishedRanking {
  const issues: ValidationIssue[] = [];
  const err = (text: Message, row?: number, col?: number) =>
    issues.push({ table: "Published", severity: "error", ...said(text), row, col });
  const keys = (table[0] ?? []).map(headerKey);
  const codeCol = keys.findIndex((k) => UNIT_CODE.includes(k));
  const rankCol = keys.findIndex((k) => RANK.includes(k));
  const timeCol = keys.findIndex((k) => k === "time" || k === "year");
  if (codeCol < 0 || rankCol < 0) {
    err(msg("published.noHeader", { headers: headersFound((table[0] ?? []).map(cellText).filter(Boolean)) }), 0);
    throw new IndexInputError(issues);
  }
  const entries: PublishedRanking["entries"] = [];
  const seen = new Map<string, number>();
  const times = new Set<number>();
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    if (isBlankRow(row)) continue;
    const code = cellText(row![codeCol]);
    const rank = parseNumber(row![rankCol]);
    if (code === "") err(msg("published.noCode"), r, codeCol);
    else if (seen.has(code)) {
      err(msg("published.twice", { unit: clip(code), row: seen.get(code)! + 1 }), r, codeCol);
      err(msg("published.twice", { unit: clip(code), row: r + 1 }), seen.get(code)!, codeCol);
    }
    if (!(rank.value >= 1) || !Number.isInteger(rank.value))
      err(msg("published.rank", { value: clip(cellText(row![rankCol])) }), r, rankCol);
    if (timeCol >= 0) {
      const t = parseNumber(row![timeCol]);
      if (!Number.isFinite(t.value)) err(msg("published.time", { value: clip(cellText(row![timeCol])) }), r, timeCol);
      else times.add(t.value);
    }
    if (code !== "") seen.set(code, r);
    entries.push({ code, rank: rank.value, row: r });
  }
  if (times.size > 1) err(msg("published.mixed", { times: [...times] }), 0, timeCol);
  if (entries.length === 0) err(msg("published.noRanks"), 0);
  if (issues.length > 0) throw new IndexInputError(issues);
  return { entries, time: times.size === 1 ? [...times][0]! : null };
}

/** "none" when the header row is empty. */
function headersFound(headers: string[]): MessageParam {
  return headers.length ? headers : msg("published.none");
}
