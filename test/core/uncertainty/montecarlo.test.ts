import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex, IndexInputError, rankDescending, columnOf } from "../../../src/core/engine";
import { runAnalysis, AnalysisCancelledError } from "../../../src/core/analysis";
import { buildInputModel } from "../../../src/core/uncertainty/inputs";
import { ASEM_DIR, readCsv } from "../audit/asem-csv";
import { smallData, smallFramework } from "../audit/fixture";

const asem = computeIndex(readCsv(`${ASEM_DIR}/data.csv`), readCsv(`${ASEM_DIR}/meta.csv`));
const small = computeIndex(smallData, smallFramework);

test("one fixed alternative: every run equals an independent computeIndex with that spec", () => {
  const analysis = runAnalysis(asem, { uncertainty: { runs: 20, inputs: { aggregate: ["geometric"] } }, seed: 5 });
  const u = analysis.uncertainty!;
  // Geometric needs positive values: the runs use min-max on [1, 100] (documented in the notes).
  assert.match(u.notes.join(" "), /\[1, 100\]/);
  const geometric = computeIndex(readCsv(`${ASEM_DIR}/data.csv`), readCsv(`${ASEM_DIR}/meta.csv`), {
    normalize: { method: "minmax", low: 1, high: 100 },
    aggregate: { method: "geometric" },
  });
  const ranks = columnOf(geometric.ranks, "Index")!;
  const scores = columnOf(geometric.scores, "Index")!;
  const nominal = columnOf(asem.ranks, "Index")!;
  let shift = 0;
  asem.units.codes.forEach((code, i) => {
    const unit = u.units.find((x) => x.code === code)!;
    assert.equal(unit.nominalRank, nominal[i]);
    assert.deepEqual([unit.medianRank, unit.rankLow, unit.rankHigh], [ranks[i], ranks[i], ranks[i]], code);
    assert.ok(Math.abs(unit.meanScore - scores[i]!) < 1e-9 && unit.scoreLow === unit.scoreHigh);
    shift += Math.abs(ranks[i]! - nominal[i]!);
  });
  for (const s of u.rankShift) assert.ok(Math.abs(s - shift / 51) < 1e-12);
  // Sorted by nominal rank.
  assert.deepEqual(
    u.units.map((x) => x.nominalRank),
    [...u.units.map((x) => x.nominalRank)].sort((a, b) => a - b),
  );
});

test("weight noise: u = 0 gives w(1 - f), u → 1 gives w(1 + f), per level", () => {
  const model = buildInputModel(small, { weights: { factor: 0.2 } });
  assert.deepEqual(
    model.groups.map((g) => [g.name, g.size]),
    [
      ["weights L1", 4],
      ["weights L2", 2],
    ],
  );
  const spec = model.specFor(Float64Array.from([0, 0, 0.5, 0.5, 1 - 2 ** -53, 0.25]));
  assert.deepEqual(
    ["A", "B", "C", "D", "P1", "P2"].map((c) => Math.round(spec.weights![c]! * 1e12) / 1e12),
    [0.8, 0.8, 3, 1, 1.2, 0.9],
  );
});

test("winsorization limit and imputation alternatives are drawn uniformly", () => {
  const model = buildInputModel(small, {
    winsorize: { min: 1, max: 3 },
    impute: [{ method: "mean" }, { method: "median" }],
  });
  const winmax = [0.1, 0.4, 0.9].map((u) => {
    const spec = model.specFor(Float64Array.from([u, u]));
    assert.equal(spec.treat.method, "winsorize");
    return spec.treat.method === "winsorize" ? spec.treat.winmax : NaN;
  });
  assert.deepEqual(winmax, [1, 2, 3]);
  assert.equal(model.specFor(Float64Array.from([0.7, 0])).impute.method, "median");
});

test("z-scores under geometric aggregation are shifted above Samuelson's bound, so every run computes", () => {
  const analysis = runAnalysis(asem, {
    uncertainty: { runs: 30, inputs: { normalize: ["zscore", "rank"], aggregate: ["geometric", "arithmetic"] } },
    seed: 2,
  });
  assert.match(analysis.uncertainty!.notes.join(" "), /mean 8\.001/); // 1 + 50/√51
  assert.throws(
    () =>
      runAnalysis(asem, { uncertainty: { runs: 10, inputs: { normalize: ["percentile"], aggregate: ["geometric"] } } }),
    (e: unknown) => e instanceof IndexInputError && /percentile does not guarantee/.test(e.message),
  );
  assert.throws(() => runAnalysis(asem, { uncertainty: { runs: 10, inputs: {} } }), /nothing is uncertain/);
  assert.throws(
    () => runAnalysis(asem, { uncertainty: { runs: 10, inputs: { weights: { factor: 1.5 } } } }),
    /between 0 and 1/,
  );
});

test("same seed, same numbers; another seed, other numbers", () => {
  const options = { uncertainty: { runs: 60 }, sensitivity: { n: 8, bootstrap: 20 } };
  const one = runAnalysis(asem, { ...options, seed: 11 });
  const two = runAnalysis(asem, { ...options, seed: 11 });
  const other = runAnalysis(asem, { ...options, seed: 12 });
  assert.deepEqual(one, two);
  assert.notDeepEqual(one.uncertainty!.rankShift, other.uncertainty!.rankShift);
});

test("intervals are ordered and percentiles are the type-7 quantiles of the run ranks", () => {
  const u = runAnalysis(asem, { uncertainty: { runs: 200 }, seed: 4 }).uncertainty!;
  for (const unit of u.units) {
    assert.ok(unit.rankLow <= unit.medianRank && unit.medianRank <= unit.rankHigh, unit.code);
    assert.ok(unit.scoreLow <= unit.meanScore && unit.meanScore <= unit.scoreHigh, unit.code);
  }
  assert.equal(u.inputs.length, 5);
  assert.ok(u.rankShift.every((s) => s >= 0));
  assert.ok(u.rankShift.some((s) => s > 0));
});

test("sensitivity: an input with no effect gets S = ST = 0 exactly; a lone input gets S ≈ ST ≈ 1", () => {
  // Two identical imputation alternatives cannot change anything.
  const s = runAnalysis(asem, {
    sensitivity: {
      n: 200,
      bootstrap: 100,
      inputs: { weights: { levels: [2] }, impute: [{ method: "mean" }, { method: "mean" }] },
    },
    seed: 3,
  }).sensitivity!;
  assert.equal(s.runs, 200 * 4);
  assert.ok(s.variance > 0);
  const weights = s.indices.find((i) => i.input === "weights L2")!;
  // Alone in effect, it explains all of Var(y): ST = 1 (Jansen is tight), S = 1 inside its wider interval.
  assert.ok(Math.abs(weights.total - 1) < 0.1, `${weights.total}`);
  assert.ok(weights.firstLow <= 1 && 1 <= weights.firstHigh, `${weights.firstLow} ${weights.firstHigh}`);
  const impute = s.indices.find((i) => i.input === "imputation")!;
  assert.equal(impute.first, 0);
  assert.equal(impute.total, 0);
  const lone = runAnalysis(asem, {
    sensitivity: { n: 300, bootstrap: 100, inputs: { aggregate: ["arithmetic", "geometric"] } },
    seed: 3,
  }).sensitivity!;
  const only = lone.indices[0]!;
  assert.ok(Math.abs(only.total - 1) < 0.1, `${only.total}`);
  assert.ok(only.firstLow <= 1 && 1 <= only.firstHigh, `${only.firstLow} ${only.firstHigh}`);
  assert.ok(only.totalLow <= only.total && only.total <= only.totalHigh);
});

test("progress reaches the total and cancel stops the analysis", () => {
  const seen: number[] = [];
  runAnalysis(small, {
    audit: true,
    uncertainty: { runs: 10 },
    sensitivity: { n: 3, bootstrap: 0 },
    onProgress: (p) => seen.push(p.done),
  });
  // 1 (audit) + 10 + 3·(5 + 2)? The small index has 2 weight levels + normalization + aggregation = 4 inputs.
  assert.equal(seen.at(-1), 1 + 10 + 3 * 6);
  assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]!));
  let calls = 0;
  assert.throws(
    () => runAnalysis(small, { uncertainty: { runs: 1000 }, shouldCancel: () => ++calls > 5 }),
    AnalysisCancelledError,
  );
  assert.equal(calls, 6);
  void rankDescending;
});

test("runs that start from the nominal treated columns equal full pipeline runs (sample: median impute, screening, winsorization)", async () => {
  const { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } = await import("../../../src/core/sample/ieci");
  const { settingsToSpecInput } = await import("../../../src/core/engine");
  const spec = settingsToSpecInput(ieciSettingsTable()).spec;
  const sample = computeIndex(ieciDataTable(), ieciFrameworkTable(), spec);
  // Front steps fixed: the runs skip impute/screen/treat but must give the full pipeline's numbers.
  const fixed = runAnalysis(sample, { uncertainty: { runs: 5, inputs: { aggregate: ["geometric"] } } }).uncertainty!;
  const full = computeIndex(ieciDataTable(), ieciFrameworkTable(), {
    ...spec,
    normalize: { method: "minmax", low: 1, high: 100 },
    aggregate: { method: "geometric" },
  });
  const ranks = columnOf(full.ranks, "Index") ?? columnOf(full.ranks, full.framework.root)!;
  const scores = columnOf(full.scores, full.framework.root)!;
  assert.ok(full.log.excluded.length + full.log.imputed.length > 0, "the sample exercises screening or imputation");
  sample.units.codes.forEach((code, i) => {
    const unit = fixed.units.find((x) => x.code === code)!;
    if (Number.isNaN(ranks[i]!)) assert.ok(Number.isNaN(unit.medianRank), `${code} excluded stays unranked`);
    else {
      assert.equal(unit.medianRank, ranks[i], code);
      assert.ok(Math.abs(unit.meanScore - scores[i]!) < 1e-9, code);
    }
  });
  // Imputation uncertain (every step re-run), with the nominal method as the only alternative: no rank moves.
  const same = runAnalysis(sample, {
    uncertainty: { runs: 5, inputs: { impute: [{ method: "median" }] } },
  }).uncertainty!;
  assert.ok(same.rankShift.every((s) => s === 0));
});

test("run counts outside 2..100,000 are refused with a message, not an out-of-memory crash", () => {
  for (const runs of [1, 1.5, 100_001]) {
    assert.throws(
      () => runAnalysis(small, { uncertainty: { runs } }),
      (e: unknown) => e instanceof IndexInputError && /from 2 to 100000/.test(e.message),
    );
  }
  assert.throws(
    () => runAnalysis(small, { sensitivity: { n: 1 } }),
    /sample size N must be a whole number from 2 to 16666 for this data/,
  );
  assert.throws(() => runAnalysis(small, { audit: true, seed: 0.5 }), /whole number/);
});
