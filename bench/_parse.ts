import { syntheticTables } from "./synthetic";
import { parseFramework } from "../src/core/framework";
import { parseData } from "../src/core/data";
import { withColumnArena } from "../src/core/column-arena";
const { data, framework } = syntheticTables(10000, 1000);
const { framework: fw } = parseFramework(framework);
for (let r = 0; r < 5; r++) withColumnArena(10000 * 1200, () => { const t0 = performance.now(); parseData(data, fw); console.log("parse", (performance.now() - t0).toFixed(0)); });
