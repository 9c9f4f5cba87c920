/** Test fixtures kept in the repository (COINr's ASEM example, manifest schemas) and CSV reading for tests. */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseCsv } from "../../src/cli/csv";
import type { Cell } from "../../src/core/engine";

/** test/fixtures: copies of outside references, each folder with a README naming its source and licence. */
export const FIXTURES_DIR = resolve(__dirname, "..", "fixtures");
export const CONFORMANCE_DIR = join(FIXTURES_DIR, "coinr-asem");
export const MANIFEST_XSD_DIR = join(FIXTURES_DIR, "office-manifest-xsd");

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV file as cells: empty = null, text as given (the engine parses numeric text itself). */
export function readCsv(path: string): Cell[][] {
  return parseCsv(readFileSync(path, "utf8"), path);
}

/** A CSV file with numeric text turned into numbers, as Excel's Range.values would give it. */
export function readCsvNumeric(path: string): Cell[][] {
  return readCsv(path).map((row) =>
    row.map((cell) => (typeof cell === "string" && NUMERIC.test(cell) ? Number(cell) : cell)),
  );
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
      m.set(
        String(h),
        v === null || v === undefined || v === "" ? null : Number.isNaN(Number(v)) ? String(v) : Number(v),
      );
    });
    out.set(String(row[codeCol]), m);
  }
  return out;
}
