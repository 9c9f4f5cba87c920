/** Reads and validates the Framework table (COINr iMeta) into the index hierarchy. */
import { IndexInputError, said, type ValidationIssue } from "./errors";
import { msg, type Message, type MessageParam } from "./messages";
import { isForbiddenKey } from "./safe-keys";
import {
  blankHeaderIssue,
  bodyRows,
  cellText,
  clip,
  codeProblem,
  codeText,
  headerBelowHint,
  invisibleDifference,
  isBlank,
  mapHeaders,
  parseNumber,
  sameCodeKey,
  tooLongText,
  visibleCode,
} from "./table";
import { parseMethodCell, type NormalizeSpec, type TreatOverride } from "./spec";
import type { AggregateNode, Cell, Direction, Framework, FrameworkNode, IndicatorNode, Table } from "./types";

export const FRAMEWORK_ALIASES = {
  code: ["icode", "code", "indicatorcode", "nodecode"],
  name: ["iname", "name", "indicatorname", "nodename", "label"],
  level: ["level", "lvl"],
  parent: ["parent", "parentcode", "ifparent"],
  direction: ["direction", "dir", "polarity"],
  weight: ["weight", "weights", "w"],
  type: ["type", "itype", "kind"],
  unit: ["unit", "units"],
  target: ["target"],
  denominator: ["denominator", "denominatedby", "denom"],
  goalLow: ["goallow", "goalpostlower", "goalpostlow", "lowgoalpost"],
  goalHigh: ["goalhigh", "goalpostupper", "goalposthigh", "highgoalpost"],
  scaleFactor: ["scalefactor"],
  normalize: ["normalize", "normalise", "normalization", "normalisation"],
  treat: ["treat", "treatment"],
} as const;
type Field = keyof typeof FRAMEWORK_ALIASES;

const TYPES = ["Indicator", "Aggregate", "Group", "Denominator"] as const;
type NodeType = (typeof TYPES)[number];

interface RawRow {
  row: number;
  code: string;
  name: string;
  parent: string | null;
  type: NodeType | null;
  level: number | null;
  weight: number;
  direction: Direction;
  unit?: string;
  target?: number;
  denominator?: string;
  goalLow?: number;
  goalHigh?: number;
  scaleFactor?: number;
  normalize?: NormalizeSpec;
  treat?: TreatOverride;
}

export function parseFramework(table: Table): { framework: Framework; warnings: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const err = (text: Message, where: { row?: number; col?: number; column?: string } = {}) =>
    issues.push({ table: "Framework", ...said(text), severity: "error", ...where });
  const warn = (text: Message, where: { row?: number; col?: number; column?: string } = {}) =>
    issues.push({ table: "Framework", ...said(text), severity: "warning", ...where });

  if (table.length === 0 || table[0]!.every(isBlank)) {
    throw new IndexInputError([blankHeaderIssue(table, "Framework", msg("framework.empty"))]);
  }
  const { fields, duplicates } = mapHeaders(table[0]!, FRAMEWORK_ALIASES);
  for (const d of duplicates)
    err(msg("framework.twoColumns", { field: d.field, cols: d.cols.map((c) => c + 1) }), { row: 0, col: d.cols[1]! });
  if (fields.code === undefined) {
    const below = headerBelowHint(table, (k) => k.some((key) => FRAMEWORK_ALIASES.code.includes(key as never)));
    err(
      msg("framework.noCodeColumn", {
        headers: table[0]!
          .map(cellText)
          .filter(Boolean)
          .map((h) => clip(h, 30)),
        below,
      }),
      { row: 0 },
    );
    throw new IndexInputError(issues);
  }
  if (fields.parent === undefined) {
    err(msg("framework.noParentColumn"), { row: 0 });
    throw new IndexInputError(issues);
  }

  const rows: RawRow[] = [];
  const seen = new Map<string, { index: number; code: string }>();
  for (const { row, index } of bodyRows(table)) {
    const cell = (f: Field): Cell => (fields[f] === undefined ? null : row[fields[f]!]);
    const at = (f: Field) => ({ row: index, col: fields[f]!, column: f });
    const code = codeText(cell("code"));
    if (code === "") {
      err(msg("framework.noCode"), at("code"));
      continue;
    }
    const problem =
      codeProblem(code) ??
      tooLongText(code, msg("what.code")) ??
      (isForbiddenKey(code) ? msg("framework.reserved", { code }) : null);
    if (problem) err(problem, at("code"));
    const twin = seen.get(sameCodeKey(code));
    if (twin) {
      err(
        msg("framework.duplicate", {
          code: clip(visibleCode(code)),
          row: twin.index + 1,
          invisible: invisibleDifference(twin.code, code),
        }),
        at("code"),
      );
      continue;
    }
    seen.set(sameCodeKey(code), { index, code });
    const longName = tooLongText(cellText(cell("name")), msg("what.name"));
    if (longName) err(longName, at("name"));
    const parentText = codeText(cell("parent"));
    const typeText = cellText(cell("type"));
    let type: NodeType | null = null;
    if (typeText !== "") {
      type = TYPES.find((t) => t.toLowerCase() === typeText.toLowerCase()) ?? null;
      if (!type) err(msg("framework.badType", { type: clip(typeText), types: TYPES }), at("type"));
    }
    const weight = numberField(cell("weight"), 1);
    if (weight.problem || weight.value < 0) {
      if (!isBlank(cell("weight")) || weight.problem)
        err(
          weight.problem
            ? msg("framework.weightNotNumber", { value: clip(cellText(cell("weight"))) })
            : msg("framework.weightNegative", { value: weight.value }),
          at("weight"),
        );
    }
    const dir = numberField(cell("direction"), 1);
    if (dir.problem || (dir.value !== 1 && dir.value !== -1)) {
      err(msg("framework.direction", { value: clip(cellText(cell("direction"))) }), at("direction"));
    }
    const level = numberField(cell("level"), NaN);
    const optionalNumber = (f: Field): number | undefined => {
      if (fields[f] === undefined || isBlank(cell(f))) return undefined;
      const p = parseNumber(cell(f));
      if (p.problem) {
        err(msg("framework.field", { field: f, problem: p.text }), at(f));
        return undefined;
      }
      return p.value;
    };
    const unitText = cellText(cell("unit"));
    const denominatorText = codeText(cell("denominator"));
    const raw: RawRow = {
      row: index,
      code,
      name: cellText(cell("name")) || code,
      parent: parentText === "" ? null : parentText,
      type,
      level: level.problem || Number.isNaN(level.value) ? null : level.value,
      weight: weight.value,
      direction: dir.value === -1 ? -1 : 1,
    };
    if (unitText) raw.unit = unitText;
    const target = optionalNumber("target");
    if (target !== undefined) raw.target = target;
    if (denominatorText) raw.denominator = denominatorText;
    const goalLow = optionalNumber("goalLow");
    if (goalLow !== undefined) raw.goalLow = goalLow;
    const goalHigh = optionalNumber("goalHigh");
    if (goalHigh !== undefined) raw.goalHigh = goalHigh;
    const scaleFactor = optionalNumber("scaleFactor");
    if (scaleFactor !== undefined) {
      if (scaleFactor > 0 && Number.isFinite(scaleFactor)) raw.scaleFactor = scaleFactor;
      else err(msg("framework.scaleFactor", { value: scaleFactor }), at("scaleFactor"));
    }
    // Per-indicator methods (COINr indiv_specs): the same checks as the spec's byIndicator.
    for (const step of ["normalize", "treat"] as const) {
      const text = cellText(cell(step));
      if (text === "") continue;
      const { value, problems } = parseMethodCell(step, text);
      for (const problem of problems)
        err(
          msg("framework.methodCell", {
            step: step === "normalize" ? "Normalize" : "Treat",
            text: clip(text),
            problem,
          }),
          at(step),
        );
      if (value && step === "normalize") raw.normalize = value as NormalizeSpec;
      if (value && step === "treat") raw.treat = value as TreatOverride;
    }
    rows.push(raw);
  }
  if (issues.some((i) => i.severity === "error")) throw new IndexInputError(issues);
  const framework = buildHierarchy(rows, fields.parent, fields.type, err, warn);
  if (issues.some((i) => i.severity === "error")) throw new IndexInputError(issues);
  return { framework: framework!, warnings: issues };
}

function numberField(cell: Cell, fallback: number): { value: number; problem?: string } {
  if (isBlank(cell)) return { value: fallback };
  const p = parseNumber(cell);
  return p.problem ? { value: fallback, problem: p.problem } : { value: p.value };
}

type Report = (text: Message, where?: { row?: number; col?: number; column?: string }) => void;

function buildHierarchy(
  rows: RawRow[],
  parentCol: number,
  typeCol: number | undefined,
  err: Report,
  warn: Report,
): Framework | null {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const children = new Map<string, string[]>();
  const denominatorRefs = new Set(rows.map((r) => r.denominator).filter((d): d is string => !!d));
  for (const r of rows) {
    if (r.parent === null) continue;
    const parent = byCode.get(r.parent);
    if (!parent) {
      err(msg("framework.parentUnknown", { parent: clip(r.parent), code: r.code }), {
        row: r.row,
        col: parentCol,
        column: "Parent",
      });
      continue;
    }
    if (!children.has(r.parent)) children.set(r.parent, []);
    children.get(r.parent)!.push(r.code);
  }
  // Type: as given, else inferred from the tree.
  const typeOf = new Map<string, NodeType>();
  for (const r of rows) {
    const inferred: NodeType = children.has(r.code)
      ? "Aggregate"
      : r.parent !== null
        ? "Indicator"
        : denominatorRefs.has(r.code)
          ? "Denominator"
          : "Group";
    const type = r.type ?? inferred;
    typeOf.set(r.code, type);
    const where = { row: r.row, ...(typeCol !== undefined ? { col: typeCol, column: "Type" } : {}) };
    if (type === "Indicator" && children.has(r.code))
      err(msg("framework.indicatorIsParent", { code: r.code, children: listed(children.get(r.code)!) }), where);
    if (type === "Indicator" && r.parent === null)
      err(msg("framework.indicatorNoParent", { code: r.code }), { row: r.row, col: parentCol, column: "Parent" });
    if (type === "Aggregate" && !children.has(r.code))
      err(msg("framework.aggregateNoChildren", { code: r.code }), where);
    if ((type === "Group" || type === "Denominator") && children.has(r.code))
      err(msg("framework.groupIsParent", { code: r.code, type, children: listed(children.get(r.code)!) }), where);
  }
  reportCycles(rows, byCode, (text, row) => err(text, { row, col: parentCol, column: "Parent" }));
  const hierarchyRows = rows.filter((r) => typeOf.get(r.code) === "Indicator" || typeOf.get(r.code) === "Aggregate");
  const roots = hierarchyRows.filter((r) => r.parent === null);
  if (hierarchyRows.length > 0 && roots.length === 0) err(msg("framework.noTop"));
  if (roots.length > 1)
    err(msg("framework.manyTops", { count: roots.length, codes: listed(roots.map((r) => r.code)) }), {
      row: roots[1]!.row,
      col: parentCol,
      column: "Parent",
    });
  if (!hierarchyRows.some((r) => typeOf.get(r.code) === "Indicator")) err(msg("framework.noIndicators"));
  for (const r of hierarchyRows) {
    if (r.parent !== null && byCode.has(r.parent)) {
      const pt = typeOf.get(r.parent);
      if (pt === "Group" || pt === "Denominator")
        err(msg("framework.parentNotAggregate", { parent: r.parent, code: r.code, type: pt }), {
          row: r.row,
          col: parentCol,
          column: "Parent",
        });
    }
  }
  for (const [parent, kids] of children) {
    const node = byCode.get(parent)!;
    if (kids.length > 0 && kids.every((k) => byCode.get(k)!.weight === 0))
      err(msg("framework.allZero", { parent, codes: listed(kids) }), { row: node.row });
  }
  if (rows.length === 0) err(msg("framework.noRows"));
  return finish();

  // The caller discards the result when errors were reported (levels need a sound tree).
  function finish(): Framework | null {
    const indicators: IndicatorNode[] = [];
    const aggregates: AggregateNode[] = [];
    const level = levelsOf(rows, children);
    const levelOf = (code: string) => level.get(code) ?? 1;
    const nodes = new Map<string, FrameworkNode>();
    for (const r of hierarchyRows) {
      const l = levelOf(r.code);
      if (r.level !== null && r.level !== l)
        warn(msg("framework.levelMismatch", { level: r.level, code: r.code, taken: l }), {
          row: r.row,
          column: "Level",
        });
      if (typeOf.get(r.code) === "Indicator") {
        const node: IndicatorNode = {
          kind: "indicator",
          code: r.code,
          name: r.name,
          level: 1,
          parent: r.parent ?? "",
          weight: r.weight,
          direction: r.direction,
          row: r.row,
        };
        if (r.denominator) node.denominator = r.denominator;
        if (r.unit) node.unit = r.unit;
        if (r.target !== undefined) node.target = r.target;
        if (r.goalLow !== undefined) node.goalLow = r.goalLow;
        if (r.goalHigh !== undefined) node.goalHigh = r.goalHigh;
        if (r.scaleFactor !== undefined) node.scaleFactor = r.scaleFactor;
        if (r.normalize) node.normalize = r.normalize;
        if (r.treat) node.treat = r.treat;
        indicators.push(node);
        nodes.set(r.code, node);
      } else {
        if (r.normalize || r.treat || r.scaleFactor !== undefined)
          warn(msg("framework.aggregateCells", { code: r.code }), { row: r.row });
        const node: AggregateNode = {
          kind: "aggregate",
          code: r.code,
          name: r.name,
          level: l,
          parent: r.parent,
          weight: r.weight,
          children: children.get(r.code) ?? [],
          row: r.row,
        };
        aggregates.push(node);
        nodes.set(r.code, node);
      }
    }
    aggregates.sort((a, b) => a.level - b.level || a.row - b.row);
    // The root is an ancestor of every node, so its level is the highest and it sorts last.
    const root = roots[0]?.code ?? "";
    return {
      indicators,
      aggregates,
      root,
      maxLevel: aggregates.reduce((m, a) => Math.max(m, a.level), 1),
      groups: rows.filter((r) => typeOf.get(r.code) === "Group").map((r) => r.code),
      denominators: rows.filter((r) => typeOf.get(r.code) === "Denominator").map((r) => r.code),
      byCode: nodes,
    };
  }
}

/** Codes for a message: the first ten, then how many more (a message never grows with the data). */
function listed(codes: readonly string[], max = 10): MessageParam {
  return codes.length <= max ? codes : msg("list.andMore", { list: codes.slice(0, max), more: codes.length - max });
}

/**
 * Each loop of Parents reported once, at its first row. Every node is walked at most once
 * (0 = not seen, 1 = on the current walk, 2 = done), so a chain of any length is linear.
 */
function reportCycles(
  rows: readonly RawRow[],
  byCode: ReadonlyMap<string, RawRow>,
  report: (text: Message, row: number) => void,
): void {
  const state = new Map<string, 1 | 2>();
  for (const start of rows) {
    const walk: RawRow[] = [];
    let cur: RawRow | undefined = start;
    while (cur && !state.has(cur.code)) {
      state.set(cur.code, 1);
      walk.push(cur);
      cur = cur.parent === null ? undefined : byCode.get(cur.parent);
    }
    if (cur && state.get(cur.code) === 1) {
      const loop = walk.slice(walk.indexOf(cur));
      let first = 0;
      for (let k = 1; k < loop.length; k++) if (loop[k]!.row < loop[first]!.row) first = k;
      const ordered = [...loop.slice(first), ...loop.slice(0, first)].map((r) => r.code);
      const chain =
        ordered.length <= 12
          ? [...ordered, ordered[0]].join(" → ")
          : msg("framework.loopLong", {
              start: ordered.slice(0, 10).join(" → "),
              count: ordered.length,
              end: ordered[0]!,
            });
      report(msg("framework.loop", { chain }), loop[first]!.row);
    }
    for (const r of walk) state.set(r.code, 2);
  }
}

/** Level of every node (1 for indicators, 1 + the highest child level above), bottom-up without recursion; nodes on a loop stay unset. */
function levelsOf(rows: readonly RawRow[], children: ReadonlyMap<string, string[]>): Map<string, number> {
  const level = new Map<string, number>();
  const pending = new Map<string, number>();
  const parentOf = new Map<string, string | null>();
  const ready: string[] = [];
  for (const r of rows) {
    parentOf.set(r.code, r.parent);
    const kids = children.get(r.code)?.length ?? 0;
    pending.set(r.code, kids);
    if (kids === 0) ready.push(r.code);
  }
  for (const code of ready) level.set(code, 1);
  while (ready.length > 0) {
    const code = ready.pop()!;
    const parent = parentOf.get(code);
    if (parent === null || parent === undefined || !pending.has(parent)) continue;
    level.set(parent, Math.max(level.get(parent) ?? 1, level.get(code)! + 1));
    const left = pending.get(parent)! - 1;
    pending.set(parent, left);
    if (left === 0) ready.push(parent);
  }
  return level;
}
