/**
 * Sheet and table names, one rule set for both writers: Excel's limits on sheet names, and the
 * free name when the wanted one is taken (Excel compares names case-insensitively).
 */

export const MAX_SHEET_NAME = 31;
const MAX_TABLE_NAME = 255;

/** Excel forbids : \ / ? * [ ] in sheet names, a leading/trailing apostrophe, and more than 31 characters. */
export function cleanSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, "_")
    .replace(/^'+|'+$/g, "")
    .trim()
    .slice(0, MAX_SHEET_NAME)
    .trim();
  return cleaned === "" ? "Index Studio" : cleaned;
}

/** The cleaned name, or "Name (2)", "Name (3)"... when taken; the result is added to `taken` (lower case). */
export function uniqueSheetName(preferred: string, taken: Set<string>): string {
  const name = freeName(cleanSheetName(preferred), taken, MAX_SHEET_NAME, (base, n) => `${base} (${n})`);
  taken.add(name.toLowerCase());
  return name;
}

/** Table and defined names share one namespace: "IndexStudioResults", "IndexStudioResults_2"... */
export function uniqueTableName(preferred: string, taken: Set<string>): string {
  const base = preferred.replace(/[^A-Za-z0-9_.]/g, "_").replace(/^[^A-Za-z_]/, "_$&") || "_";
  const name = freeName(base, taken, MAX_TABLE_NAME, (b, n) => `${b}_${n}`);
  taken.add(name.toLowerCase());
  return name;
}

function freeName(
  base: string,
  taken: ReadonlySet<string>,
  max: number,
  style: (base: string, n: number) => string,
): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    let candidate = style(base, n);
    if (candidate.length > max) candidate = style(base.slice(0, base.length - (candidate.length - max)), n);
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
