import { writeFileSync } from "node:fs";
import { formatCsv } from "../src/cli/csv";
import { syntheticTables } from "./synthetic";
const { data, framework } = syntheticTables(10000, 1000);
writeFileSync("/tmp/speed/big-data.csv", formatCsv(data));
writeFileSync("/tmp/speed/big-meta.csv", formatCsv(framework));
