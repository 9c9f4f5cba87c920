import { syntheticTables, FULL_SPEC } from "./synthetic";
import { computeIndex } from "../src/core/pipeline";
const { data, framework } = syntheticTables(10000, 1000);
const runs = Number(process.env.RUNS ?? 4);
for (let rep = 0; rep < runs; rep++) { (globalThis as any).__times = {}; const t0 = performance.now(); computeIndex(data, framework, FULL_SPEC); const tot = performance.now()-t0; const T=(globalThis as any).__times; console.log(tot.toFixed(0).padStart(5), Object.entries(T).map(([k,v])=>`${k} ${(v as number).toFixed(0)}`).join(" | ")); }
