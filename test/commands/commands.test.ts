import { test } from "node:test";
import assert from "node:assert/strict";
import { createRefreshHandler, type CommandReporter } from "../../src/commands/commands";
import type { AddinService, RunSummary, StoredChoice } from "../../src/excel/service";

const choice: StoredChoice = {
  version: 1,
  data: { kind: "sheet", sheet: "Data" },
  framework: { kind: "sheet", sheet: "Framework" },
  settings: { kind: "sheet", sheet: "Settings" },
};
const summary: RunSummary = { top: [], warnings: [], sheets: ["Results"], syncCount: 3, maxRequestBytes: 1000 };

function reporter(language: "en" | "zh-CN" = "en") {
  const log: { ok: RunSummary[]; failed: string[][] } = { ok: [], failed: [] };
  const value: CommandReporter = {
    language: () => language,
    succeeded: (s) => void log.ok.push(s),
    failed: (m) => void log.failed.push(m),
  };
  return { value, log };
}

function event() {
  const state = { completed: 0 };
  return { state, event: { completed: () => void state.completed++ } };
}

test("Refresh runs the stored choice in the pane's language and completes the event once", async () => {
  const runs: [StoredChoice, string | undefined][] = [];
  const api = {
    loadStoredChoice: async () => choice,
    runIndex: async (c: StoredChoice, o: { language?: string }) => (runs.push([c, o.language]), summary),
  } as unknown as AddinService;
  const { value, log } = reporter("zh-CN");
  const { state, event: e } = event();
  await createRefreshHandler(api, value)(e);
  assert.deepEqual(runs, [[choice, "zh-CN"]]);
  assert.deepEqual(log.ok, [summary]);
  assert.equal(state.completed, 1);
});

test("a failing run, a missing choice and even a failing reporter still complete the event; errors are reported", async () => {
  const failing = {
    loadStoredChoice: async () => choice,
    runIndex: async () => {
      throw Object.assign(new Error("x"), { messages: ['Data!F12: "n/a" is not a number'] });
    },
  } as unknown as AddinService;
  const { value, log } = reporter();
  const first = event();
  await createRefreshHandler(failing, value)(first.event);
  assert.equal(first.state.completed, 1);
  assert.deepEqual(log.failed, [["Refresh ranking failed", 'Data!F12: "n/a" is not a number']]);

  const none = { loadStoredChoice: async () => null } as unknown as AddinService;
  const zh = reporter("zh-CN");
  const second = event();
  await createRefreshHandler(none, zh.value)(second.event);
  assert.equal(second.state.completed, 1);
  assert.deepEqual(zh.log.failed, [["请先在指数工作室窗格中选择数据和框架，然后再刷新。"]]);

  const broken: CommandReporter = {
    language: () => "en",
    succeeded: () => {},
    failed: () => {
      throw new Error("pane gone");
    },
  };
  const third = event();
  await createRefreshHandler(failing, broken)(third.event);
  assert.equal(third.state.completed, 1);
});

test("a second click during a run waits for it instead of running twice at once", async () => {
  let release!: () => void;
  let runs = 0;
  const api = {
    loadStoredChoice: async () => choice,
    runIndex: () => {
      runs++;
      return new Promise<RunSummary>((resolve) => {
        release = () => resolve(summary);
      });
    },
  } as unknown as AddinService;
  const { value } = reporter();
  const handler = createRefreshHandler(api, value);
  const a = event();
  const b = event();
  const first = handler(a.event);
  const second = handler(b.event);
  await new Promise((r) => setImmediate(r));
  assert.equal(runs, 1);
  release();
  await Promise.all([first, second]);
  assert.equal(runs, 1);
  assert.deepEqual([a.state.completed, b.state.completed], [1, 1]);
});
