/** Rewrites the methods tables of docs/methods.md from the method registry (src/core/methods). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withMethodsTable } from "../src/core/engine";

const file = join(__dirname, "..", "docs", "methods.md");
writeFileSync(file, withMethodsTable(readFileSync(file, "utf8")));
console.log(`updated ${file}`);
