/** The what-if fast path against the full pipeline: random weights put in the Framework, then computeIndex. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { columnOf, computeIndex, settingsToSpecInput } from "../../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../../src/core/sample";
import type { Cell } from "../../../src/core/engine";
import { WhatIfModel } from "../../../src/core/engine";
import { join } from "node:path";
import { asemTables, CONFORMANCE_DIR, FIXTURES_DIR, readCsv } from "../../helpers/conformance";

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The Framework table with these weights typed into its Weight column. */
function withWeights(
  table: readonly (readonly Cell[])[],
  rowOf: Map<string, number>,
  weights: Map<string, number>,
): Cell[][] {
  const col = table[0]!.findIndex((h) => /^weights?$/i.test(String(h).trim()));
  assert.ok(col >= 0, "the Framework has a Weight column");
  const out = table.map((row) => [...row]);
  for (const [code, w] of weights) out[rowOf.get(code)!]![col] = w;
  return out;
}

function check(
  data: readonly (readonly Cell[])[],
  framework: readonly (readonly Cell[])[],
  spec: unknown,
  seed: number,
  draws: number,
): number {
  const base = computeIndex(data, framework, spec);
  const model = new WhatIfModel(base);
  // With the reference weights the fast path gives the run's own scores and ranks.
  for (const code of base.scores.codes)
    assert.deepEqual(model.scores(code), columnOf(base.scores, code), `reference ${code}`);
  assert.deepEqual(model.ranks, model.baseRanks);
  const rowOf = new Map([...base.framework.byCode.values()].map((n) => [n.code, n.row]));
  const rand = random(seed);
  let compared = 0;
  for (let d = 0; d < draws; d++) {
    const weights = new Map<string, number>();
    for (const code of model.codes) {
      if (code === base.framework.root) continue;
      // A few zeros (a child switched off) and a wide range; every aggregate keeps one positive child.
      const w = rand() < 0.1 ? 0 : Math.round(rand() * 5000) / 1000;
      weights.set(code, w);
    }
    for (const agg of base.framework.aggregates)
      if (agg.children.every((c) => weights.get(c) === 0)) weights.set(agg.children[0]!, 1);
    for (const [code, w] of weights) model.weights[model.slot(code)] = w;
    assert.equal(model.run(), null);
    const full = computeIndex(data, withWeights(framework, rowOf, weights), spec);
    for (const code of full.scores.codes) {
      const expected = columnOf(full.scores, code)!;
      const actual = model.scores(code);
      expected.forEach((e, i) => {
        const a = actual[i]!;
        if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `draw ${d} ${code} unit ${i}: expected missing, got ${a}`);
        else
          assert.ok(Math.abs(a - e) <= 1e-12 * Math.max(1, Math.abs(e)), `draw ${d} ${code} unit ${i}: ${a} vs ${e}`);
        compared++;
      });
    }
    assert.deepEqual(model.ranks, columnOf(full.ranks, full.framework.root), `draw ${d} ranks`);
  }
  return compared;
}

test("what-if on the IECI sample (its Settings): 30 random weight sets equal computeIndex with those Framework weights", () => {
  const spec = settingsToSpecInput(ieciSettingsTable()).spec;
  const compared = check(ieciDataTable(), ieciFrameworkTable(), spec, 1, 30);
  assert.equal(compared, 30 * 37 * 15); // 11 sub-pillars + 3 pillars + the index
});

test("what-if on COINr's ASEM (default, arithmetic; missing values left missing)", () => {
  const { data, meta } = asemTables();
  assert.ok(check(data, meta, {}, 2, 20) > 0);
});

test("what-if on ASEM with the geometric mean (min-max 1–100)", () => {
  const { data, meta } = asemTables();
  check(data, meta, { normalize: { method: "minmax", low: 1, high: 100 }, aggregate: { method: "geometric" } }, 3, 20);
});

test("what-if on ASEM with a mean per level (harmonic, power p = 2, geometric) and a data threshold per level", () => {
  const { data, meta } = asemTables();
  const spec = {
    normalize: { method: "minmax", low: 1, high: 100 },
    aggregate: {
      method: "geometric",
      byLevel: { 2: { method: "harmonic", minCoverage: 0.75 }, 3: { method: "power", p: 2 } },
      minCoverage: 0.5,
    },
  };
  const base = computeIndex(data, meta, spec);
  assert.ok(base.log.belowCoverage.length > 0, "the threshold leaves some scores missing, so the rule is exercised");
  check(data, meta, spec, 4, 20);
});

test("what-if refuses weights the pipeline refuses, and reset restores the run", () => {
  const spec = settingsToSpecInput(ieciSettingsTable()).spec;
  const model = new WhatIfModel(computeIndex(ieciDataTable(), ieciFrameworkTable(), spec));
  const pillar = model.children(model.root)[0]!;
  for (const c of model.children(pillar)) model.weights[model.slot(c)] = 0;
  const failure = model.run();
  assert.equal(failure?.kind, "all-zero");
  assert.equal(failure?.node, pillar);
  assert.match(failure!.message, new RegExp(`every child of ${pillar} has weight 0`));
  model.reset();
  model.weights[model.slot(pillar)] = Number.NaN;
  assert.equal(model.run()?.kind, "bad-weight");
  model.reset();
  assert.equal(model.run(), null);
  assert.deepEqual(model.ranks, model.baseRanks);
  assert.deepEqual(model.changedWeights(), {});
  model.setWeights({ [pillar]: 7 });
  assert.deepEqual(model.changedWeights(), { [pillar]: 7 });
  assert.throws(() => model.setWeights({ NOPE: 1 }), /NOPE is not a node/);
});

test("the data threshold (aggregate.minCoverage) holds whatever the weights' scale: weights 2 or 0.5 give what 1 gives", () => {
  // Regression: weights outside [1, 2) are rescaled (steps/magnitude.ts), and that path used to drop the threshold.
  const { data, meta } = asemTables();
  const spec = { aggregate: { method: "arithmetic", minCoverage: 0.75 } };
  const ones = computeIndex(data, meta, spec);
  assert.ok(ones.log.belowCoverage.length > 0);
  const col = meta[0]!.findIndex((h) => h === "Weight");
  for (const w of [2, 0.5]) {
    const scaled = computeIndex(
      data,
      meta.map((row, r) => (r === 0 ? row : row.map((cell, c) => (c === col ? w : cell)))),
      spec,
    );
    assert.deepEqual(scaled.scores, ones.scores, `weights ${w}`);
  }
});

test("what-if on editions (COINr's ASEM panel, 5 years, screened and treated): the shown edition re-ranks as computeIndex", () => {
  const panel = readCsv(join(FIXTURES_DIR, "coinr-asem-panel", "data.csv"));
  const meta = readCsv(join(CONFORMANCE_DIR, "meta.csv"));
  for (const spec of [
    { screen: { minCoverage: 0.9 }, treat: { method: "winsorize" } },
    { editions: { edition: 2019, normalize: "separate" } },
  ]) {
    assert.ok(computeIndex(panel, meta, spec).editions, "the panel is read as editions");
    check(panel, meta, spec, 5, 5);
  }
});
