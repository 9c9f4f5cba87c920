/**
 * Warnings about what a step did silently to single cells, each naming the Data cell: a zero
 * denominator (the ratio is missing), a negative one (the ratio changes sign), and a missing value
 * that group imputation cannot fill because no unit of that group has the indicator.
 */
import { said, type ValidationIssue } from "./errors";
import { msg, type Message, type MessageParam } from "./messages";
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
  const list = (issues: ValidationIssue[], summary: (more: number) => Message) => {
    for (const issue of issues.slice(0, MAX_LISTED)) out.push(issue);
    if (issues.length > MAX_LISTED)
      out.push({ table: "Data", severity: "warning", ...said(summary(issues.length - MAX_LISTED)) });
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
    // Read only for a missing denominator: computeIndex rebuilds steps.raw on first read (restored-steps.ts).
    let rawIndex: Map<string, number> | null = null;
    const rawOf = (codes: string[]) => {
      rawIndex ??= new Map(result.steps.raw.codes.map((code, j) => [code, j] as const));
      return codes.map((code) => result.steps.raw.columns[rawIndex!.get(code)!]!);
    };
    for (const [d, codes] of users) {
      const values = units.denominators.get(d);
      if (!values) continue;
      const numerators: MessageParam =
        codes.length === 1 ? codes[0]! : [...codes.slice(0, 5), ...(codes.length > 5 ? ["…"] : [])];
      const ratio = msg("warn.ratio", { numerators, d });
      const zero: ValidationIssue[] = [];
      const negative: ValidationIssue[] = [];
      const missing: ValidationIssue[] = [];
      let raw: Float64Array[] | null = null;
      values.forEach((v, u) => {
        const where = {
          table: "Data" as const,
          severity: "warning" as const,
          row: units.rows[u]!,
          column: d,
          ...colOf(d),
        };
        if (v !== v) {
          if ((raw ??= rawOf(codes)).some((column) => column[u] === column[u]))
            missing.push({ ...where, ...said(msg("warn.denominatorMissing", { d, unit: units.codes[u]!, ratio })) });
        } else if (v === 0)
          zero.push({ ...where, ...said(msg("warn.denominatorZero", { d, unit: units.codes[u]!, ratio })) });
        else if (v < 0)
          negative.push({
            ...where,
            ...said(msg("warn.denominatorNegative", { d, value: v, unit: units.codes[u]!, ratio })),
          });
      });
      list(zero, (more) => msg("warn.moreZero", { more, d, ratio }));
      list(negative, (more) => msg("warn.moreNegative", { more, d }));
      list(missing, (more) => msg("warn.moreMissing", { more, d, ratio }));
    }
  }
  const impute = spec.impute;
  if (impute.method === "group-mean" || impute.method === "group-median") {
    const groups = units.groups.get(impute.group);
    const { imputed } = result.steps;
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
          // Imputation only fills: a value still missing after it was missing before it.
          if (column[u] === column[u]) continue;
          const g = groups[u];
          const who = g === null || g === undefined ? undefined : members.get(g)!;
          const why =
            who === undefined
              ? msg("warn.noGroup", { unit: units.codes[u]!, group: impute.group, method: impute.method })
              : msg("warn.emptyGroup", {
                  group: impute.group,
                  label: g!,
                  members: [...who.slice(0, 8), ...(who.length > 8 ? ["…"] : [])],
                  method: impute.method,
                });
          unfilled.push({
            table: "Data",
            severity: "warning",
            row: units.rows[u]!,
            column: code,
            ...colOf(code),
            ...said(msg("warn.unfilled", { code, why })),
          });
        }
      });
    }
    list(unfilled, (more) => msg("warn.moreUnfilled", { more, group: impute.group }));
  }
  return out;
}
