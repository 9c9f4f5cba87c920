/** The method registry of the four steps that choose a method; lists, labels and docs are read from here. */
import { AGGREGATE_REGISTRY } from "./aggregate";
import { IMPUTE_REGISTRY } from "./impute";
import { NORMALIZE_REGISTRY } from "./normalize";
import { TREAT_REGISTRY } from "./treat";
import { methodKeys, type MethodEntry, type MethodLabels } from "./entry";

export const METHOD_REGISTRY = {
  impute: IMPUTE_REGISTRY,
  treat: TREAT_REGISTRY,
  normalize: NORMALIZE_REGISTRY,
  aggregate: AGGREGATE_REGISTRY,
} as const;

export type MethodStep = keyof typeof METHOD_REGISTRY;
export const METHOD_STEPS = Object.keys(METHOD_REGISTRY) as MethodStep[];
/** One value per step, in pipeline order (the compiler checks that no step is missing). */
export function perStep<T>(f: (step: MethodStep) => T): Record<MethodStep, T> {
  return { impute: f("impute"), treat: f("treat"), normalize: f("normalize"), aggregate: f("aggregate") };
}

/** Any method name of any step ("none" is shared by three). */
export type AnyMethodName = { [S in MethodStep]: keyof (typeof METHOD_REGISTRY)[S] & string }[MethodStep];

/** The entries of one step, untyped by method (for lists, labels and docs). */
export function entriesOf(step: MethodStep): [string, MethodEntry][] {
  return Object.entries(METHOD_REGISTRY[step] as Record<string, MethodEntry>);
}

export type MethodLabelKey = `method.${AnyMethodName}`;

/**
 * The pane's `method.<name>` texts in one language. A name shared by several steps ("none") has
 * one text: the first step's, and a test checks that the steps agree.
 */
export function methodMessages(language: keyof MethodLabels): Record<MethodLabelKey, string> {
  const out: Record<string, string> = {};
  for (const step of METHOD_STEPS)
    for (const [name, entry] of entriesOf(step)) out[`method.${name}`] ??= entry.label[language];
  return out as Record<MethodLabelKey, string>;
}

const STEP_TITLES: Record<MethodStep, string> = {
  impute: "Impute (missing values)",
  treat: "Treat (outliers)",
  normalize: "Normalize",
  aggregate: "Aggregate",
};

export const METHODS_TABLE_START =
  "<!-- methods-table:start (generated from src/core/methods by `npm run docs:methods`) -->";
export const METHODS_TABLE_END = "<!-- methods-table:end -->";

/** The methods tables of docs/methods.md: one per step, from the registry, between the two markers. */
export function methodsMarkdown(): string {
  const lines = [
    METHODS_TABLE_START,
    "## Methods at a glance",
    "",
    "Each step's `method` with its options (spec keys, or Settings rows `step.key | value`). A method",
    'with no options may be written alone: `"normalize": "rank"`.',
  ];
  for (const step of METHOD_STEPS) {
    lines.push("", `### ${STEP_TITLES[step]}`, "", "| method | options | 中文 | what it does |", "|---|---|---|---|");
    for (const [name, entry] of entriesOf(step)) {
      const options =
        methodKeys(entry.schema)
          .filter((k) => k !== "method")
          .map((k) => `\`${k}\``)
          .join(", ") || "—";
      lines.push(`| \`${name}\` | ${options} | ${entry.label.zh} | ${entry.doc.replace(/\|/g, "\\|")} |`);
    }
  }
  lines.push(METHODS_TABLE_END);
  return lines.join("\n");
}

/** `text` with its methods tables replaced by the registry's (appended when it has none yet). */
export function withMethodsTable(text: string): string {
  const a = text.indexOf(METHODS_TABLE_START);
  const b = text.indexOf(METHODS_TABLE_END);
  if (a < 0 || b < a) return `${text.trimEnd()}\n\n${methodsMarkdown()}\n`;
  return text.slice(0, a) + methodsMarkdown() + text.slice(b + METHODS_TABLE_END.length);
}

export { methodKeys, methodName, type MethodEntry, type MethodLabels } from "./entry";
export { AGGREGATE_METHODS, AGGREGATE_REGISTRY, type AggregateMethod } from "./aggregate";
export { IMPUTE_METHODS, IMPUTE_REGISTRY, type ImputeMethod } from "./impute";
export { NORMALIZE_METHODS, NORMALIZE_REGISTRY, type NormalizeMethod } from "./normalize";
export { TREAT_METHODS, TREAT_REGISTRY, type TreatMethod } from "./treat";
