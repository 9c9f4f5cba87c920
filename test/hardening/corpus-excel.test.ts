/**
 * The corpus through the Excel adapter (runIndex on the Excel fake). The Data table sits at B2 of
 * its sheet, so a correct message names the real cell (the corpus's C3 is the sheet's D4). A failed
 * run leaves the workbook exactly as it was; a good one writes non-empty result sheets whose text
 * cells are stored as text.
 */
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { assertNamed, assertPrototypeClean, assertUnits, assertWarnings, loadCorpus, type Naming } from "./corpus";
import { freshWorkbook, putTable } from "../excel/helpers";
import { errorLines, refresh, sheetChoice } from "./excel-helpers";

const NAMING: Naming = {
  sheet: { Data: "Data", Framework: "Framework" },
  offset: { Data: { row: 1, col: 1 }, Framework: { row: 0, col: 0 } },
};
// Hostile settings (corpus proto-*) must never reach a prototype shared by later cases.
afterEach(() => assertPrototypeClean("after this case"));

for (const c of loadCorpus()) {
  test(`add-in: ${c.name}`, async () => {
    const model = freshWorkbook();
    putTable(model, "Data", c.data, 1, 1);
    putTable(model, "Framework", c.framework);
    const before = JSON.stringify(model.snapshot({ ids: true }));
    const outcome = await refresh(sheetChoice(c.spec));
    const { expect } = c;
    if (expect.outcome === "error") {
      assert.ok(!outcome.ok, `${c.name}: expected an error`);
      assert.equal(
        outcome.error.name,
        "AddinError",
        `${c.name}: a typed error for the task pane, got ${outcome.error.stack}`,
      );
      assert.doesNotMatch(
        errorLines(outcome.error),
        /could not (finish|compute)/,
        `${c.name}: an expected failure, not an unexpected one`,
      );
      assertNamed(errorLines(outcome.error), expect.message, expect.where, NAMING, c.name);
      assert.equal(
        JSON.stringify(model.snapshot({ ids: true })),
        before,
        `${c.name}: the workbook is unchanged after a failed run`,
      );
      return;
    }
    assert.ok(outcome.ok, `${c.name}: ${outcome.ok ? "" : errorLines(outcome.error)}`);
    assertWarnings(outcome.summary.warnings, expect.warnings, expect.outcome, NAMING, c.name);
    const results = model.sheetByName(outcome.summary.sheets[0]!)!;
    assert.equal(results.value(0, 1), "Code");
    const index = new Map<string, number | null>();
    const ranks = new Map<string, number | null>();
    const names = new Map<string, string>();
    for (let r = 1; results.value(r, 1) !== undefined; r++) {
      const code = String(results.value(r, 1));
      const score = results.value(r, 3);
      const rank = results.value(r, 0);
      index.set(code, typeof score === "number" ? score : null);
      ranks.set(code, typeof rank === "number" ? rank : null);
      names.set(code, String(results.value(r, 2)));
      for (const col of [1, 2]) {
        assert.equal(results.formula(r, col), undefined, `${c.name}: no formula in a text cell`);
        assert.equal(results.format(r, col), "@", `${c.name}: text cell ${r},${col} formatted as text`);
      }
    }
    assert.equal(
      index.size,
      c.data.length - 1 - c.data.slice(1).filter((row) => row.every((v) => v === null || v === "")).length,
      `${c.name}: every unit listed`,
    );
    assertUnits({ index, ranks, names }, expect, c.name);
  });
}
