/**
 * Apply for the what-if weights: writes new weights into the Framework's Weight cells, and only
 * those. Everything is checked before the first write (codes, numbers, the Weight column, no formula
 * in a target cell); if Excel rejects a write, the cells already written get their old values back.
 */
import { FRAMEWORK_ALIASES } from "../core/engine";
import { cellAddress } from "../core/engine";
import { codeText, mapHeaders } from "../core/engine";
import { quoteSheetName } from "../core/engine";
import { markOwnWrite } from "./auto-refresh";
import { describeSource } from "./choice";
import type { TableSource } from "./contract";
import { AddinError, errorText } from "./errors";
import { runInExcel } from "./office";
import { readSources } from "./read";

interface Target {
  code: string;
  row: number;
  col: number;
  old: unknown;
  weight: number;
}

export async function writeFrameworkWeights(
  source: TableSource,
  weights: Readonly<Record<string, number>>,
): Promise<void> {
  const { value: plan } = await runInExcel(async (session) => {
    const [read] = await readSources(session, [source]);
    const { table, origin } = read!;
    // Rows found by their code cell, not by parsing the whole table: a Weight formula is the only cell we look past.
    const fields = mapHeaders(table[0] ?? [], {
      code: FRAMEWORK_ALIASES.code,
      weight: FRAMEWORK_ALIASES.weight,
    }).fields;
    const col = fields.weight;
    if (fields.code === undefined)
      throw new AddinError(
        `${describeSource(source)} has no code column (iCode); compute again and fix what it reports before applying weights.`,
      );
    if (col === undefined)
      throw new AddinError(`${describeSource(source)} has no Weight column; add one (header Weight) to apply weights.`);
    const rowOf = new Map<string, number>();
    table.forEach((cells, r) => {
      const code = codeText(cells[fields.code!]);
      if (r > 0 && code) rowOf.set(code, rowOf.has(code) ? -1 : r);
    });
    const targets: Target[] = [];
    for (const [code, weight] of Object.entries(weights)) {
      const row = rowOf.get(code.normalize("NFC")) ?? rowOf.get(code);
      if (row === undefined || row < 0)
        throw new AddinError(
          `${code} is not a code in ${describeSource(source)}; compute again, then apply the weights.`,
        );
      if (!(weight >= 0) || !Number.isFinite(weight))
        throw new AddinError(`The weight of ${code} is ${weight}; weights are finite numbers ≥ 0.`);
      targets.push({ code, row: origin.row + row, col: origin.col + col, old: table[row]?.[col] ?? "", weight });
    }
    if (targets.length === 0) return null;
    // A formula in a Weight cell is the analyst's own logic: refuse rather than replace it by a number.
    const sheet = session.workbook.worksheets.getItem(origin.sheet);
    const formulas = targets.map((t) => {
      const range = sheet.getRangeByIndexes(t.row, t.col, 1, 1);
      range.load("formulas");
      return range;
    });
    await session.sync();
    const withFormula = targets.filter((_, k) => String(formulas[k]!.formulas[0]![0] ?? "").startsWith("="));
    if (withFormula.length > 0) {
      const cells = withFormula.map((t) => `${quoteSheetName(origin.sheet)}!${cellAddress(t.row, t.col)}`).join(", ");
      throw new AddinError(
        `The weight of ${withFormula.map((t) => t.code).join(", ")} is a formula (${cells}); change it there, or replace the formula by a number, then apply.`,
      );
    }
    return { sheet: origin.sheet, targets };
  });
  if (!plan) return;
  markOwnWrite(); // the refresh that follows Apply is the pane's; the change event must not start another
  try {
    await runInExcel(async (session) => {
      const sheet = session.workbook.worksheets.getItem(plan.sheet);
      for (const t of plan.targets) sheet.getRangeByIndexes(t.row, t.col, 1, 1).values = [[t.weight]];
      await session.sync();
    });
  } catch (error) {
    // Excel keeps the writes before the one that failed (a failed sync does not roll back): put the old values back.
    const restored = await runInExcel(async (session) => {
      const sheet = session.workbook.worksheets.getItem(plan.sheet);
      for (const t of plan.targets)
        sheet.getRangeByIndexes(t.row, t.col, 1, 1).values = [[t.old as string | number | boolean]];
      await session.sync();
    }).then(
      () => true,
      () => false,
    );
    const cells = plan.targets.map((t) => cellAddress(t.row, t.col)).join(", ");
    throw new AddinError(
      `The weights could not be written to ${quoteSheetName(plan.sheet)}: ${errorText(error)}. ` +
        (restored
          ? "The Framework was left as it was."
          : `Some of ${cells} may hold new weights; check them or press Reset and Apply again.`),
    );
  }
}
