/**
 * The command line end to end: on the bundled sample (a new process, as a user runs it, and
 * in-process), and editions. The 10,000 × 1,000 run is a target in bench/targets.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatCsv } from "../src/cli/csv";
import { readWorkbookTables } from "../src/cli/read";
import { runCli } from "../src/cli/run";
import { syntheticPanel } from "./synthetic";
import { medianMs } from "./timing";

const REPO = resolve(__dirname, "..");
const SAMPLE = join(REPO, "assets/sample/ieci-2022.xlsx");
const quiet = { out: () => undefined, err: () => undefined };

async function cli(args: string[]): Promise<void> {
  const code = await runCli(args, quiet);
  if (code !== 0) throw new Error(`cli ${args.join(" ")} exited with ${code}`);
}

export async function benchCli(): Promise<{ name: string; ms: number; [note: string]: unknown }[]> {
  const dir = mkdtempSync(join(tmpdir(), "index-studio-bench-"));
  const rows: { name: string; ms: number; [note: string]: unknown }[] = [];
  try {
    const outputs = ["--csv", join(dir, "s.csv"), "--json", join(dir, "s.json"), "--out", join(dir, "s.xlsx")];
    const processMs = await medianMs(3, () => {
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", join(REPO, "src/cli/main.ts"), "compute", SAMPLE, ...outputs],
        { cwd: REPO },
      );
      if (run.status !== 0) throw new Error(`cli process failed: ${run.stderr}`);
    });
    rows.push({
      name: "cli sample 2 editions (37+43)×25: compute xlsx → csv+json+xlsx (new node process)",
      ms: processMs,
      runs: 3,
    });
    rows.push({
      name: "cli sample 2 editions (37+43)×25: compute xlsx → csv+json+xlsx (in-process)",
      ms: await medianMs(10, () => cli(["compute", SAMPLE, ...outputs])),
      runs: 10,
    });
    rows.push({
      name: "cli sample 2 editions (37+43)×25: read the workbook only",
      ms: await medianMs(10, () => readWorkbookTables(SAMPLE)),
      runs: 10,
    });
    rows.push({
      name: "cli sample 2 editions (37+43)×25: compute xlsx → csv only",
      ms: await medianMs(10, () => cli(["compute", SAMPLE, "--csv", join(dir, "c.csv")])),
      runs: 10,
    });

    // Editions: 200 units × 100 indicators × 10 editions (2,000 rows), pooled normalization, every output (target < 2 s).
    const panel = syntheticPanel(200, 100, 10);
    writeFileSync(join(dir, "panel-data.csv"), formatCsv(panel.data));
    writeFileSync(join(dir, "panel-meta.csv"), formatCsv(panel.framework));
    const panelArgs = [
      "compute",
      join(dir, "panel-data.csv"),
      "--meta",
      join(dir, "panel-meta.csv"),
      "--csv",
      join(dir, "p.csv"),
      "--json",
      join(dir, "p.json"),
      "--out",
      join(dir, "p.xlsx"),
    ];
    rows.push({
      name: "cli editions 200×100×10: compute csv → csv+json+xlsx (in-process)",
      ms: await medianMs(5, () => cli(panelArgs)),
      runs: 5,
      target: "< 2000 ms",
    });
    rows.push({
      name: "cli editions 200×100×10: compute csv → csv+json+xlsx (new node process)",
      runs: 3,
      target: "< 2000 ms",
      ms: await medianMs(3, () => {
        const run = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "src/cli/main.ts"), ...panelArgs], {
          cwd: REPO,
        });
        if (run.status !== 0) throw new Error(`cli process failed: ${run.stderr}`);
      }),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (require.main === module) {
  benchCli().then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
