/** Weight presets on the what-if model: equal, entropy, PCA per aggregate, and AHP from a pairwise grid. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { columnOf, computeIndex, settingsToSpecInput } from "../../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../../src/core/sample";
import { applyAhp, applyPreset, presetShares, WhatIfModel } from "../../../src/core/engine";

const spec = settingsToSpecInput(ieciSettingsTable()).spec;
const fresh = () => new WhatIfModel(computeIndex(ieciDataTable(), ieciFrameworkTable(), spec));
const weightsOf = (m: WhatIfModel, codes: string[]) => codes.map((c) => m.weights[m.slot(c)]!);

test("equal preset: the children share their current total equally", () => {
  const m = fresh();
  const kids = m.children(m.root);
  const total = weightsOf(m, kids).reduce((a, b) => a + b, 0);
  m.weights[m.slot(kids[0]!)] = 5; // unequal first
  applyPreset(m, "equal", m.root);
  const after = weightsOf(m, kids);
  for (const w of after) assert.ok(Math.abs(w - (total + 5 - 1) / kids.length) < 1e-12);
});

test("entropy preset: Shannon entropy weights of the children's scores, computed here step by step", () => {
  const m = fresh();
  const node = m.aggregates().find((a) => m.children(a).length >= 3 && a !== m.root)!;
  const kids = m.children(node);
  // Independent: p_ij = y_ij / Σ_i y_ij, e_j = -Σ p ln p / ln n_j, w_j ∝ 1 - e_j.
  const d = kids.map((c) => {
    const y = [...m.scores(c)].filter((v) => !Number.isNaN(v));
    const s = y.reduce((a, b) => a + b, 0);
    const e = -y.reduce((acc, v) => (v > 0 ? acc + (v / s) * Math.log(v / s) : acc), 0) / Math.log(y.length);
    return 1 - e;
  });
  const sum = d.reduce((a, b) => a + b, 0);
  const shares = presetShares(m, node, "entropy");
  d.forEach((x, j) => assert.ok(Math.abs(shares[j]! - x / sum) < 1e-12, `${kids[j]}: ${shares[j]} vs ${x / sum}`));
});

test("PCA and entropy for every aggregate (bottom-up): the result equals computeIndex with those weights", () => {
  for (const method of ["pca", "entropy"] as const) {
    const m = fresh();
    applyPreset(m, method, "all");
    const framework = ieciFrameworkTable().map((row) => [...row]);
    const col = framework[0]!.findIndex((h) => /^weight$/i.test(String(h)));
    const result = computeIndex(ieciDataTable(), ieciFrameworkTable(), spec);
    for (const node of result.framework.byCode.values()) {
      const s = m.slot(node.code);
      if (s >= 0) framework[node.row]![col] = m.weights[s]!;
    }
    const full = computeIndex(ieciDataTable(), framework, spec);
    assert.deepEqual(m.ranks, columnOf(full.ranks, full.framework.root), method);
    // Each aggregate's children carry the method's shares of the scores they had when it was weighed.
    const top = m.children(m.root);
    const shares = presetShares(m, m.root, method);
    const w = weightsOf(m, top);
    const total = w.reduce((a, b) => a + b, 0);
    w.forEach((x, j) => assert.ok(Math.abs(x / total - shares[j]!) < 1e-12, `${method} ${top[j]}`));
  }
});

test("AHP from Saaty's 3×3 grid [1 3 5; 1/3 1 3; 1/5 1/3 1]: weights 0.637, 0.258, 0.105, CR 0.033", () => {
  const m = fresh();
  const node = m.aggregates().find((a) => m.children(a).length === 3)!;
  const kids = m.children(node);
  const total = weightsOf(m, kids).reduce((a, b) => a + b, 0);
  const r = applyAhp(m, node, [
    [1, 3, 5],
    [1 / 3, 1, 3],
    [1 / 5, 1 / 3, 1],
  ]);
  // Published values for this classic example (e.g. Saaty 1980; λmax 3.0385, CI 0.0193, RI 0.58).
  assert.ok(Math.abs(r.lambdaMax - 3.0385) < 5e-4);
  assert.ok(Math.abs(r.cr - 0.033) < 5e-4);
  [0.637, 0.258, 0.105].forEach((w, j) => assert.ok(Math.abs(r.weights[j]! - w) < 5e-4, `w${j + 1} ${r.weights[j]}`));
  weightsOf(m, kids).forEach((w, j) => assert.ok(Math.abs(w - r.weights[j]! * total) < 1e-12));
});

test("AHP refuses an inconsistent grid (CR > 0.1): the weights stay as they were", () => {
  const m = fresh();
  const node = m.aggregates().find((a) => m.children(a).length === 3)!;
  const before = Float64Array.from(m.weights);
  const r = applyAhp(m, node, [
    [1, 9, 1 / 9],
    [1 / 9, 1, 9],
    [9, 1 / 9, 1],
  ]); // a cycle: A > B > C > A
  assert.equal(r.consistent, false);
  assert.ok(r.cr > 0.1);
  assert.deepEqual(m.weights, before);
  assert.throws(
    () =>
      applyAhp(m, node, [
        [1, 2],
        [0.5, 1],
      ]),
    /3 children; the comparison grid has 2 rows/,
  );
});
