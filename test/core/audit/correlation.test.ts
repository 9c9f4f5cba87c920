import { test } from "node:test";
import assert from "node:assert/strict";
import { auditIndex } from "../../../src/core/audit";
import { averageRanks, cronbachAlpha, pairwiseCorrelations, pearson, spearman } from "../../../src/core/stats";
import { computeIndex } from "../../../src/core/engine";
import { smallData, smallFramework } from "./fixture";

const close = (actual: number, expected: number, tol = 1e-12, what = "") =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} vs ${expected}`);

test("Pearson and Spearman by hand, pairwise-complete", () => {
  const x = [1, 2, 3, 4, 5, NaN];
  const y = [2, 4, 5, 4, 5, 10];
  // Σdxdy = 6, Σdx² = 10, Σdy² = 6 → r = 6/√60.
  close(pearson(x, y), 6 / Math.sqrt(60));
  // Average ranks of y: 1, 2.5, 4.5, 2.5, 4.5 → Σ = 7, Σdr² = 9 → rho = 7/√90.
  assert.deepEqual([...averageRanks([2, 4, 5, 4, 5])], [1, 2.5, 4.5, 2.5, 4.5]);
  close(spearman(x, y), 7 / Math.sqrt(90));
  close(pearson([1, 2, 3], [3, 2, 1]), -1);
  assert.ok(Number.isNaN(pearson([1, 1, 1, 1], [1, 2, 3, 4])), "no variation → NaN, not 0");
  assert.ok(Number.isNaN(pearson([1, 2], [1, 2])), "fewer than 3 pairs → NaN");
});

test("Cronbach's alpha equals k/(k-1)·(1 - Σ var_i / var(total)) on complete data", () => {
  const a = [1, 2, 3, 4];
  const b = [2, 3, 3, 5];
  const c = [1, 1, 2, 2];
  const variance = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
  };
  const total = a.map((_, i) => a[i]! + b[i]! + c[i]!);
  const classic = (3 / 2) * (1 - (variance(a) + variance(b) + variance(c)) / variance(total));
  close(classic, 0.8971962616822429, 1e-12, "numpy reference");
  close(cronbachAlpha([a, b, c].map((v) => Float64Array.from(v))), classic);
});

test("audit of a small index: parent correlations, flags, alpha, PCA and importance by hand", () => {
  const result = computeIndex(smallData, smallFramework);
  const audit = auditIndex(result);
  const node = (code: string) => audit.nodes.find((n) => n.code === code)!;
  // D pulls against P2 = (3C + D)/4 (min-max is affine): cov ∝ 3(-14.5) + 17.5 = -26, var(3C + D) ∝ 88.
  close(node("D").pearsonParent, -26 / Math.sqrt(17.5 * 88));
  assert.equal(node("D").negativeWithParent, true);
  assert.equal(node("C").negativeWithParent, false);
  // P1 = (A + B)/2: cov(A, A + B) ∝ 17.5 + 16.5 = 34, var(A + B) ∝ 17.5·2 + 2·16.5 = 68.
  close(node("A").pearsonParent, 34 / Math.sqrt(17.5 * 68));
  assert.equal(node("P1").parent, "Index");
  const p1 = audit.groups.find((g) => g.code === "P1")!;
  const p2 = audit.groups.find((g) => g.code === "P2")!;
  assert.deepEqual(
    p1.collinear.map((c) => [c.a, c.b]),
    [["A", "B"]],
  );
  close(p1.collinear[0]!.pearson, 16.5 / 17.5);
  assert.deepEqual(p2.collinear, []);
  close(p2.pearson[1]!, -14.5 / 17.5);
  // Covariances of min-max values: 400·3.5 on the diagonal, 400·3.3 off it → alpha = 4·3.3/(7 + 6.6).
  close(p1.cronbachAlpha, 13.2 / 13.6);
  // PCA of two columns: eigenvalues 1 ± r, loadings (1, 1)/√2.
  close(p1.pcaVariance, (1 + 16.5 / 17.5) / 2);
  close(p1.pcaLoadings[0]!, Math.SQRT1_2, 1e-10);
  close(p1.pcaLoadings[1]!, Math.SQRT1_2, 1e-10);
  const weight = (code: string) => audit.importance.find((i) => i.code === code)!.effectiveWeight;
  assert.deepEqual(["A", "B", "C", "D"].map(weight), [0.25, 0.25, 0.375, 0.125]);
  close(
    audit.importance.reduce((s, i) => s + i.importanceShare, 0),
    1,
  );
  // Spearman of A with its parent: P1's order is U1..U4 then U5, U6 tied → A's ranks vs (1,2,3,4,5.5,5.5).
  close(node("A").spearmanParent, 17 / Math.sqrt(17.5 * 17));
});

test("three indicators with equal pairwise r = 1/2 (sums of Hadamard columns): PC1 = 2/3, loadings 1/√3, alpha = 3/4", () => {
  // a, b, c orthogonal with equal variance; x1 = a + b, x2 = a + c, x3 = b + c → every r = 1/2.
  const framework = [
    ["iCode", "iName", "Parent"],
    ["X1", "x1", "G"],
    ["X2", "x2", "G"],
    ["X3", "x3", "G"],
    ["G", "Group", "Index"],
    ["Index", "Index", null],
  ];
  const data = [
    ["uCode", "X1", "X2", "X3"],
    ["U1", 2, 2, 2],
    ["U2", 0, -2, 0],
    ["U3", 0, 0, -2],
    ["U4", -2, 0, 0],
  ];
  const audit = auditIndex(computeIndex(data, framework));
  const g = audit.groups.find((x) => x.code === "G")!;
  for (const r of [g.pearson[1]!, g.pearson[2]!, g.pearson[5]!]) close(r, 0.5, 1e-12);
  close(g.pcaVariance, 2 / 3, 1e-12);
  for (const loading of g.pcaLoadings) close(loading, 1 / Math.sqrt(3), 1e-10);
  // Covariances of min-max values (scale 25 on a range of 4): 8/3 on the diagonal, 4/3 off it, both ×25².
  close(g.cronbachAlpha, (9 * (4 / 3)) / (3 * (8 / 3) + 6 * (4 / 3)), 1e-12);
  assert.deepEqual(g.collinear, []);
});

test("Spearman matrix equals the textbook definition per pair: ranks within the pairwise-complete rows", () => {
  // Reference: average rank = #smaller + (#equal + 1) / 2 over the rows both columns have, then Pearson by its formula.
  const rho = (x: number[], y: number[]) => {
    const rows = x.map((_, i) => i).filter((i) => x[i] === x[i] && y[i] === y[i]);
    const rank = (v: number[]) =>
      rows.map((i) => rows.filter((j) => v[j]! < v[i]!).length + (rows.filter((j) => v[j] === v[i]).length + 1) / 2);
    const rx = rank(x);
    const ry = rank(y);
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    const [mx, my] = [mean(rx), mean(ry)];
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    rx.forEach((a, k) => {
      sxy += (a - mx) * (ry[k]! - my);
      sxx += (a - mx) ** 2;
      syy += (ry[k]! - my) ** 2;
    });
    return sxy / Math.sqrt(sxx * syy);
  };
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const n = 60;
  const shared = Array.from({ length: n }, () => next() < 0.1); // the same missing rows in some columns
  const columns = Array.from({ length: 8 }, (_, c) =>
    Array.from({ length: n }, (_, i) => {
      if (c < 4 ? shared[i] : next() < 0.15) return NaN;
      const v = Math.floor(next() * 12) - 6; // many ties, negatives, zeros
      return v === 0 && next() < 0.5 ? -0 : v;
    }),
  );
  const matrix = pairwiseCorrelations(
    columns.map((c) => Float64Array.from(c)),
    "spearman",
  );
  for (let a = 0; a < 8; a++)
    for (let b = 0; b < 8; b++) {
      const expected = a === b ? 1 : rho(columns[a]!, columns[b]!);
      close(matrix[a * 8 + b]!, expected, 1e-12, `pair ${a},${b}`);
      if (a !== b) assert.equal(matrix[a * 8 + b], spearman(columns[a]!, columns[b]!), `pair ${a},${b} as spearman()`);
    }
});
