/** Loads the shared ASEM conformance data (COINr's own outputs) for tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Cell } from "../../src/core";

export const CONFORMANCE_DIR = join(__dirname, "..", "..", "..", "shared", "conformance", "asem");

/** Minimal RFC 4180 reader for the conformance files (quoted fields, no embedded newlines needed). */
export function readCsv(path: string): Cell[][] {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    row.push(wasQuoted ? field : field === "" ? null : field);
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') (quoted = true), (wasQuoted = true);
    else if (ch === ",") endField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length) (endField(), rows.push(row));
  return rows;
}

export function asemTables(): { data: Cell[][]; meta: Cell[][] } {
  return { data: readCsv(join(CONFORMANCE_DIR, "data.csv")), meta: readCsv(join(CONFORMANCE_DIR, "meta.csv")) };
}

/** Expected values keyed by unit code then column name (numbers, or null for empty). */
export function expectedTable(file: string): Map<string, Map<string, number | null | string>> {
  const [header, ...rows] = readCsv(join(CONFORMANCE_DIR, file));
  const out = new Map<string, Map<string, number | null | string>>();
  const codeCol = header!.findIndex((h) => h === "uCode" || h === "iCode");
  for (const row of rows) {
    const m = new Map<string, number | null | string>();
    header!.forEach((h, c) => {
      const v = row[c];
      m.set(String(h), v === null || v === undefined || v === "" ? null : Number.isNaN(Number(v)) ? String(v) : Number(v));
    });
    out.set(String(row[codeCol]), m);
  }
  return out;
}
