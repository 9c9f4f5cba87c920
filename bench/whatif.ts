/** Live what-if weights: one slider move = set a weight, re-aggregate every level, re-rank (WhatIfModel.run). */
import { computeIndex, settingsToSpecInput } from "../src/core/engine";
import { ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../src/core/sample";
import { WhatIfModel } from "../src/core/engine";
import { FULL_SPEC, syntheticTables } from "./synthetic";
import { medianMs } from "./timing";

/** Median ms of one drag step: a pillar weight moves, the model re-runs. */
async function dragMs(model: WhatIfModel, repeats: number): Promise<number> {
  const slot = model.slot(model.children(model.root)[0]!);
  let k = 0;
  return medianMs(repeats, () => {
    model.weights[slot] = 0.5 + (k++ % 20) / 10;
    if (model.run()) throw new Error("what-if run failed");
  });
}

export async function benchWhatIf(): Promise<{ name: string; ms: number; budget: string }[]> {
  const rows: { name: string; ms: number; budget: string }[] = [];
  const ieci = computeIndex(ieciDataTable(), ieciFrameworkTable(), settingsToSpecInput(ieciSettingsTable()).spec);
  rows.push({
    name: "what-if IECI 37×25: re-aggregate + re-rank",
    ms: await dragMs(new WhatIfModel(ieci), 2000),
    budget: "16ms",
  });
  const t = syntheticTables(1000, 100);
  const big = computeIndex(t.data, t.framework, FULL_SPEC);
  rows.push({
    name: "what-if 1000×100 arithmetic: re-aggregate + re-rank",
    ms: await dragMs(new WhatIfModel(big), 200),
    budget: "100ms",
  });
  const geo = computeIndex(t.data, t.framework, {
    ...FULL_SPEC,
    normalize: { method: "minmax", low: 1, high: 100 },
    aggregate: { method: "geometric" },
  });
  rows.push({
    name: "what-if 1000×100 geometric: re-aggregate + re-rank",
    ms: await dragMs(new WhatIfModel(geo), 200),
    budget: "100ms",
  });
  const t10 = syntheticTables(10000, 1000);
  const huge = computeIndex(t10.data, t10.framework, FULL_SPEC);
  rows.push({
    name: "what-if 10000×1000 arithmetic: re-aggregate + re-rank",
    ms: await dragMs(new WhatIfModel(huge), 10),
    budget: "-",
  });
  return rows;
}
