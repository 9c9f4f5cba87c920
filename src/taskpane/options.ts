/** The pipeline options form as plain values, and its translation to and from the engine's spec input. */
import {
  parseSpec,
  type SpecInput,
  entriesOf,
  methodKeys,
  perStep,
  type MethodStep,
  IndexInputError,
} from "../core/engine";
import type { MessageKey } from "./i18n";

export type StepName = MethodStep;

/** Every parameter input of the form; text as typed, parsed on submit. */
export type ParamName =
  "group" | "winmax" | "skewThreshold" | "kurtThreshold" | "low" | "high" | "mean" | "sd" | "scale" | "cap" | "p";

export interface OptionsForm {
  methods: Record<StepName, string>;
  params: Record<ParamName, string>;
}

export const PARAM_LABELS: Record<ParamName, MessageKey> = {
  group: "imputeGroup",
  winmax: "winmax",
  skewThreshold: "skewThreshold",
  kurtThreshold: "kurtThreshold",
  low: "low",
  high: "high",
  mean: "mean",
  sd: "sd",
  scale: "scale",
  cap: "cap",
  p: "power",
};

/** Each step's choices, in the registry's order (src/core/methods). */
export const STEP_METHODS: Record<StepName, readonly string[]> = perStep((step) =>
  entriesOf(step).map(([name]) => name),
);

/** Options of a method that the pane does not show: they keep the engine's default. */
export const OPTIONS_NOT_IN_PANE: ReadonlySet<string> = new Set(["fallback"]);

/** Which parameters each method takes (the rest are hidden): its schema's keys. */
export const METHOD_PARAMS: Record<StepName, Record<string, readonly ParamName[]>> = perStep((step) =>
  Object.fromEntries(
    entriesOf(step)
      .map(
        ([name, entry]) =>
          [name, methodKeys(entry.schema).filter((key): key is ParamName => key in PARAM_LABELS)] as const,
      )
      .filter(([, params]) => params.length > 0),
  ),
);

const TEXT_PARAMS: ReadonlySet<ParamName> = new Set(["group"]);
const BOOLEAN_PARAMS: ReadonlySet<ParamName> = new Set(["cap"]);

/** Each parameter's default from its method's schema (a method chosen alone fills its defaults in). */
const REGISTRY_DEFAULTS: Partial<Record<ParamName, string>> = Object.fromEntries(
  (Object.keys(METHOD_PARAMS) as StepName[]).flatMap((step) =>
    entriesOf(step).flatMap(([name, entry]) => {
      const parsed = entry.schema.safeParse({ method: name });
      if (!parsed.success) return []; // a required option (group, p) has no default
      const values = parsed.data as Record<string, unknown>;
      return (METHOD_PARAMS[step][name] ?? [])
        .filter((param) => values[param] !== undefined)
        .map((param) => [param, String(values[param])]);
    }),
  ),
);

/** The engine's defaults, so that the form starts where the command line does. */
export function defaultOptions(): OptionsForm {
  const spec = parseSpec(undefined);
  return {
    methods: {
      impute: spec.impute.method,
      treat: spec.treat.method,
      normalize: spec.normalize.method,
      aggregate: spec.aggregate.method,
    },
    // p has no engine default (power needs it): the form suggests 2, the quadratic mean.
    params: {
      group: "",
      winmax: "",
      skewThreshold: "",
      kurtThreshold: "",
      low: "",
      high: "",
      mean: "",
      sd: "",
      scale: "",
      cap: "",
      p: "2",
      ...REGISTRY_DEFAULTS,
    },
  };
}

export interface FieldError {
  /** "normalize.high", "aggregate.p", or a step name when the method itself is wrong. */
  field: string;
  message: string;
}

/** Form → spec input accepted by parseSpec; errors name the form field. */
export function optionsToSpecInput(form: OptionsForm): { spec: SpecInput; errors: FieldError[] } {
  const spec: SpecInput = {};
  const errors: FieldError[] = [];
  for (const step of Object.keys(STEP_METHODS) as StepName[]) {
    const method = form.methods[step];
    const block: Record<string, unknown> = { method };
    for (const param of METHOD_PARAMS[step][method] ?? []) {
      const text = (form.params[param] ?? "").trim();
      if (TEXT_PARAMS.has(param)) block[param] = text;
      else if (BOOLEAN_PARAMS.has(param)) block[param] = text === "true";
      else if (text === "") errors.push({ field: `${step}.${param}`, message: "a number is needed" });
      else if (!Number.isFinite(Number(text)))
        errors.push({ field: `${step}.${param}`, message: `"${text}" is not a number` });
      else block[param] = Number(text);
    }
    spec[step] = block;
  }
  if (errors.length === 0) {
    try {
      parseSpec(spec);
    } catch (error) {
      if (!(error instanceof IndexInputError)) throw error;
      for (const issue of error.issues) errors.push({ field: issue.column ?? "options", message: issue.message });
    }
  }
  return { spec, errors };
}

/** Spec input (stored in the workbook) → form; unknown or missing values keep the defaults. */
export function specInputToOptions(spec: SpecInput | null | undefined): OptionsForm {
  const form = defaultOptions();
  if (!spec) return form;
  for (const step of Object.keys(STEP_METHODS) as StepName[]) {
    const raw = spec[step];
    const block = typeof raw === "string" ? { method: raw } : raw;
    if (typeof block !== "object" || block === null) continue;
    const values = block as Record<string, unknown>;
    if (typeof values.method === "string" && STEP_METHODS[step].includes(values.method))
      form.methods[step] = values.method;
    for (const param of METHOD_PARAMS[step][form.methods[step]] ?? []) {
      const value = values[param];
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
        form.params[param] = String(value);
    }
  }
  return form;
}
