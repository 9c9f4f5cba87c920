/** Synthetic Data and Framework tables of any size (4 levels), seeded, for benchmarks and scale tests (the only generator). */
import type { Cell } from "../src/core/engine";
import { Random } from "../src/core/stats";

export interface SyntheticTables {
  data: Cell[][];
  framework: Cell[][];
}

/** units × indicators; indicators in sub-pillars of 10, sub-pillars in pillars of 5, pillars under one index. */
export function syntheticTables(units: number, indicators: number, seed = 1, missingShare = 0.01): SyntheticTables {
  const random = new Random(seed); // the engine's own PRNG: the same tables on every machine
  const rand = () => random.uniform();
  const subSize = Math.min(10, indicators);
  const nSub = Math.ceil(indicators / subSize);
  const nPillar = Math.ceil(nSub / 5);
  const framework: Cell[][] = [["iCode", "iName", "Parent", "Weight", "Direction", "Denominator"]];
  for (let j = 0; j < indicators; j++) {
    framework.push([
      `I${j + 1}`,
      `Indicator ${j + 1}`,
      `S${Math.floor(j / subSize) + 1}`,
      1 + (j % 3),
      j % 7 === 3 ? -1 : 1,
      j % 10 === 5 ? "Pop" : null,
    ]);
  }
  for (let s = 0; s < nSub; s++)
    framework.push([`S${s + 1}`, `Sub-pillar ${s + 1}`, `P${Math.floor(s / 5) + 1}`, 1, null, null]);
  for (let p = 0; p < nPillar; p++) framework.push([`P${p + 1}`, `Pillar ${p + 1}`, "Index", 1, null, null]);
  framework.push(["Index", "Index", null, null, null, null]);
  framework.push(["Region", "Region", null, null, null, null]);
  framework.push(["Pop", "Population", null, null, null, null]);

  const header: Cell[] = ["uCode", "uName", "Region", "Pop"];
  for (let j = 0; j < indicators; j++) header.push(`I${j + 1}`);
  const data: Cell[][] = [header];
  const regions = ["Europe", "Asia", "Americas", "Africa"];
  for (let i = 0; i < units; i++) {
    const row: Cell[] = [`U${i + 1}`, `Unit ${i + 1}`, regions[i % 4]!, 100 + Math.floor(rand() * 10000)];
    for (let j = 0; j < indicators; j++) {
      // Log-normal-ish values: skewed like real indicators, so treatment has work to do.
      row.push(rand() < missingShare ? null : Math.exp(rand() * 3 + (j % 5)) * (1 + rand()));
    }
    data.push(row);
  }
  return { data, framework };
}

export const FULL_SPEC = {
  denominate: true,
  impute: { method: "group-mean", group: "Region" },
  screen: { minCoverage: 0.5 },
  treat: { method: "winsorize", winmax: 5, skewThreshold: 2, kurtThreshold: 3.5, fallback: "log" },
  normalize: { method: "minmax", low: 0, high: 100 },
  aggregate: { method: "arithmetic" },
};

/** Panel data: `units` units over `editions` editions (Time 2001, 2002, ...), one row per unit and edition. */
export function syntheticPanel(units: number, indicators: number, editions: number, seed = 1): SyntheticTables {
  const { data, framework } = syntheticTables(units * editions, indicators, seed);
  const header = [...data[0]!.slice(0, 2), "Time", ...data[0]!.slice(2)];
  const rows = data.slice(1).map((row, r) => {
    const unit = r % units;
    return [`U${unit + 1}`, `Unit ${unit + 1}`, 2001 + Math.floor(r / units), ...row.slice(2)];
  });
  return { data: [header, ...rows], framework };
}
