/**
 * The Method section (issue 15): the method in force, read from the Settings sheet, pre-filled and
 * editable for every step. Whatever differs from Settings is marked (● and, for screen readers, the
 * Settings value in the label) and listed; "Save to Settings" writes only those keys back. The run
 * takes the unsaved changes as overrides on top of Settings (runOptions), never silently.
 */
import type { Language } from "../core/engine";
import type { MethodStep } from "../core/engine";
import type { SpecInput } from "../core/engine";
import {
  errorMessages,
  sourceText,
  type AddinService,
  type SettingValue,
  type StoredChoice,
  type TableSource,
} from "../excel/service";
import { hasText, tp, type PaneKey } from "./i18n";
import type { MessageKey } from "./i18n";
import {
  checkValues,
  differences,
  exceptionCodes,
  flattenOptions,
  methodOf,
  overridesOf,
  PANEL_STEPS,
  removePrefix,
  setValue,
  stepFields,
  stepOfKey,
  valuesOf,
  type Difference,
  type Field,
  type MethodValues,
  type PanelStep,
} from "./method-model";

export interface MethodPanelDeps {
  service: Pick<AddinService, "readMethodSettings" | "saveMethodSettings">;
  language: () => Language;
  /** Saving created or grew the Settings source: the pane's choice must use the new one. */
  onSettingsSource?: (source: TableSource) => void;
}

export interface MethodPanel {
  /** Reads Settings (and the Framework's nodes) and shows them, with `pending` (a stored choice's unsaved options) applied as changes. */
  load(choice: Pick<StoredChoice, "settings" | "framework">, pending?: SpecInput): Promise<void>;
  render(): void;
  /** What a run takes from the panel: overrides of the unsaved changes (null: none), their count, and problems that block a run. */
  runOptions(): { options: SpecInput | null; changes: number; errors: string[] };
}

const STEP_TITLES: Record<PanelStep, PaneKey | MessageKey> = {
  denominate: "mp.denominate",
  impute: "impute",
  screen: "mp.screen",
  treat: "treat",
  normalize: "normalize",
  aggregate: "aggregate",
  weights: "mp.weights",
};
const PARAM_KEYS: Record<string, PaneKey | MessageKey> = { group: "imputeGroup", p: "power", fallback: "mp.fallback" };

export function mountMethodPanel(host: HTMLElement, deps: MethodPanelDeps): MethodPanel {
  const doc = host.ownerDocument;
  let base: MethodValues = new Map();
  let values: MethodValues = new Map();
  let source: TableSource | null = null;
  let nodes: { code: string; level: number }[] = [];
  let maxLevel = 0;
  let loaded = false;
  let loadProblems: string[] = [];
  let status = "";
  let busy = false;
  const lang = () => deps.language();
  const text = (key: PaneKey | MessageKey, params: Record<string, string | number> = {}) => tp(lang(), key, params);
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Partial<HTMLElementTagNameMap[K]> = {},
  ): HTMLElementTagNameMap[K] => Object.assign(doc.createElement(tag), props);
  const idOf = (key: string) => `mp-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;

  const valueText = (key: string, value: SettingValue | null | undefined): string => {
    if (value === null || value === undefined || value === "") return text("mp.notSet");
    if (typeof value === "boolean") return value ? "✓" : "✗";
    if (/\.method$/.test(key) && hasText(`method.${value}`)) return text(`method.${value}` as MessageKey);
    return String(value);
  };
  const choiceText = (field: Field, choice: string): string => {
    if (choice === "") return field.key.includes(".byLevel.") ? text("mp.sameAsAll") : text("mp.notSet");
    if (field.key.endsWith(".method"))
      return hasText(`method.${choice}`) ? text(`method.${choice}` as MessageKey) : choice;
    const own = `mp.${field.label}.${choice}`;
    return hasText(own) ? text(own as PaneKey) : choice;
  };
  const fieldLabel = (field: Field): string => {
    if (field.key.startsWith("weights.")) return field.label;
    const byLevel = /^aggregate\.byLevel\.(\d+)\.method$/.exec(field.key);
    if (byLevel) return text("mp.level", { level: byLevel[1]! });
    const byIndicator = /^normalize\.byIndicator\.([^.]+)\.method$/.exec(field.key);
    if (byIndicator) return text("mp.exceptionFor", { code: byIndicator[1]! });
    if (field.key.endsWith(".method")) return text("mp.levelMethod"); // the step's title is the legend above
    const key = PARAM_KEYS[field.label] ?? field.label;
    return hasText(key) ? text(key as MessageKey) : field.label;
  };

  /** "Outliers · Max. points winsorized" for a key (the list of changes); keys of no step stay as written. */
  const keyLabel = (key: string): string => {
    const step = stepOfKey(key);
    if (!step) return key;
    const rest = key.slice(step.length + 1);
    const param = rest.split(".").pop() ?? rest;
    const level = /^byLevel\.(\d+)\./.exec(rest)?.[1];
    const code = /^byIndicator\.([^.]+)\./.exec(rest)?.[1];
    const name =
      step === "weights" || rest === ""
        ? rest
        : param === "method"
          ? text("mp.levelMethod")
          : hasText(PARAM_KEYS[param] ?? param)
            ? text((PARAM_KEYS[param] ?? param) as MessageKey)
            : param;
    return [text(STEP_TITLES[step]), level && text("mp.level", { level }), code, name].filter(Boolean).join(" · ");
  };

  /** One labelled control; the label carries the change mark and, for screen readers, the Settings value. */
  const renderField = (field: Field, changed: Map<string, Difference>, removable?: string): HTMLElement => {
    const wrap = el("div", { className: "field mp-field" });
    const id = idOf(field.key);
    const current = values.get(field.key);
    const diff = changed.get(field.key);
    const label = el("label", { htmlFor: id });
    let control: HTMLInputElement | HTMLSelectElement;
    if (field.kind === "select") {
      const select = el("select", { id, className: "control" });
      for (const choice of field.choices ?? []) select.append(new Option(choiceText(field, choice), choice));
      select.value =
        current !== undefined
          ? String(current)
          : field.choices?.includes("")
            ? ""
            : field.key.endsWith(".method")
              ? methodOf(values, field.key.split(".")[0] as MethodStep)
              : String(field.fallback ?? "");
      select.addEventListener("change", () => update(field.key, select.value === "" ? null : select.value, true));
      control = select;
    } else if (field.kind === "checkbox") {
      const box = el("input", {
        id,
        type: "checkbox",
        checked: current === undefined ? field.fallback === true : current === true,
      });
      box.addEventListener("change", () => update(field.key, box.checked, true));
      control = box;
    } else {
      const input = el("input", { id, className: "control", value: current === undefined ? "" : String(current) });
      input.type = field.kind === "number" ? "number" : "text";
      if (field.kind === "number") input.step = "any";
      if (field.fallback !== undefined) input.placeholder = text("mp.default", { value: String(field.fallback) });
      input.addEventListener("input", () =>
        update(
          field.key,
          input.value.trim() === ""
            ? null
            : field.kind === "number" && Number.isFinite(Number(input.value))
              ? Number(input.value)
              : input.value,
          false,
        ),
      );
      control = input;
    }
    const mark = el("span", { className: "mp-mark", textContent: diff ? " ●" : "" });
    mark.setAttribute("aria-hidden", "true");
    const sr = el("span", {
      className: "visually-hidden",
      textContent: diff ? ` (${text("mp.changedFrom", { value: valueText(field.key, diff.before) })})` : "",
    });
    if (field.kind === "checkbox") {
      label.className = "check";
      label.append(control, ` ${fieldLabel(field)}`, mark, sr);
      wrap.append(label);
    } else {
      label.append(fieldLabel(field), mark, sr);
      const row = el("div", { className: "input-row" });
      row.append(control);
      if (removable) {
        const remove = el("button", { type: "button", className: "button small", textContent: "✕" });
        remove.setAttribute("aria-label", text("mp.remove", { name: fieldLabel(field) }));
        remove.addEventListener("click", () => {
          values = removePrefix(values, removable);
          render();
        });
        row.append(remove);
      }
      wrap.append(label, row);
    }
    if (diff) wrap.classList.add("changed");
    // Parameters sit two to a row (the pane is narrow; a method with its three limits stays on one screen).
    if (
      !field.key.endsWith(".method") &&
      !field.key.startsWith("weights.") &&
      field.kind !== "checkbox" &&
      field.key.split(".").length === 2
    )
      wrap.classList.add("mp-param");
    wrap.dataset.key = field.key;
    return wrap;
  };

  /** A select that adds an entry (an indicator's own normalization, a weight) from the Framework's codes. */
  const adder = (labelKey: PaneKey, codes: string[], add: (code: string) => void): HTMLElement => {
    const wrap = el("div", { className: "field" });
    const id = `mp-add-${labelKey.replace(/\W/g, "-")}`;
    const select = el("select", { id, className: "control" });
    select.append(new Option(text("mp.pick"), ""));
    for (const code of codes) select.append(new Option(code, code));
    select.addEventListener("change", () => {
      if (select.value) add(select.value);
    });
    wrap.append(el("label", { htmlFor: id, textContent: text(labelKey) }), select);
    return wrap;
  };

  const update = (key: string, value: SettingValue | null, rerender: boolean) => {
    values = setValue(values, base, key, value);
    status = "";
    if (rerender) render(key);
    else renderMarks();
  };

  function render(focusKey?: string): void {
    const focused = focusKey ? idOf(focusKey) : (doc.activeElement as HTMLElement | null)?.id;
    host.replaceChildren();
    host.classList.add("method-panel");
    if (!loaded) {
      host.append(el("p", { className: "muted", textContent: text("mp.loading") }));
      return;
    }
    host.append(
      el("p", {
        className: "muted",
        textContent: source ? text("mp.intro", { source: sourceText(source) }) : text("mp.noSettings"),
      }),
    );
    for (const problem of loadProblems) host.append(el("p", { className: "field-error", textContent: problem }));
    const changed = new Map(differences(base, values).map((d) => [d.key, d]));
    const problems = checkValues(values);
    for (const step of PANEL_STEPS) {
      const box = el("fieldset", { className: "mp-step" });
      box.dataset.step = step;
      if (step !== "denominate") box.append(el("legend", { textContent: text(STEP_TITLES[step]) }));
      const fields = stepFields(step, values, maxLevel);
      for (const field of fields) {
        const exception = /^(normalize\.byIndicator\.[^.]+)\.method$/.exec(field.key)?.[1];
        const weight = field.key.startsWith("weights.") ? field.key : undefined;
        if (field.key === "normalize.byIndicator." + (exceptionCodes(values)[0] ?? "") + ".method")
          box.append(el("p", { className: "mp-sub", textContent: text("mp.exceptions") }));
        if (field.key.startsWith("aggregate.byLevel.") || field.key.startsWith("normalize.byIndicator.")) {
          const f = renderField(field, changed, exception);
          f.classList.add("mp-indent");
          box.append(f);
        } else box.append(renderField(field, changed, weight));
      }
      if (step === "normalize") {
        const taken = new Set(exceptionCodes(values));
        const global = methodOf(values, "normalize");
        box.append(
          adder(
            "mp.addException",
            nodes.filter((n) => n.level === 1 && !taken.has(n.code)).map((n) => n.code),
            (code) => {
              values = setValue(values, base, `normalize.byIndicator.${code}.method`, global);
              render(`normalize.byIndicator.${code}.method`);
            },
          ),
        );
      }
      if (step === "weights") {
        const has = fields.length > 0;
        box.insertBefore(
          el("p", { className: "muted", textContent: text(has ? "mp.weightsOverride" : "mp.weightsFramework") }),
          box.children[1] ?? null,
        );
        box.append(
          adder(
            "mp.addWeight",
            nodes.filter((n) => !values.has(`weights.${n.code}`)).map((n) => n.code),
            (code) => {
              values = setValue(values, base, `weights.${code}`, 1);
              render(`weights.${code}`);
            },
          ),
        );
      }
      const mine = problems.filter((p) => stepOfKey(p.key) === step);
      if (mine.length > 0) {
        const error = el("p", {
          className: "field-error",
          id: `mp-error-${step}`,
          textContent: mine.map((p) => `${p.key}: ${p.message}`).join("; "),
        });
        box.append(error);
        for (const control of box.querySelectorAll("input, select")) {
          control.setAttribute("aria-invalid", "true");
          control.setAttribute("aria-describedby", error.id);
        }
      }
      host.append(box);
    }
    const other = problems.filter((p) => stepOfKey(p.key) === null);
    if (other.length > 0)
      host.append(
        el("p", { className: "field-error", textContent: other.map((p) => `${p.key}: ${p.message}`).join("; ") }),
      );
    const summary = el("div", { className: "mp-summary" });
    summary.append(el("p", { id: "mp-status", className: "mp-status" }));
    summary.lastElementChild!.setAttribute("role", "status");
    summary.append(el("ul", { id: "mp-changes", className: "mp-changes" }));
    const actions = el("div", { className: "input-row mp-actions" });
    const save = el("button", {
      id: "mp-save",
      type: "button",
      className: "button primary",
      textContent: text("mp.save"),
    });
    const undo = el("button", { id: "mp-undo", type: "button", className: "button", textContent: text("mp.revert") });
    save.addEventListener("click", () => void saveToSettings());
    undo.addEventListener("click", () => {
      values = new Map(base);
      status = "";
      render();
    });
    actions.append(save, undo);
    summary.append(actions);
    host.append(summary);
    renderMarks();
    if (focused) doc.getElementById(focused)?.focus();
  }

  /** The change marks, the list of changes and the buttons, without rebuilding the fields (typing keeps its focus). */
  function renderMarks(): void {
    const changed = differences(base, values);
    const byKey = new Map(changed.map((d) => [d.key, d]));
    for (const wrap of host.querySelectorAll<HTMLElement>(".mp-field")) {
      const diff = byKey.get(wrap.dataset.key!);
      wrap.classList.toggle("changed", Boolean(diff));
      wrap.querySelector(".mp-mark")!.textContent = diff ? " ●" : "";
      wrap.querySelector(".visually-hidden")!.textContent = diff
        ? ` (${text("mp.changedFrom", { value: valueText(diff.key, diff.before) })})`
        : "";
    }
    const list = host.querySelector("#mp-changes");
    list?.replaceChildren();
    for (const d of changed)
      list?.append(
        el("li", { textContent: `${keyLabel(d.key)}: ${valueText(d.key, d.before)} → ${valueText(d.key, d.value)}` }),
      );
    const statusLine = host.querySelector("#mp-status");
    if (statusLine)
      statusLine.textContent =
        status ||
        (changed.length === 0
          ? text("mp.same")
          : changed.length === 1
            ? text("mp.changesOne")
            : text("mp.changesMany", { n: changed.length }));
    const blocked = checkValues(values).length > 0;
    const save = host.querySelector<HTMLButtonElement>("#mp-save");
    const undo = host.querySelector<HTMLButtonElement>("#mp-undo");
    if (save) save.disabled = busy || changed.length === 0 || blocked || !deps.service.saveMethodSettings;
    if (undo) undo.disabled = busy || changed.length === 0;
  }

  async function saveToSettings(): Promise<void> {
    if (!deps.service.saveMethodSettings) return;
    busy = true;
    renderMarks();
    try {
      const saved = await deps.service.saveMethodSettings(source, differences(base, values));
      const grew = !source || JSON.stringify(saved.source) !== JSON.stringify(source);
      source = saved.source;
      base = valuesOf(saved.entries);
      values = new Map(base);
      status = text("mp.saved", { sheet: sourceText(saved.source) });
      if (grew) deps.onSettingsSource?.(saved.source);
    } catch (error) {
      status = errorMessages(error).join(" ");
    } finally {
      busy = false;
      render();
    }
  }

  const panel: MethodPanel = {
    async load(choice, pending) {
      loaded = false;
      render();
      if (!deps.service.readMethodSettings) return;
      try {
        const read = await deps.service.readMethodSettings(choice);
        base = valuesOf(read.entries);
        source = read.source;
        nodes = read.nodes;
        maxLevel = read.maxLevel;
        loadProblems = read.problems;
      } catch (error) {
        base = new Map();
        source = choice.settings;
        loadProblems = errorMessages(error);
      }
      values = new Map(base);
      for (const [key, value] of flattenOptions(pending ?? {})) {
        if (value === null) values.delete(key);
        else values.set(key, value);
      }
      loaded = true;
      status = "";
      render();
    },
    render: () => render(),
    runOptions() {
      if (!loaded) return { options: null, changes: 0, errors: [] };
      const changes = differences(base, values);
      const problems = checkValues(values);
      if (problems.length > 0) render(); // typing re-renders only the marks: show the problems on their step now
      return {
        options: overridesOf(changes),
        changes: changes.length,
        errors: problems.map((p) => `${p.key}: ${p.message}`),
      };
    },
  };
  render();
  return panel;
}
