/**
 * The Log sheet: settings in force, imputed cells, excluded units with their coverage, outlier
 * treatment records, warnings and the effective weight of every node, as stacked sections.
 */
import { formatIssue } from "../errors";
import type { Language } from "../language";
import type { ExcludedUnit, IndexResult, TreatmentRecord } from "../result";
import type { IndexSpec, ScreenSpec } from "../spec";
import type { Cell, MethodSource } from "../types";
import { fill, type ReportText } from "./i18n";
import type { FormatPlan, SheetDraft } from "./types";
import { aggregatesTopDown } from "../columns";
import { num, rangeA1 } from "./util";

/**
 * The most imputed cells listed on the sheet: a 10,000 × 1,000 run with 10 % missing has a million,
 * beyond Excel's 1,048,576 rows. The rest is counted in a closing line; --json has them all.
 */
export const LOG_IMPUTED_LIMIT = 10_000;

interface Section {
  title: string;
  headers: string[];
  rows: Cell[][];
  /** A line after the rows (the count of rows left off). */
  more?: string;
  /** Number format per column (undefined = general). */
  formats: (string | undefined)[];
}

export function buildLog(result: IndexResult, text: ReportText, language: Language = "en"): SheetDraft {
  const sections: Section[] = [
    { title: text.settings, headers: [text.step, text.setting], rows: settingsRows(result.spec), formats: [] },
    {
      title: text.imputedCells,
      headers: [text.unit, text.indicator, text.value, text.method],
      rows: result.log.imputed
        .slice(0, LOG_IMPUTED_LIMIT)
        .map((cell) => [cell.unit, cell.indicator, num(cell.value), cell.method]),
      ...moreImputed(result.log.imputed.length, text),
      formats: [undefined, undefined, "0.000"],
    },
    {
      title: text.excludedUnits,
      headers: [
        text.unit,
        text.name,
        text.coverage,
        text.reason,
        ...(result.spec.screen?.minNonZero !== undefined ? [text.nonZero] : []),
      ],
      rows: result.log.excluded.map((unit) => [
        unit.unit,
        unitName(result, unit.unit),
        num(unit.coverage),
        reasonText(unit.reason, text),
        ...(unit.nonZero !== undefined ? [num(unit.nonZero)] : []),
      ]),
      formats: [undefined, undefined, "0.0%", undefined, "0.0%"],
    },
    ...optionalSections(result, text),
    {
      title: text.treatment,
      headers: [
        text.indicator,
        text.skewBefore,
        text.kurtBefore,
        text.skewAfter,
        text.kurtAfter,
        text.winsorizedHigh,
        text.winsorizedLow,
        text.unitsHigh,
        text.unitsLow,
        text.action,
      ],
      rows: result.log.treatment.map((record) => treatmentRow(record, text)),
      formats: [undefined, "0.00", "0.00", "0.00", "0.00", "0", "0"],
    },
    {
      title: text.warnings,
      headers: [text.message],
      rows: result.warnings.map((issue) => [formatIssue(issue, undefined, language)]),
      formats: [],
    },
    {
      title: text.effectiveWeights,
      headers: [text.code, text.name, text.level, text.parent, text.weight, text.effectiveWeight],
      rows: [...aggregatesTopDown(result), ...result.framework.indicators.map((i) => i.code)].map((code) => {
        const node = result.framework.byCode.get(code)!;
        return [
          code,
          node.name,
          node.level,
          node.parent ?? "",
          num(result.weights.get(code) ?? node.weight),
          num(result.effectiveWeights.get(code) ?? NaN),
        ];
      }),
      formats: [undefined, undefined, "0", undefined, "0.000", "0.0000"],
    },
  ];

  const cells: Cell[][] = [];
  const formats: FormatPlan[] = [];
  const highlights: string[] = [];
  for (const section of sections) {
    if (cells.length > 0) cells.push([]);
    cells.push([section.title]);
    highlights.push(rangeA1(cells.length - 1, 0, cells.length - 1, 0));
    cells.push(section.headers);
    const first = cells.length;
    if (section.rows.length === 0) cells.push([text.none]);
    for (const row of section.rows) cells.push(row);
    if (section.more) cells.push([section.more]);
    section.formats.forEach((numberFormat, col) => {
      if (numberFormat && section.rows.length > 0) {
        formats.push({ range: rangeA1(first, col, first + section.rows.length - 1, col), numberFormat });
      }
    });
  }
  return {
    key: "log",
    name: text.sheetLog,
    cells,
    formats,
    colorScales: [],
    highlights,
    freeze: { rows: 0, cols: 0 },
    columnWidths: [22, 26, 14, 14, 14, 14, 14, 30, 30, 16],
    charts: [],
  };
}

/** Sections that exist only when their option is used, so that a plain run's Log keeps its layout. */
function optionalSections(result: IndexResult, text: ReportText): Section[] {
  const sections: Section[] = [];
  const { forced, methods, belowCoverage } = result.log;
  if (forced.length) {
    sections.push({
      title: text.forcedUnits,
      headers: [text.unit, text.name, text.coverage, text.reason],
      rows: forced.map((unit) => [
        unit.unit,
        unitName(result, unit.unit),
        num(unit.coverage),
        unit.wouldBeExcluded ? text.forcedBelow : text.forcedAbove,
      ]),
      formats: [undefined, undefined, "0.0%"],
    });
  }
  const own = methods.filter((m) => m.normalizeSource !== "global" || m.treatSource !== "global");
  if (own.length) {
    const source = (s: MethodSource) =>
      ({ spec: text.sourceSpec, framework: text.sourceFramework, global: text.sourceGlobal })[s];
    sections.push({
      title: text.indicatorMethods,
      headers: [text.indicator, text.normalization, text.source, text.treatmentMethod, text.source],
      rows: own.map((m) => [m.indicator, m.normalize, source(m.normalizeSource), m.treat, source(m.treatSource)]),
      formats: [],
    });
  }
  if (belowCoverage.length) {
    sections.push({
      title: text.belowCoverage,
      headers: [text.aggregate, text.unit, text.name, text.shareChildren, text.threshold],
      rows: belowCoverage
        .slice(0, LOG_IMPUTED_LIMIT)
        .map((b) => [b.aggregate, b.unit, unitName(result, b.unit), num(b.share), num(b.minCoverage)]),
      formats: [undefined, undefined, undefined, "0.0%", "0.0%"],
    });
  }
  return sections;
}

function reasonText(reason: ExcludedUnit["reason"], text: ReportText): string {
  return { coverage: text.reasonCoverage, nonzero: text.reasonNonZero, forced: text.reasonForced }[reason];
}

function moreImputed(total: number, text: ReportText): { more?: string } {
  if (total <= LOG_IMPUTED_LIMIT) return {};
  const n = (x: number) => x.toLocaleString("en-US");
  return { more: fill(text.moreImputed, { more: n(total - LOG_IMPUTED_LIMIT), total: n(total) }) };
}

/** Unit code → name per result, built once: a lookup per row of a long list was quadratic. */
const namesByCode = new WeakMap<IndexResult, Map<string, string>>();

function unitName(result: IndexResult, code: string): string {
  let names = namesByCode.get(result);
  if (!names) {
    names = new Map();
    const { codes, names: unitNames } = result.units;
    // The first unit with a code wins, as indexOf did.
    for (let u = codes.length - 1; u >= 0; u--) names.set(codes[u]!, unitNames[u] ?? "");
    namesByCode.set(result, names);
  }
  return names.get(code) ?? "";
}

function treatmentRow(record: TreatmentRecord, text: ReportText): Cell[] {
  const action = {
    none: text.actionNone,
    winsorized: text.actionWinsorized,
    log: text.actionLog,
    failed: text.actionFailed,
  }[record.action];
  return [
    record.indicator,
    num(record.skewBefore),
    num(record.kurtBefore),
    num(record.skewAfter),
    num(record.kurtAfter),
    record.winsorizedHigh.length,
    record.winsorizedLow.length,
    record.winsorizedHigh.join(", "),
    record.winsorizedLow.join(", "),
    action,
  ];
}

/** The block without its per-indicator list (listed in its own section). */
function withoutByIndicator<T extends { byIndicator?: unknown }>(block: T): Omit<T, "byIndicator"> {
  const { byIndicator: _, ...rest } = block;
  return rest;
}

function describeScreen(screen: ScreenSpec): string {
  const parts = [`basis ${screen.basis}`];
  if (screen.minCoverage !== undefined) parts.push(`minCoverage ${screen.minCoverage}`);
  if (screen.minNonZero !== undefined) parts.push(`minNonZero ${screen.minNonZero}`);
  if (screen.include.length) parts.push(`include ${screen.include.join(", ")}`);
  if (screen.exclude.length) parts.push(`exclude ${screen.exclude.join(", ")}`);
  return parts.join("; ");
}

/** One row per pipeline step: "normalize" | "minmax (low 0, high 100)". */
function settingsRows(spec: IndexSpec): Cell[][] {
  const describe = (block: object): string => {
    const { method, ...params } = block as Record<string, unknown>;
    const extra = Object.entries(params).map(
      ([key, value]) => `${key} ${typeof value === "object" ? JSON.stringify(value) : String(value)}`,
    );
    return extra.length > 0 ? `${String(method)} (${extra.join(", ")})` : String(method);
  };
  const levels = Object.entries(spec.aggregate.byLevel).map(([level, one]) => `level ${level}: ${describe(one)}`);
  const coverage = [
    ...(spec.aggregate.minCoverage !== undefined ? [`minCoverage ${spec.aggregate.minCoverage}`] : []),
    ...Object.entries(spec.aggregate.minCoverageByLevel ?? {}).map(([level, m]) => `level ${level}: minCoverage ${m}`),
  ];
  return [
    ["denominate", spec.denominate ? "on" : "off"],
    ["impute", describe(spec.impute)],
    ["screen", spec.screen ? describeScreen(spec.screen) : "off"],
    ["treat", describe(withoutByIndicator(spec.treat))],
    ["normalize", describe(withoutByIndicator(spec.normalize))],
    [
      "aggregate",
      [
        spec.aggregate.method + (spec.aggregate.p !== undefined ? ` (p ${spec.aggregate.p})` : ""),
        ...levels,
        ...coverage,
      ].join("; "),
    ],
    [
      "weights",
      spec.weights
        ? Object.entries(spec.weights)
            .map(([code, w]) => `${code} ${w}`)
            .join(", ")
        : "Framework",
    ],
  ];
}
