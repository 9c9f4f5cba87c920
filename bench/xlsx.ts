/**
 * The report plan and the .xlsx result writer (sheets, tables, formats, DrawingML charts), on the
 * ASEM example and on synthetic indices. Wired into `npm run bench` as benchXlsx().
 */
import { computeIndex } from "../src/core/engine";
import { buildReport } from "../src/core/report";
import { buildResultWorkbook } from "../src/cli/xlsx";
import { asemTables } from "../test/helpers/conformance";
import { FULL_SPEC, syntheticTables } from "./synthetic";
import { medianMs } from "./timing";

type Row = { name: string; ms: number; [note: string]: unknown };

export async function benchXlsx(): Promise<Row[]> {
  const rows: Row[] = [];
  const asem = asemTables();
  const cases = [
    {
      label: "ASEM 51×49",
      result: computeIndex(asem.data, asem.meta, {
        ...FULL_SPEC,
        impute: { method: "group-mean", group: "EurAsia_group" },
      }),
      repeats: 10,
    },
    ...(
      [
        [1000, 100, 3],
        [5000, 200, 1],
      ] as const
    ).map(([units, indicators, repeats]) => {
      const t = syntheticTables(units, indicators);
      return { label: `${units}×${indicators}`, result: computeIndex(t.data, t.framework, FULL_SPEC), repeats };
    }),
  ];
  for (const { label, result, repeats } of cases) {
    rows.push({
      name: `report ${label}: buildReport (6 sheets, 4 charts)`,
      ms: await medianMs(repeats, () => buildReport(result, { language: "en" })),
    });
    const plan = buildReport(result, { language: "en" });
    let bytes = 0;
    const ms = await medianMs(repeats, async () => (bytes = (await buildResultWorkbook({ plan })).buffer.length));
    const cells = plan.sheets.reduce((n, s) => n + s.cells.reduce((m, r) => m + r.length, 0), 0);
    rows.push({ name: `xlsx ${label}: result workbook with charts`, ms, MB: bytes / 1e6, cells });
  }
  return rows;
}
