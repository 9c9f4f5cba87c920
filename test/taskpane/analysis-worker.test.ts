import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex } from "../../src/core/engine";
import { runAnalysis } from "../../src/core/analysis";
import { createAnalysisServer, type WorkerRequest, type WorkerResponse } from "../../src/taskpane/analysis.worker";
import { runInWorker, type WorkerLike } from "../../src/taskpane/analysis-section";
import { smallData, smallFramework } from "../core/audit/fixture";

/** A worker stand-in: messages cross by structured clone on later macrotasks, as between threads. */
function fakeWorker(sliceMs = 5): WorkerLike & { posted: WorkerResponse[] } {
  const posted: WorkerResponse[] = [];
  const worker: WorkerLike & { posted: WorkerResponse[] } = {
    posted,
    onmessage: null,
    postMessage: (message: WorkerRequest) => setTimeout(() => handle(structuredClone(message)), 0),
    terminate: () => undefined,
  };
  const handle = createAnalysisServer(
    (message) => {
      posted.push(message);
      setTimeout(() => worker.onmessage?.({ data: structuredClone(message) }), 0);
    },
    { sliceMs },
  );
  return worker;
}

const result = computeIndex(smallData, smallFramework);

test("the worker returns what runAnalysis returns, with progress up to 1", async () => {
  const options = { audit: true, uncertainty: { runs: 300 }, sensitivity: { n: 20, bootstrap: 20 }, seed: 4 };
  const fractions: number[] = [];
  const worker = fakeWorker();
  const analysis = await runInWorker(worker, result, options, (f) => fractions.push(f)).done;
  assert.deepEqual(analysis, runAnalysis(result, options));
  assert.equal(fractions.at(-1), 1);
  assert.ok(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]!)));
});

test("cancel stops a long analysis between slices and resolves null", async () => {
  const worker = fakeWorker(2);
  let run: ReturnType<typeof runInWorker> | null = null;
  let cancelled = false;
  run = runInWorker(worker, result, { uncertainty: { runs: 100_000 } }, () => {
    if (!cancelled) {
      cancelled = true;
      run!.cancel();
    }
  });
  assert.equal(await run.done, null);
  assert.equal(worker.posted.at(-1)!.type, "cancelled");
  const progress = worker.posted.filter((m) => m.type === "progress");
  assert.ok(progress.length > 0 && (progress.at(-1) as { done: number }).done < 100_000);
});

test("bad options come back as messages, not a crash", async () => {
  const worker = fakeWorker();
  await assert.rejects(
    runInWorker(
      worker,
      result,
      { uncertainty: { runs: 10, inputs: { normalize: ["percentile"], aggregate: ["geometric"] } } },
      () => undefined,
    ).done,
    (error: Error & { messages?: string[] }) => /percentile does not guarantee/.test(error.messages!.join(" ")),
  );
});
