import assert from "node:assert/strict";
import { test } from "node:test";
import { aggregateColumns, IndexComputeError } from "../../../src/core/engine";

const a = Float64Array.from([10, 20, NaN, NaN]);
const b = Float64Array.from([40, 80, 30, NaN]);
const units = ["U1", "U2", "U3", "U4"];
const close = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-12, `${x} vs ${y}`);

test("arithmetic: Σw·x/Σw, renormalized over present children, all missing → missing", () => {
  const out = aggregateColumns([a, b], [1, 3], { method: "arithmetic" }, "P", units);
  close(out[0]!, (10 + 3 * 40) / 4);
  close(out[1]!, (20 + 3 * 80) / 4);
  close(out[2]!, 30); // only b present: its weight renormalized to 1
  assert.ok(Number.isNaN(out[3]!));
});

test("geometric: exp(Σw·ln x/Σw)", () => {
  const out = aggregateColumns([a, b], [1, 3], { method: "geometric" }, "P", units);
  close(out[0]!, Math.pow(10, 0.25) * Math.pow(40, 0.75));
  close(out[2]!, 30);
});

test("harmonic: Σw/Σ(w/x) and power mean (Σw·x^p/Σw)^(1/p)", () => {
  const h = aggregateColumns([a, b], [1, 3], { method: "harmonic" }, "P", units);
  close(h[0]!, 4 / (1 / 10 + 3 / 40));
  const p = aggregateColumns([a, b], [1, 3], { method: "power", p: 2 }, "P", units);
  close(p[0]!, Math.sqrt((100 + 3 * 1600) / 4));
});

test("geometric and harmonic of a non-positive value name the node and unit", () => {
  const z = Float64Array.from([1, 0, 2, 3]);
  assert.throws(
    () => aggregateColumns([z, b], [1, 1], { method: "geometric" }, "Pillar1", units),
    (e: unknown) =>
      e instanceof IndexComputeError && /Pillar1 for unit U2/.test(e.message) && /low 1 and high 100/.test(e.message),
  );
  assert.throws(() => aggregateColumns([z], [1], { method: "harmonic" }, "Pillar1", units), /harmonic mean/);
});
