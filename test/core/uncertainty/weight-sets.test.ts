import { test } from "node:test";
import assert from "node:assert/strict";
import { columnOf, computeIndex } from "../../../src/core/engine";
import { runAnalysis } from "../../../src/core/analysis";
import { buildInputModel } from "../../../src/core/uncertainty/inputs";
import { parseUncertainInputs } from "../../../src/core/uncertainty/inputs-schema";
import { weightSetFor } from "../../../src/core/uncertainty/weight-sets";
import { ASEM_DIR, readCsv } from "../audit/asem-csv";
import { smallData, smallFramework } from "../audit/fixture";

const asemTables = () => [readCsv(`${ASEM_DIR}/data.csv`), readCsv(`${ASEM_DIR}/meta.csv`)] as const;
const asem = computeIndex(...asemTables());
const small = computeIndex(smallData, smallFramework);

test("equal and framework weight sets", () => {
  assert.deepEqual(weightSetFor(small, "equal").weights, {
    A: 0.5,
    B: 0.5,
    C: 0.5,
    D: 0.5,
    P1: 0.5,
    P2: 0.5,
    Index: 1,
  });
  assert.deepEqual(weightSetFor(small, "framework").weights, { A: 1, B: 1, C: 3, D: 1, P1: 1, P2: 1, Index: 1 });
});

test("entropy weights of a group equal the textbook formula computed here on the normalized columns", () => {
  const set = weightSetFor(asem, "entropy").weights;
  const group = ["Embs", "IGOs", "UNVote"];
  const divergence = group.map((code) => {
    const y = [...columnOf(asem.steps.normalized, code)!].filter((v) => !Number.isNaN(v));
    const sum = y.reduce((s, v) => s + v, 0);
    const h = -y.reduce((s, v) => (v > 0 ? s + (v / sum) * Math.log(v / sum) : s), 0) / Math.log(y.length);
    return 1 - h;
  });
  const total = divergence.reduce((s, d) => s + d, 0);
  group.forEach((code, i) => assert.ok(Math.abs(set[code]! - divergence[i]! / total) < 1e-12, code));
  // PCA weights of every group sum to 1 (squared unit loadings).
  const pca = weightSetFor(asem, "pca").weights;
  for (const agg of asem.framework.aggregates) {
    const sum = agg.children.reduce((s, c) => s + pca[c]!, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12, agg.code);
  }
});

test("a weight set as the only uncertain input reproduces computeIndex with those weights", () => {
  const equal = weightSetFor(asem, "equal");
  const u = runAnalysis(asem, { uncertainty: { runs: 4, inputs: { weightSets: [equal] } } }).uncertainty!;
  const direct = computeIndex(...asemTables(), { weights: equal.weights });
  const ranks = columnOf(direct.ranks, "Index")!;
  asem.units.codes.forEach((code, i) => assert.equal(u.units.find((x) => x.code === code)!.medianRank, ranks[i], code));
  assert.deepEqual(u.inputs, ["weight set: equal"]);
});

test("weight noise applies on top of the drawn set", () => {
  const sets = parseUncertainInputs({
    weightSets: ["framework", { name: "mine", weights: { C: 1 } }],
    weights: { factor: 0.5, levels: [1] },
  });
  const model = buildInputModel(small, sets);
  assert.deepEqual(
    model.groups.map((g) => g.name),
    ["weight set", "weights L1"],
  );
  // Set "mine" (u = 0.9): C = 1 instead of 3; noise u = 1 - ε on every indicator: ×1.5.
  const spec = model.specFor(Float64Array.from([0.9, 1 - 2 ** -53, 1 - 2 ** -53, 1 - 2 ** -53, 1 - 2 ** -53]));
  assert.deepEqual(
    ["A", "B", "C", "D"].map((c) => Math.round(spec.weights![c]! * 1e9) / 1e9),
    [1.5, 1.5, 1.5, 1.5],
  );
  const back = model.specFor(Float64Array.from([0.1, 0.5, 0.5, 0.5, 0.5]));
  assert.equal(back.weights!.C, 3);
  assert.throws(
    () => buildInputModel(small, { weightSets: [{ name: "typo", weights: { Z: 1 } }] }),
    /not in the Framework: Z/,
  );
  assert.throws(() => parseUncertainInputs({ weightSets: ["expert"] }), /weightSets takes/);
});
