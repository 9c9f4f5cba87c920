/** `demo`: compute the bundled IECI sample, write the result workbook, print the top 10. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { msg, render } from "../core/engine";
import type { DemoArgs } from "./args";
import { runCompute } from "./compute";
import type { CliIo } from "./run";

/** The sample workbook built by `npm run sample` (assets/sample/ieci-2022.xlsx). */
export const SAMPLE_WORKBOOK = resolve(__dirname, "../../assets/sample/ieci-2022.xlsx");
export const DEMO_OUT = "out/ieci-results.xlsx";

export async function runDemo(
  args: DemoArgs,
  io: CliIo,
  onOrigins?: Parameters<typeof runCompute>[1],
): Promise<number> {
  if (!existsSync(SAMPLE_WORKBOOK)) {
    io.err(`index-studio: the sample workbook ${SAMPLE_WORKBOOK} is missing; rebuild it with npm run sample`);
    return 1;
  }
  const out = args.out ?? DEMO_OUT;
  const outcome = await runCompute(
    { command: "compute", input: SAMPLE_WORKBOOK, out, lang: args.lang, inPlace: false },
    onOrigins,
  );
  for (const message of outcome.messages) io.err(message);
  const editions = outcome.result.editions;
  io.out(
    editions
      ? `International Exchange Centers Index ${editions.times.join(" and ")} (sample; the ${editions.times[editions.times.length - 1]} edition is made up; illustrative values, not the official data)`
      : "International Exchange Centers Index 2022 (sample; illustrative values, not the official data)",
  );
  io.out(outcome.summary);
  io.out(`\n${render(args.lang, msg("cli.wrote", { path: out }))}`);
  return 0;
}
