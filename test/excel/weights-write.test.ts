/** Apply of the what-if weights on the Excel fake: only the Weight cells change; a failed write leaves the Framework as it was. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndex, settingsToSpecInput } from "../../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../../src/core/sample";
import { AddinError } from "../../src/excel/errors";
import { createExcelService } from "../../src/excel/service";
import { WhatIfModel } from "../../src/core/engine";
import { freshWorkbook, sheetNamed, sheetValues } from "./helpers";

async function setUp() {
  const wb = freshWorkbook();
  const service = createExcelService(() => "en");
  const choice = await service.createTemplate("ieci", "en");
  await service.runIndex(choice);
  return { wb, service, choice, framework: sheetNamed(wb, "Framework") };
}

test("Apply writes only the changed Weight cells; the next run computes what the what-if model showed", async () => {
  const { service, choice, framework } = await setUp();
  const before = sheetValues(framework);
  const weightCol = before[0]!.indexOf("Weight");
  const codeCol = before[0]!.findIndex((h) => /^i?code$/i.test(String(h)));
  const model = new WhatIfModel((await service.currentResult())!);
  const [p1, p2] = model.children(model.root);
  const sub = model.children(p1!)[0]!;
  model.setWeights({ [p1!]: 3, [p2!]: 0.25, [sub]: 2.5 });
  assert.equal(model.run(), null);
  const shown = Float64Array.from(model.ranks);
  await service.writeFrameworkWeights!(choice.framework, model.changedWeights());

  const after = sheetValues(framework);
  const expected = before.map((row) => [...row]);
  for (const [code, w] of Object.entries(model.changedWeights()))
    expected[before.findIndex((r) => r[codeCol] === code)]![weightCol] = w;
  assert.deepEqual(after, expected, "the three Weight cells changed, nothing else");

  await service.runIndex(choice);
  const rerun = (await service.currentResult())!;
  const index = rerun.ranks.columns[rerun.ranks.columns.length - 1]!;
  assert.deepEqual(index, shown, "the refreshed ranking is the one the pane showed");
  // Independent: the engine on the sample with those weights typed into its Framework table.
  const table = ieciFrameworkTable().map((row) => [...row]);
  for (const [code, w] of Object.entries(model.changedWeights()))
    table[table.findIndex((r) => r[codeCol] === code)]![weightCol] = w;
  const engine = computeIndex(ieciDataTable(), table, settingsToSpecInput(ieciSettingsTable()).spec);
  assert.deepEqual(engine.ranks.columns.at(-1), shown);
});

test("a write that Excel rejects half-way leaves the Framework as it was, with a clear error", async () => {
  const { wb, service, choice, framework } = await setUp();
  const model = new WhatIfModel((await service.currentResult())!);
  const weights = Object.fromEntries(model.children(model.root).map((c, k) => [c, k + 2]));
  const before = JSON.stringify(sheetValues(framework));
  wb.failOperation("Range.values", 2); // the first weight is written, the second fails
  const error = await service.writeFrameworkWeights!(choice.framework, weights).then(
    () => null,
    (e: unknown) => e,
  );
  wb.clearFailures();
  assert.ok(error instanceof AddinError, String(error));
  assert.match(error.message, /could not be written to Framework: .*left as it was/);
  assert.equal(JSON.stringify(sheetValues(framework)), before);
});

test("Apply refuses, before writing anything, an unknown code, a negative weight, a formula in a Weight cell, a Framework without a Weight column", async () => {
  const { service, choice, framework } = await setUp();
  const before = () => JSON.stringify(sheetValues(framework));
  const snapshot = before();
  const model = new WhatIfModel((await service.currentResult())!);
  const p1 = model.children(model.root)[0]!;
  await assert.rejects(service.writeFrameworkWeights!(choice.framework, { NOPE: 1 }), /NOPE is not a code in/);
  await assert.rejects(
    service.writeFrameworkWeights!(choice.framework, { [p1]: -1 }),
    /weights are finite numbers ≥ 0/,
  );
  assert.equal(before(), snapshot);

  const values = sheetValues(framework);
  const weightCol = values[0]!.indexOf("Weight");
  const codeCol = values[0]!.findIndex((h) => /^i?code$/i.test(String(h)));
  const row = values.findIndex((r) => r[codeCol] === p1);
  framework.enter(row, weightCol, "=1+1");
  await assert.rejects(
    service.writeFrameworkWeights!(choice.framework, { [p1]: 2 }),
    new RegExp(`weight of ${p1} is a formula \\(Framework!${String.fromCharCode(65 + weightCol)}${row + 1}\\)`),
  );
  assert.equal(framework.formula(row, weightCol), "=1+1", "the formula is kept");

  framework.enter(0, weightCol, "Importance");
  await assert.rejects(service.writeFrameworkWeights!(choice.framework, { [p1]: 2 }), /has no Weight column; add one/);
});
