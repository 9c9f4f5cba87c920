/** Table header text as Excel requires it. */
import type { ReportPlan } from "../../core/report";

/**
 * Excel requires a table's header cells to be its column names exactly; a line break or tab in
 * a name (an aggregate named with Alt+Enter) would make Excel repair the table. They become
 * spaces, in a copy of the plan, so header cells, column names and chart caches agree; names that
 * then coincide get " (2)", " (3)"...
 */
export function withTableHeaders(plan: ReportPlan): ReportPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((sheet) => {
      const cols = sheet.table && sheet.table.rows > 1 ? sheet.table.cols : 0;
      if (cols === 0 || !sheet.cells[0]) return sheet;
      const taken = new Set<string>();
      const header = sheet.cells[0].map((value, c) => {
        if (c >= cols) return value;
        const base =
          value === null || value === undefined || String(value).trim() === ""
            ? `Column${c + 1}`
            : String(value)
                .replace(/[\r\n\t]+/g, " ")
                .trim();
        let name = base;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
        taken.add(name.toLowerCase());
        return name;
      });
      return { ...sheet, cells: [header, ...sheet.cells.slice(1)] };
    }),
  };
}
