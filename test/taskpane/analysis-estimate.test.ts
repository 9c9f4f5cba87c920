/** The Analysis section's cost estimate (budget cost units × measured seconds per unit) and its wording. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { durationText, estimateSeconds, inputText, SECONDS_PER_CELL_RUN } from "../../src/taskpane/analysis-section";

test("analysis estimate: runs and seconds from the budget's cost units; plain durations in both languages", () => {
  const size = { units: 37, indicators: 25, sensitivityInputs: 5 };
  assert.deepEqual(estimateSeconds(size, { uncertaintyRuns: 1000, sensitivityN: 0 }), {
    runs: 1000,
    seconds: 1000 * 925 * SECONDS_PER_CELL_RUN,
  });
  // Saltelli: N · (d + 2) runs.
  assert.equal(estimateSeconds(size, { uncertaintyRuns: 0, sensitivityN: 20 }).runs, 140);
  assert.equal(estimateSeconds(size, { uncertaintyRuns: 300, sensitivityN: 20 }).runs, 440);
  assert.equal(durationText("en", 0.4), "under 1 s");
  assert.equal(durationText("en", 2.31), "about 2 s");
  assert.equal(durationText("en", 300), "about 5 min");
  assert.equal(durationText("zh-CN", 300), "约 5 分钟");
  assert.equal(durationText("en", NaN), "under 1 s");
  assert.equal(inputText("en", "weights L2"), "weights of level 2");
  assert.equal(inputText("zh-CN", "aggregation"), "加总");
  assert.equal(inputText("en", "something new"), "something new");
});
