/**
 * How the sample's illustrative 2024 edition was made (`npx tsx assets/sample/make-2024.ts`): each
 * 2022 value times a seeded factor within ±12 %, a few deliberate movers (a factor on their "soft"
 * indicators), six added cities derived from similar ones, every value kept inside its indicator's
 * 2022 range so that pooled normalization leaves the 2022 edition's scores exactly as they were
 * (the published top-20 order of 2022 still holds in the two-edition workbook). Prints the rows to
 * paste into src/core/sample/ieci-2024.ts, then the 2024 ranking and its largest movers.
 */
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { Random } from "../../src/core/stats";

type Row = (string | number | null)[];
const table = ieciDataTable();
const header = table[0] as string[];
const rows2022 = table.slice(1) as Row[];
const FIRST = header.indexOf("PM25");
const SOFT = new Set(["Startup", "Tourists", "Unicorns", "ForeignInst", "AirRoutes", "AirPax", "Conferences", "Fairs", "Events", "PCT", "HCPapers"]);
const MOVERS: Record<string, number> = { SHA: 1.3, SZX: 1.35, DXB: 1.3, IST: 1.25, SIN: 1.12, TYO: 0.8, MOW: 0.6, HKG: 0.82, WAS: 0.85, BKK: 1.2 };
const ADDED: [code: string, name: string, region: string, population: number, like: string, factor: number][] = [
  ["AUH", "Abu Dhabi", "Middle East & Africa", 1.5, "DXB", 0.7],
  ["DOH", "Doha", "Middle East & Africa", 2.4, "DXB", 0.65],
  ["KUL", "Kuala Lumpur", "Asia-Pacific", 8.4, "BKK", 0.85],
  ["HGH", "Hangzhou", "Asia-Pacific", 12.4, "CAN", 0.8],
  ["CTU", "Chengdu", "Asia-Pacific", 21.4, "CAN", 0.7],
  ["JKT", "Jakarta", "Asia-Pacific", 11.2, "BKK", 0.75],
];

const rng = new Random(2024);
const random = () => rng.uniform();
// The range of each indicator after the 2022 edition's own treatment (winsorization): inside it,
// the pooled minimum and maximum are 2022's.
const spec = settingsToSpecInput(ieciSettingsTable()).spec;
const alone = computeIndex(table, ieciFrameworkTable(), spec);
const ranges = header.map((code) => {
  const column = alone.steps.treated.columns[alone.steps.treated.codes.indexOf(code)];
  if (!column) return [-Infinity, Infinity] as const;
  const values = Array.from(column).filter((v) => v === v);
  return [Math.min(...values), Math.max(...values)] as const;
});
const counts = header.map((_, c) => rows2022.every((row) => typeof row[c] !== "number" || Number.isInteger(row[c])));
const round = (v: number, c: number) => (counts[c] || Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10);

function evolve(row: Row, factor: number): Row {
  return row.map((value, c) => {
    if (c < FIRST || typeof value !== "number") return value;
    const code = header[c]!;
    let v = value * (0.88 + 0.24 * random());
    if (SOFT.has(code)) v *= factor;
    const [lo, hi] = ranges[c]!;
    return round(Math.min(hi, Math.max(lo, v)), c);
  });
}

const rows2024 = rows2022.map((row) => evolve(row, MOVERS[row[0] as string] ?? 1));
for (const [code, name, region, population, like, factor] of ADDED) {
  const base = rows2022.find((row) => row[0] === like)!;
  const row = evolve(base.map((v, c) => (c >= FIRST && typeof v === "number" ? v * factor : v)), 1);
  row[0] = code; row[1] = name; row[2] = region; row[3] = population;
  rows2024.push(row);
}
console.log(rows2024.map((row) => `  ${JSON.stringify(row)},`).join("\n"));

const panel = [[...header, "Time"], ...rows2022.map((r) => [...r, 2022]), ...rows2024.map((r) => [...r, 2024])];
const result = computeIndex(panel, ieciFrameworkTable(), spec);
const root = result.framework.root;
const panel2022 = computeIndex(panel, ieciFrameworkTable(), { ...spec, editions: { edition: 2022 } });
const a = alone.scores.columns[alone.scores.codes.indexOf(root)]!;
const b = panel2022.scores.columns[panel2022.scores.codes.indexOf(root)]!;
console.error("2022 in the panel equals 2022 alone:", a.every((v, i) => Math.abs(v - b[i]!) < 1e-9));
const ranks = result.ranks.columns[result.ranks.codes.indexOf(root)]!;
const change = result.editions!.rankChange.columns[result.editions!.rankChange.codes.indexOf(root)]!;
const rows = result.editions!.members[1]!;
const order = [...ranks.keys()].sort((x, y) => ranks[x]! - ranks[y]!);
console.error(order.map((u) => `${ranks[u]} ${result.units.names[u]} ${change[rows[u]!]}`).join("\n"));
