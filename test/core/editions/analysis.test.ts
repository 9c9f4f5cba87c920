/** Uncertainty analysis of data with editions: the shown edition as an index of its own (its runs cannot pool other editions). */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { columnOf, computeIndex } from "../../../src/core/engine";
import { runAnalysis } from "../../../src/core/analysis";
import { CONFORMANCE_DIR, FIXTURES_DIR, readCsv } from "../../helpers/conformance";

const panel = readCsv(join(FIXTURES_DIR, "coinr-asem-panel", "data.csv"));
const meta = readCsv(join(CONFORMANCE_DIR, "meta.csv"));

test("uncertainty on the ASEM panel analyses 2022 alone: nominal ranks are 2022's separate ranks", () => {
  for (const spec of [{}, { impute: { method: "carry-forward" }, denominate: true }]) {
    const separate = computeIndex(panel, meta, { ...spec, editions: { normalize: "separate" } });
    const ranks = columnOf(separate.ranks, "Index")!;
    const result = computeIndex(panel, meta, spec);
    const analysis = runAnalysis(result, { uncertainty: { runs: 12 }, seed: 5 });
    const units = analysis.uncertainty!.units;
    assert.equal(units.length, 51);
    for (const unit of units)
      assert.equal(
        unit.nominalRank,
        ranks[separate.units.codes.indexOf(unit.code)],
        `${JSON.stringify(spec)} ${unit.code}`,
      );
  }
});
