/** Scale: 5,000 units × 200 indicators through the adapter, every request under Excel on the web's 5 MB. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { computeIndex } from "../../src/core/engine";
import type { Table } from "../../src/core/types";
import { runIndex, type RunSummary } from "../../src/excel/index";
import type { RequestRecord } from "./fake-excel";
import { freshWorkbook, putTable, sheetNamed } from "./helpers";
import { syntheticTables } from "../../bench/synthetic";

const LIMIT = 5 * 1024 * 1024;

async function run(tables: { data: Table; framework: Table }) {
  const wb = freshWorkbook();
  putTable(wb, "Data", tables.data);
  putTable(wb, "Framework", tables.framework);
  const summary: RunSummary = await runIndex({
    version: 1,
    data: { kind: "sheet", sheet: "Data" },
    framework: { kind: "sheet", sheet: "Framework" },
    settings: null,
  });
  return { wb, summary, requests: wb.requests as RequestRecord[] };
}

const total = (requests: RequestRecord[], key: "requestBytes" | "responseBytes") =>
  requests.reduce((n, r) => n + r[key], 0);

test("sync() count does not grow with units below the chunk size", async () => {
  const a = await run(syntheticTables(50, 40));
  const b = await run(syntheticTables(400, 40));
  assert.equal(a.summary.syncCount, b.summary.syncCount);
  assert.equal(a.requests.length, a.summary.syncCount, "the adapter counts every round trip");
  assert.ok(a.summary.syncCount <= 6, `syncs: ${a.summary.syncCount}`);
});

test("5,000 units × 200 indicators: requests under 5 MB, syncs explained by chunking only, every number as the engine's", async () => {
  const tables = syntheticTables(5_000, 200);
  const small = await run(syntheticTables(50, 200));
  const big = await run(tables);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
  console.log(
    `5,000×200: ${big.summary.syncCount} syncs (50×200: ${small.summary.syncCount}); largest request ${mb(Math.max(...big.requests.map((r) => r.requestBytes)))} MB, largest response ${mb(Math.max(...big.requests.map((r) => r.responseBytes)))} MB; read ${mb(total(big.requests, "responseBytes"))} MB, wrote ${mb(total(big.requests, "requestBytes"))} MB`,
  );
  for (const r of big.requests) {
    assert.equal(r.failed, null);
    assert.ok(
      r.requestBytes <= LIMIT && r.responseBytes <= LIMIT,
      `sync ${r.sync}: ${r.requestBytes} / ${r.responseBytes} bytes`,
    );
  }
  // Every extra sync carries at least ~2 MB on average: the count is fixed plus chunks.
  const extra = big.summary.syncCount - small.summary.syncCount;
  const chunks =
    Math.ceil(total(big.requests, "responseBytes") / 2e6) + Math.ceil(total(big.requests, "requestBytes") / 2e6);
  assert.ok(extra <= chunks, `extra syncs ${extra} > ${chunks}`);
  assert.ok(big.summary.syncCount <= 30);
  for (const r of big.requests)
    if (r.requestBytes > 100_000) assert.ok(r.calculationSuspended, `sync ${r.sync} wrote with calculation on`);

  // Every written score and normalized value equals the engine's own run.
  const result = computeIndex(tables.data, tables.framework);
  for (const [sheetName, set] of [
    ["Scores", result.scores],
    ["Normalized", result.steps.normalized],
  ] as const) {
    const sheet = sheetNamed(big.wb, sheetName);
    const header = Array.from({ length: set.codes.length + 2 }, (_, c) => sheet.value(0, c));
    set.codes.forEach((code, k) => {
      const col = header.indexOf(code);
      assert.ok(col >= 2, `${sheetName} has ${code}`);
      const column = set.columns[k]!;
      for (let u = 0; u < column.length; u++) {
        const want = Number.isFinite(column[u]!) ? column[u] : undefined;
        if (sheet.value(u + 1, col) !== want)
          assert.fail(`${sheetName} ${code} unit ${u}: ${sheet.value(u + 1, col)} vs ${want}`);
      }
    });
  }
});

test("long texts: a read over the response limit is split and retried; writes stay under the request limit", async () => {
  const tables = syntheticTables(1_500, 20);
  const data = tables.data.map((row, r) => (r === 0 ? row : [row[0], `${"城市".repeat(1_500)} ${r}`, ...row.slice(2)]));
  const { wb, summary } = await run({ data, framework: tables.framework });
  const failed = wb.requests.filter((r) => r.failed);
  assert.ok(
    failed.every((r) => r.failed === "ResponsePayloadSizeLimitExceeded"),
    JSON.stringify(failed),
  );
  for (const r of wb.requests) assert.ok(r.requestBytes <= LIMIT);
  assert.equal(sheetNamed(wb, "Scores").value(1, 1), data[1]![1]);
  console.log(
    `1,500 units with 3,000-character names: ${summary.syncCount} syncs, ${failed.length} oversized responses retried`,
  );
});
