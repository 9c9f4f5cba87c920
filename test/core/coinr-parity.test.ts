/**
 * COINr's options that Index Studio added for issue 13 (indiv_specs, dat_thresh, Force,
 * nonzero_thresh, Screen(dset = "Imputed")), on COINr's ASEM example. R cannot run here, so the
 * expected values come from a plain reference written below from COINr 1.1.14's source
 * (R/normalise.R Normalise.data.frame, R/aggregate.R Aggregate.data.frame, R/screen_units.R
 * Screen.data.frame and get_data_avail), and, for every indicator without an own method, from
 * COINr's own normalized ASEM values (test/fixtures/coinr-asem/expected-default-normalized.csv).
 * Scores must agree to 1e-9 and ranks exactly.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { columnOf, computeIndex, type Cell } from "../../src/core/engine";
import { asemTables, expectedTable } from "../helpers/conformance";

type Indiv = Record<
  string,
  { method: "minmax"; low: number; high: number } | { method: "zscore" } | { method: "borda" }
>;

interface RefOptions {
  /** x / d with the indicator's Denominator column (COINr Denominate). */
  denominate?: boolean;
  imputeMean?: boolean;
  /** Mean within the unit's group (COINr i_mean_grp). */
  imputeGroup?: string;
  screen?: {
    basis: "raw" | "imputed";
    datThresh?: number;
    nonzeroThresh?: number;
    include?: string[];
    exclude?: string[];
  };
  indiv?: Indiv;
  datThresh?: Record<number, number>;
}

/** The ASEM tables as plain arrays: indicator columns (NaN = missing) and the tree. */
function asem() {
  const { data, meta } = asemTables();
  const head = data[0]!.map(String);
  const units = data.slice(1).map((row) => String(row[head.indexOf("uCode")]));
  const mh = meta[0]!.map(String);
  const get = (row: readonly Cell[], name: string) => row[mh.indexOf(name)];
  const nodes = meta
    .slice(1)
    .filter((row) => get(row, "Type") === "Indicator" || get(row, "Type") === "Aggregate")
    .map((row) => ({
      code: String(get(row, "iCode")),
      level: Number(get(row, "Level")),
      parent: get(row, "Parent") ? String(get(row, "Parent")) : null,
      weight: Number(get(row, "Weight")),
      direction: Number(get(row, "Direction")),
    }));
  const indicators = nodes.filter((n) => n.level === 1);
  const num = (v: Cell) => (v === null || v === undefined || v === "" ? NaN : Number(v));
  const x = indicators.map((n) => data.slice(1).map((row) => num(row[head.indexOf(n.code)])));
  const denominators = indicators.map((n) => {
    const d = get(
      meta.find((row) => get(row, "iCode") === n.code)!,
      "Denominator",
    );
    return d ? data.slice(1).map((row) => num(row[head.indexOf(String(d))])) : null;
  });
  const group = (name: string) => data.slice(1).map((row) => String(row[head.indexOf(name)]));
  return { data, meta, units, nodes, indicators, x, denominators, group };
}

const present = (v: number) => !Number.isNaN(v);

/** COINr's pipeline as its R source reads, written out plainly. */
function reference(opt: RefOptions): { included: boolean[]; scores: Map<string, number[]> } {
  const { units, nodes, indicators, x: given, denominators, group } = asem();
  const cinr = expectedTable("expected-default-normalized.csv");
  const n = units.length;
  const raw = opt.denominate
    ? given.map((col, j) => col.map((v, u) => (denominators[j] ? v / denominators[j]![u]! : v)))
    : given;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  // Impute: the mean of the available values of the column (COINr i_mean), or of the unit's group (i_mean_grp).
  const groups = opt.imputeGroup ? group(opt.imputeGroup) : null;
  const imputed = raw.map((col) => {
    if (!opt.imputeMean && !groups) return col;
    return col.map((v, u) =>
      present(v) ? v : mean(col.filter((w, k) => present(w) && (!groups || groups[k] === groups[u]))),
    );
  });
  // Screen: Dat_Avail = 1 - NAs/k; Non_Zero = 1 - zeros/(k - NAs); Force include, then exclude.
  const included = units.map(() => true);
  if (opt.screen) {
    const basis = opt.screen.basis === "imputed" ? imputed : raw;
    units.forEach((code, u) => {
      const k = basis.length;
      const nas = basis.filter((col) => !present(col[u]!)).length;
      const zeros = basis.filter((col) => col[u] === 0).length;
      const datAvail = 1 - nas / k;
      const nonZero = 1 - zeros / (k - nas);
      let inc = true;
      if (opt.screen!.datThresh !== undefined && datAvail < opt.screen!.datThresh) inc = false;
      if (opt.screen!.nonzeroThresh !== undefined && nonZero < opt.screen!.nonzeroThresh) inc = false;
      if (opt.screen!.include?.includes(code)) inc = true;
      if (opt.screen!.exclude?.includes(code)) inc = false;
      included[u] = inc;
    });
  }
  const screened = imputed.map((col) => col.map((v, u) => (included[u] ? v : NaN)));
  const plainRun = !opt.imputeMean && !opt.screen && !opt.denominate && !opt.imputeGroup;
  // Normalise: x·direction, then the indicator's own function, else min-max 0–100.
  const values = new Map<string, number[]>();
  indicators.forEach((node, j) => {
    const own = opt.indiv?.[node.code];
    if (!own && plainRun) {
      // No own method and the data as COINr normalized them: COINr's own numbers.
      values.set(
        node.code,
        units.map((u) => (cinr.get(u)!.get(node.code) as number) ?? NaN),
      );
      return;
    }
    const y = screened[j]!.map((v) => v * node.direction);
    const avail = y.filter(present);
    const min = Math.min(...avail);
    const max = Math.max(...avail);
    const mean = avail.reduce((a, b) => a + b, 0) / avail.length;
    const sd = Math.sqrt(avail.reduce((a, b) => a + (b - mean) ** 2, 0) / (avail.length - 1));
    values.set(
      node.code,
      y.map((v) => {
        if (!present(v)) return NaN;
        if (!own) return ((v - min) / (max - min)) * 100;
        if (own.method === "minmax") return ((v - min) / (max - min)) * (own.high - own.low) + own.low;
        if (own.method === "zscore") return (v - mean) / sd;
        return avail.filter((w) => w < v).length; // borda: rank with ties at the lowest, minus 1
      }),
    );
  });
  // Aggregate level by level: weighted mean of the children with a value; NA when their share < dat_thresh.
  for (let level = 2; level <= 4; level++) {
    for (const agg of nodes.filter((nd) => nd.level === level)) {
      const kids = nodes.filter((nd) => nd.parent === agg.code);
      values.set(
        agg.code,
        units.map((_, u) => {
          const have = kids.filter((k) => present(values.get(k.code)![u]!));
          const thresh = opt.datThresh?.[level];
          if (have.length === 0 || (thresh !== undefined && have.length / kids.length < thresh)) return NaN;
          const w = have.reduce((a, k) => a + k.weight, 0);
          return have.reduce((a, k) => a + (k.weight / w) * values.get(k.code)![u]!, 0);
        }),
      );
    }
  }
  const scores = new Map([...values].filter(([code]) => nodes.find((nd) => nd.code === code)!.level > 1));
  assert.equal(n, units.length);
  return { included, scores };
}

/** Competition ranks, descending, missing stays missing. */
function ranks(x: number[]): number[] {
  return x.map((v) => (present(v) ? 1 + x.filter((w) => present(w) && w > v).length : NaN));
}

function compare(spec: unknown, opt: RefOptions, meta?: Cell[][]): { missing: number; excluded: number } {
  const tables = asem();
  const result = computeIndex(tables.data, meta ?? tables.meta, spec);
  const ref = reference(opt);
  assert.deepEqual([...result.included].map(Boolean), ref.included, "the same units are included");
  let missing = 0;
  for (const [code, expected] of ref.scores) {
    const got = columnOf(result.scores, code)!;
    const gotRanks = columnOf(result.ranks, code)!;
    const expectedRanks = ranks(expected);
    expected.forEach((e, u) => {
      const what = `${tables.units[u]} ${code}`;
      if (!present(e)) {
        missing++;
        assert.ok(Number.isNaN(got[u]!), `${what}: expected missing, got ${got[u]}`);
        return;
      }
      assert.ok(Math.abs(got[u]! - e) <= 1e-9 * Math.max(1, Math.abs(e)), `${what}: ${got[u]} vs reference ${e}`);
      assert.equal(gotRanks[u], expectedRanks[u], `${what} rank`);
    });
  }
  return { missing, excluded: ref.included.filter((i) => !i).length };
}

const INDIV: Indiv = {
  LPI: { method: "zscore" },
  Flights: { method: "borda" },
  Ship: { method: "minmax", low: 1, high: 10 },
};

test("indiv_specs: normalize.byIndicator gives COINr's numbers; the others keep COINr's own min-max values", () => {
  compare(
    {
      normalize: {
        method: "minmax",
        byIndicator: { LPI: { method: "zscore" }, Flights: "borda", Ship: { method: "minmax", low: 1, high: 10 } },
      },
    },
    { indiv: INDIV },
  );
});

test("indiv_specs through the Framework's Normalize column: the same numbers as the spec", () => {
  const { meta } = asem();
  const col = meta[0]!.length;
  const cells: Record<string, string> = { LPI: "zscore", Flights: "borda", Ship: "minmax low=1 high=10" };
  const withColumn = meta.map((row, r) => [...row, r === 0 ? "Normalize" : (cells[String(row[1])] ?? null)]);
  assert.equal(withColumn[0]![col], "Normalize");
  compare({}, { indiv: INDIV }, withColumn);
});

test("dat_thresh: aggregate.minCoverage for every level leaves COINr's scores missing", () => {
  const { missing } = compare(
    { aggregate: { method: "arithmetic", minCoverage: 0.9 } },
    { datThresh: { 2: 0.9, 3: 0.9, 4: 0.9 } },
  );
  assert.ok(missing > 10, `the threshold bites (${missing} scores missing)`);
});

test("dat_thresh per level: aggregate.byLevel.2.minCoverage only", () => {
  const { missing } = compare({ aggregate: { byLevel: { 2: { minCoverage: 0.8 } } } }, { datThresh: { 2: 0.8 } });
  assert.ok(missing > 0);
});

test("Screen byNA with Force: screen.include and screen.exclude override coverage", () => {
  const r = compare(
    { screen: { minCoverage: 0.95, include: ["BRN"], exclude: ["AUT"] } },
    { screen: { basis: "raw", datThresh: 0.95, include: ["BRN"], exclude: ["AUT"] } },
  );
  assert.ok(r.excluded > 2);
  const result = computeIndex(asem().data, asem().meta, {
    screen: { minCoverage: 0.95, include: ["BRN"], exclude: ["AUT"] },
  });
  assert.deepEqual(result.log.excluded.find((e) => e.unit === "AUT")?.reason, "forced");
  assert.equal(result.log.forced.length, 1);
  assert.equal(result.log.forced[0]!.unit, "BRN");
});

test("Screen byNAandzeros: screen.minNonZero with COINr's Non_Zero = 1 - zeros / available", () => {
  const r = compare(
    { screen: { minCoverage: 0.9, minNonZero: 0.94 } },
    { screen: { basis: "raw", datThresh: 0.9, nonzeroThresh: 0.94 } },
  );
  assert.ok(r.excluded > 0);
  const result = computeIndex(asem().data, asem().meta, { screen: { minNonZero: 0.94 } });
  assert.ok(
    result.log.excluded.length > 0 && result.log.excluded.every((e) => e.reason === "nonzero" && e.nonZero! < 0.94),
  );
});

test('Screen(dset = "Imputed"): screen.basis imputed measures coverage after imputation', () => {
  // On the imputed data every unit is complete: nobody is excluded, unlike the raw basis.
  const raw = compare(
    { impute: "mean", screen: { minCoverage: 0.95 } },
    { imputeMean: true, screen: { basis: "raw", datThresh: 0.95 } },
  );
  const imputed = compare(
    { impute: "mean", screen: { basis: "imputed", minCoverage: 0.95, minNonZero: 0.93 } },
    { imputeMean: true, screen: { basis: "imputed", datThresh: 0.95, nonzeroThresh: 0.93 } },
  );
  assert.ok(raw.excluded > 0);
  assert.ok(imputed.excluded < raw.excluded);
});

test('COINr\'s example coin: Denominate, i_mean_grp by EurAsia_group, then Screen(dset = "Imputed", dat_thresh = 0.9)', () => {
  const spec = (basis: "raw" | "imputed") => ({
    denominate: true,
    impute: { method: "group-mean", group: "EurAsia_group" },
    screen: { basis, minCoverage: 0.9 },
  });
  const imputed = compare(spec("imputed"), {
    denominate: true,
    imputeGroup: "EurAsia_group",
    screen: { basis: "imputed", datThresh: 0.9 },
  });
  assert.equal(imputed.excluded, 0, "after imputation every unit is complete, as in COINr's example");
  // The raw basis (the default) excludes units COINr's example keeps: the reason the option exists.
  const raw = compare(spec("raw"), {
    denominate: true,
    imputeGroup: "EurAsia_group",
    screen: { basis: "raw", datThresh: 0.9 },
  });
  assert.ok(raw.excluded > 0);
});
