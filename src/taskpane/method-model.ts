/**
 * The method panel without the DOM (issue 15): the Settings rows as flat key → value pairs
 * ("treat.method" → "winsorize"), the fields each step shows (derived from the method registry,
 * src/core/methods), what differs from Settings, and the overrides a run takes from unsaved changes.
 */
import { IndexInputError } from "../core/engine";
import { entriesOf, type MethodStep } from "../core/engine";
import { coerceSetting, parseSpec, settingsToSpecInput, type SpecInput } from "../core/engine";
import type { SettingsChange, SettingsEntry, SettingValue } from "../excel/service";

/** Key → value, in Settings order; keys the panel does not show are carried as they are. */
export type MethodValues = Map<string, SettingValue>;

export type FieldKind = "select" | "number" | "text" | "checkbox";

export interface Field {
  key: string;
  kind: FieldKind;
  /** Message key of the label (method-panel messages, or the parameter's name). */
  label: string;
  /** A select's choices (values); "" first means "not set" (the engine's default or the global method). */
  choices?: readonly string[];
  /** What the engine uses when the key is absent (shown as the placeholder). */
  fallback?: SettingValue;
}

export type PanelStep = "denominate" | "impute" | "screen" | "treat" | "normalize" | "aggregate" | "weights";
export const PANEL_STEPS: readonly PanelStep[] = [
  "denominate",
  "impute",
  "screen",
  "treat",
  "normalize",
  "aggregate",
  "weights",
];

/** The engine's method when a step has no method key (parseSpec's defaults). */
const DEFAULT_METHOD: Record<MethodStep, string> = (() => {
  const spec = parseSpec(undefined);
  return {
    impute: spec.impute.method,
    treat: spec.treat.method,
    normalize: spec.normalize.method,
    aggregate: spec.aggregate.method,
  };
})();

interface ZodLike {
  def: { type: string; innerType?: ZodLike; defaultValue?: unknown };
  options?: readonly string[];
}

/** A method's parameters with their kind and default, read from its schema in the registry. */
export function methodParams(
  step: MethodStep,
  method: string,
): { name: string; kind: FieldKind; choices?: readonly string[]; fallback?: SettingValue }[] {
  const entry = entriesOf(step).find(([name]) => name === method)?.[1];
  if (!entry) return [];
  const shape = (entry.schema as unknown as { shape: Record<string, ZodLike> }).shape;
  return Object.keys(shape)
    .filter((name) => name !== "method")
    .map((name) => {
      let type: ZodLike = shape[name]!;
      let fallback: SettingValue | undefined;
      while (type.def.innerType) {
        if (type.def.type === "default") fallback = type.def.defaultValue as SettingValue;
        type = type.def.innerType;
      }
      const kind: FieldKind =
        type.def.type === "number"
          ? "number"
          : type.def.type === "boolean"
            ? "checkbox"
            : type.def.type === "enum"
              ? "select"
              : "text";
      return {
        name,
        kind,
        ...(type.options ? { choices: type.options } : {}),
        ...(fallback !== undefined ? { fallback } : {}),
      };
    });
}

export const methodsOf = (step: MethodStep): string[] => entriesOf(step).map(([name]) => name);

/** Settings rows → values; a key written twice counts once, its last row (as the engine reads it). */
export function valuesOf(entries: readonly SettingsEntry[]): MethodValues {
  const values: MethodValues = new Map();
  for (const { key, value } of entries) {
    values.delete(key);
    values.set(key, value);
  }
  return values;
}

export function methodOf(values: MethodValues, step: MethodStep, prefix: string = step): string {
  const method = values.get(`${prefix}.method`);
  return typeof method === "string" && method !== "" ? method : prefix === step ? DEFAULT_METHOD[step] : "";
}

/** The fields of one step, as the values now stand (a method's parameters follow the chosen method). */
export function stepFields(step: PanelStep, values: MethodValues, maxLevel: number): Field[] {
  const methodStep = (prefix: string, step: MethodStep, inherit: boolean): Field[] => {
    const method = methodOf(values, step, prefix);
    const fields: Field[] = [
      {
        key: `${prefix}.method`,
        kind: "select",
        label: inherit ? "mp.levelMethod" : step,
        choices: inherit ? ["", ...methodsOf(step)] : methodsOf(step),
      },
    ];
    for (const param of method === "" ? [] : methodParams(step, method))
      fields.push({
        key: `${prefix}.${param.name}`,
        kind: param.kind,
        label: param.name,
        ...(param.choices ? { choices: param.choices } : {}),
        ...(param.fallback !== undefined ? { fallback: param.fallback } : {}),
      });
    return fields;
  };
  switch (step) {
    case "denominate":
      return [{ key: "denominate", kind: "checkbox", label: "mp.denominate", fallback: false }];
    case "screen":
      return [
        { key: "screen.minCoverage", kind: "number", label: "mp.minCoverage" },
        { key: "screen.minNonZero", kind: "number", label: "mp.minNonZero" },
        { key: "screen.basis", kind: "select", label: "mp.basis", choices: ["", "raw", "imputed"] },
        { key: "screen.include", kind: "text", label: "mp.include" },
        { key: "screen.exclude", kind: "text", label: "mp.exclude" },
      ];
    case "aggregate": {
      const fields = methodStep("aggregate", "aggregate", false);
      for (let level = 2; level <= maxLevel; level++)
        for (const field of methodStep(`aggregate.byLevel.${level}`, "aggregate", true)) fields.push(field);
      return fields;
    }
    case "normalize": {
      const fields = methodStep("normalize", "normalize", false);
      for (const code of exceptionCodes(values))
        for (const field of methodStep(`normalize.byIndicator.${code}`, "normalize", true)) fields.push(field);
      return fields;
    }
    case "weights":
      return [...values.keys()]
        .filter((key) => key.startsWith("weights."))
        .map((key) => ({ key, kind: "number" as const, label: key.slice("weights.".length) }));
    default:
      return methodStep(step, step, false);
  }
}

/** Indicators with their own normalization in Settings (normalize.byIndicator.CODE.*), in Settings order. */
export function exceptionCodes(values: MethodValues): string[] {
  const codes = new Set<string>();
  for (const key of values.keys()) {
    const m = /^normalize\.byIndicator\.([^.]+)\./.exec(key);
    if (m) codes.add(m[1]!);
  }
  return [...codes];
}

/** Sets a key ("" or null removes it); a new method drops the old method's parameters and brings back Settings' own for it. */
export function setValue(
  values: MethodValues,
  base: MethodValues,
  key: string,
  value: SettingValue | null,
): MethodValues {
  const next = new Map(values);
  if (value === null || value === "") next.delete(key);
  else next.set(key, value);
  const m = /^(.*)\.method$/.exec(key);
  if (m) {
    const prefix = m[1]!;
    const step = prefix.split(".")[0] as MethodStep;
    const method = typeof value === "string" ? value : "";
    const keep = new Set(method === "" ? [] : methodParams(step, method).map((p) => `${prefix}.${p.name}`));
    const isParam = (k: string) =>
      k.startsWith(`${prefix}.`) &&
      k !== key &&
      k.split(".").length === prefix.split(".").length + 1 &&
      !/^(byLevel|byIndicator)$/.test(k.slice(prefix.length + 1));
    for (const k of [...next.keys()]) if (isParam(k) && !keep.has(k)) next.delete(k);
    if (methodOf(base, step, prefix) === method)
      for (const k of keep) if (base.has(k) && !next.has(k)) next.set(k, base.get(k)!);
  }
  return next;
}

/** Drops every key under a prefix (an indicator's exception, a weight). */
export function removePrefix(values: MethodValues, prefix: string): MethodValues {
  return new Map([...values].filter(([key]) => key !== prefix && !key.startsWith(`${prefix}.`)));
}

const same = (a: SettingValue | undefined, b: SettingValue | undefined) =>
  a === b || (a !== undefined && b !== undefined && coerceSetting(a) === coerceSetting(b));

export type Difference = SettingsChange & { before: SettingValue | null };

/** Every key whose value differs from Settings: changed, added (before null) or removed (value null). */
export function differences(base: MethodValues, current: MethodValues): Difference[] {
  const out: Difference[] = [];
  for (const [key, before] of base)
    if (!same(before, current.get(key))) out.push({ key, value: current.get(key) ?? null, before });
  for (const [key, value] of current) if (!base.has(key)) out.push({ key, value, before: null });
  return out;
}

/** The run's options from the unsaved changes: nested keys, null where a Settings key is removed; null when nothing changed. */
export function overridesOf(changes: readonly SettingsChange[]): SpecInput | null {
  if (changes.length === 0) return null;
  const out: SpecInput = Object.create(null) as SpecInput;
  for (const { key, value } of changes) {
    const parts = key.split(".");
    let target = out as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) {
      if (typeof target[part] !== "object" || target[part] === null)
        target[part] = Object.create(null) as Record<string, unknown>;
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = value === null ? null : coerceSetting(value);
  }
  return out;
}

/** The method the values describe, checked by the engine; problems keyed by the option path they name. */
export function checkValues(values: MethodValues): { key: string; message: string }[] {
  const { spec, issues } = settingsToSpecInput([...values].map(([key, value]) => [key, value]));
  const problems = issues.map((issue) => ({ key: String(issue.row ?? ""), message: issue.message }));
  try {
    parseSpec(spec, "Settings");
  } catch (error) {
    if (!(error instanceof IndexInputError)) throw error;
    for (const issue of error.issues) problems.push({ key: issue.column ?? "", message: issue.message });
  }
  return problems;
}

/** The step a key belongs to ("aggregate.byLevel.2.method" → aggregate); null for keys the panel does not show. */
export function stepOfKey(key: string): PanelStep | null {
  const head = key.split(".")[0]!;
  return (PANEL_STEPS as readonly string[]).includes(head) ? (head as PanelStep) : null;
}

/** Nested options (a stored choice's unsaved changes) as flat keys; null marks a removed key. */
export function flattenOptions(options: SpecInput, prefix = ""): [string, SettingValue | null][] {
  const out: [string, SettingValue | null][] = [];
  for (const [key, value] of Object.entries(options)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      for (const entry of flattenOptions(value as SpecInput, path)) out.push(entry);
    else if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      out.push([path, value]);
    else if (Array.isArray(value)) out.push([path, value.join(", ")]);
  }
  return out;
}
