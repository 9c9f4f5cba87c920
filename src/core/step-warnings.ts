/**
 * Warnings about what a step did silently to single cells, each naming the Data cell: a zero
 * denominator (the ratio is missing), a negative one (the ratio changes sign), and a missing value
 * that group imputation cannot fill because no unit of that group has the indicator.
 */
import type { ValidationIssue } from "./errors";
import type { IndexResult } from "./result";
import { codeText } from "./table";
import type { Table } from "./types";

/** Per kind of warning, the cells listed before a summary line. */
const MAX_LISTED = 20;

export function stepWarnings(data: Table, result: IndexResult): ValidationIssue[] {
  // Header → first column, built once (an indexOf per listed cell was quadratic on wide tables).
  const columnByCode = new Map<string, number>();
  (data[0] ?? []).forEach((cell, c) => {
    const code = codeText(cell);
    if (!columnByCode.has(code)) columnByCode.set(code, c);
  });
  const colOf = (code: string) => {
    const c = columnByCode.get(code);
    return c !== undefined ? { col: c } : {};
  };
  const out: ValidationIssue[] = [];
  const list = (issues: ValidationIssue[], summary: (more: number) => string) => {
    for (const issue of issues.slice(0, MAX_LISTED)) out.push(issue);
    if (issues.length > MAX_LISTED) out.push({ table: "Data", severity: "warning", message: summary(issues.length - MAX_LISTED) });
  };
  const { units, spec, framework } = result;
  if (spec.denominate) {
    const users = new Map<string, string[]>();
    for (const node of framework.indicators) {
      if (!node.denominator) continue;
      const codes = users.get(node.denominator);
      if (codes) codes.push(node.code);
      else users.set(node.denominator, [node.code]);
    }
    const rawIndex = new Map(result.steps.raw.codes.map((code, j) => [code, j] as const));
    for (const [d, codes] of users) {
      const values = units.denominators.get(d);
      if (!values) continue;
      const ratio = `${codes.length === 1 ? codes[0] : `${codes.slice(0, 5).join(", ")}${codes.length > 5 ? ", …" : ""}`} / ${d}`;
      const zero: ValidationIssue[] = [];
      const negative: ValidationIssue[] = [];
      const missing: ValidationIssue[] = [];
      const raw = codes.map((code) => result.steps.raw.columns[rawIndex.get(code)!]!);
      values.forEach((v, u) => {
        const where = { table: "Data" as const, severity: "warning" as const, row: units.rows[u]!, column: d, ...colOf(d) };
        if (v !== v) {
          if (raw.some((column) => column[u] === column[u])) missing.push({ ...where, message: `denominator ${d} is missing for unit ${units.codes[u]}, so ${ratio} has no value and is treated as missing; fill the cell` });
        } else if (v === 0) zero.push({ ...where, message: `denominator ${d} is 0 for unit ${units.codes[u]}, so ${ratio} has no value and is treated as missing; enter the right ${d} or leave the cell empty` });
        else if (v < 0) negative.push({ ...where, message: `denominator ${d} is negative (${v}) for unit ${units.codes[u]}, so ${ratio} changes sign; check the value` });
      });
      list(zero, (more) => `${more} more units have ${d} = 0 (their ${ratio} is missing)`);
      list(negative, (more) => `${more} more units have a negative ${d}`);
      list(missing, (more) => `${more} more units have no ${d} (their ${ratio} is missing)`);
    }
  }
  const impute = spec.impute;
  if (impute.method === "group-mean" || impute.method === "group-median") {
    const groups = units.groups.get(impute.group);
    const { denominated, imputed } = result.steps;
    const unfilled: ValidationIssue[] = [];
    if (groups) {
      const members = new Map<string, string[]>();
      groups.forEach((g, u) => {
        if (g === null) return;
        const list = members.get(g);
        if (list) list.push(units.codes[u]!);
        else members.set(g, [units.codes[u]!]);
      });
      imputed.columns.forEach((column, j) => {
        const code = imputed.codes[j]!;
        for (let u = 0; u < column.length; u++) {
          if (column[u] === column[u] || denominated.columns[j]![u] === denominated.columns[j]![u]) continue;
          const g = groups[u];
          const who = g === null || g === undefined ? undefined : members.get(g)!;
          const why = who === undefined
            ? `unit ${units.codes[u]} has no ${impute.group}, so ${impute.method} imputation cannot fill it`
            : `no unit of ${impute.group} "${g}" (${who.slice(0, 8).join(", ")}${who.length > 8 ? ", …" : ""}) has a value, so ${impute.method} imputation cannot fill it`;
          unfilled.push({ table: "Data", severity: "warning", row: units.rows[u]!, column: code, ...colOf(code), message: `${code} is missing and ${why}; it stays missing (fill the cell, or impute with mean or median)` });
        }
      });
    }
    list(unfilled, (more) => `${more} more missing cells could not be imputed within their ${impute.group}`);
  }
  return out;
}
