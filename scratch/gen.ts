import { writeFileSync } from "node:fs";
import { syntheticTables } from "../bench/synthetic";
import type { Cell } from "../src/core/types";
const [units, indicators, dir] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!];
const csv = (rows: readonly (readonly Cell[])[]) => rows.map((row) => row.map((v) => (v === null || v === undefined ? "" : typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : String(v))).join(",")).join("\n") + "\n";
const { data, framework } = syntheticTables(units, indicators);
writeFileSync(`${dir}/big.csv`, csv(data));
writeFileSync(`${dir}/m.csv`, csv(framework));
