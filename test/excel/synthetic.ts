/** A synthetic index of any size for scale tests and the bench: deterministic values, some missing. */
import type { Cell, Table } from "../../src/core/types";

export function syntheticTables(units: number, indicators: number, pillars = 10): { data: Table; framework: Table } {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const codes = Array.from({ length: indicators }, (_, i) => `I${String(i + 1).padStart(4, "0")}`);
  const data: Cell[][] = [["uCode", "uName", ...codes]];
  for (let u = 0; u < units; u++) {
    const row: Cell[] = [`U${String(u + 1).padStart(5, "0")}`, `Unit ${u + 1}`];
    for (let i = 0; i < indicators; i++) row.push(random() < 0.01 ? null : Math.round(random() * 1e6) / 1e3);
    data.push(row);
  }
  const framework: Cell[][] = [["iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type"]];
  codes.forEach((code, i) => framework.push([code, `Indicator ${i + 1}`, 1, `P${(i % pillars) + 1}`, i % 7 === 0 ? -1 : 1, 1 + (i % 3), "Indicator"]));
  for (let p = 1; p <= pillars; p++) framework.push([`P${p}`, `Pillar ${p}`, 2, "INDEX", null, 1, "Aggregate"]);
  framework.push(["INDEX", "Index", 3, null, null, 1, "Aggregate"]);
  return { data, framework };
}
