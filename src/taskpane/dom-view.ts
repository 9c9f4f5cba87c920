/** The task pane's DOM: renders what the controller says and reads the form. No Excel calls here. */
import type { RunSummary } from "../excel/service";
import type { PaneController, PaneView, SourcesForm } from "./controller";
import { t, type MessageKey } from "./i18n";
import type { Language } from "../core/language";
import { METHOD_PARAMS, PARAM_LABELS, STEP_METHODS, defaultOptions, type FieldError, type OptionsForm, type ParamName, type StepName } from "./options";

const STEP_LABELS: Record<StepName, MessageKey> = { impute: "impute", treat: "treat", normalize: "normalize", aggregate: "aggregate" };

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`taskpane.html has no #${id}`);
  return element as T;
}

export class DomView implements PaneView {
  private language: Language = "en";
  // Method panel (issue 15): the old options form (#steps) is gone when the pane has the method panel.
  private readonly steps = document.getElementById("steps") as HTMLDivElement | null;

  constructor() {
    if (this.steps) this.buildOptionsForm();
  }

  /** Wires the controls to the controller; every control is a native button/input, so keyboard use works. */
  bind(controller: PaneController, hasSelection: boolean): void {
    byId("template-create").addEventListener("click", () => {
      const kind = (document.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value ?? "ieci") as "ieci" | "blank";
      void controller.createTemplate(kind);
    });
    byId("detect").addEventListener("click", () => void controller.detect());
    byId("compute").addEventListener("click", () => void controller.compute());
    byId<HTMLInputElement>("auto-refresh").addEventListener("change", (event) => void controller.setAutoRefresh((event.target as HTMLInputElement).checked));
    byId<HTMLSelectElement>("language").addEventListener("change", (event) => controller.setLanguage((event.target as HTMLSelectElement).value as Language));
    for (const button of document.querySelectorAll<HTMLButtonElement>("[data-use-selection]")) {
      button.hidden = !hasSelection;
      button.addEventListener("click", () => void controller.useSelection(button.dataset.useSelection as "data" | "framework"));
    }
    // Enter in a text field computes, as in Office dialogs. One listener on the pane that asks the element's
    // type property, not its attribute: the production HTML minifier drops type="text" as the default.
    // Not while an IME composes (Enter then commits the pinyin), not in the Analysis section (its own Run).
    byId("app").addEventListener("keydown", (event) => {
      const target = event.target;
      if (event.key !== "Enter" || event.isComposing || !(target instanceof HTMLInputElement) || target.type !== "text") return;
      if (target.closest("[data-analysis-root]")) return;
      void controller.compute();
    });
  }

  setLanguage(language: Language): void {
    this.language = language;
    document.documentElement.lang = language;
    byId<HTMLSelectElement>("language").value = language;
    for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) element.textContent = t(language, element.dataset.i18n as MessageKey);
    for (const element of document.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) {
      element.placeholder = t(language, element.dataset.i18nPlaceholder as MessageKey);
    }
    for (const option of document.querySelectorAll<HTMLOptionElement>("option[data-method]")) option.textContent = t(language, `method.${option.dataset.method}` as MessageKey);
    document.title = t(language, "title");
  }

  showSources(form: SourcesForm, hasSettingsSheet: boolean): void {
    byId<HTMLInputElement>("source-data").value = form.data;
    byId<HTMLInputElement>("source-framework").value = form.framework;
    const sheetRadio = document.getElementById("settings-sheet") as HTMLInputElement | null;
    if (!sheetRadio) return; // method panel (issue 15): no Settings radios
    sheetRadio.disabled = !hasSettingsSheet;
    sheetRadio.checked = hasSettingsSheet && form.settingsFromSheet;
    byId<HTMLInputElement>("settings-pane").checked = !sheetRadio.checked;
    this.syncOptionsEnabled();
  }

  readSources(): SourcesForm {
    return {
      data: byId<HTMLInputElement>("source-data").value,
      framework: byId<HTMLInputElement>("source-framework").value,
      settingsFromSheet: (document.getElementById("settings-sheet") as HTMLInputElement | null)?.checked ?? true,
    };
  }

  showOptions(form: OptionsForm): void {
    if (!this.steps) return; // method panel (issue 15)
    for (const step of Object.keys(STEP_METHODS) as StepName[]) byId<HTMLSelectElement>(`method-${step}`).value = form.methods[step];
    for (const [param, value] of Object.entries(form.params) as [ParamName, string][]) {
      const input = byId<HTMLInputElement>(`param-${param}`);
      if (input.type === "checkbox") input.checked = value === "true";
      else input.value = value;
    }
    this.syncParamVisibility();
  }

  readOptions(): OptionsForm {
    const form = defaultOptions();
    if (!this.steps) return form; // method panel (issue 15)
    for (const step of Object.keys(STEP_METHODS) as StepName[]) form.methods[step] = byId<HTMLSelectElement>(`method-${step}`).value;
    for (const param of Object.keys(form.params) as ParamName[]) {
      const input = byId<HTMLInputElement>(`param-${param}`);
      form.params[param] = input.type === "checkbox" ? String(input.checked) : input.value;
    }
    return form;
  }

  setBusy(busy: boolean): void {
    byId("app").setAttribute("aria-busy", String(busy));
    // The method panel (issue 15) keeps its own Save/Undo state (disabled while nothing differs from Settings).
    for (const button of document.querySelectorAll<HTMLButtonElement>("main button:not(.method-panel button)")) button.disabled = busy;
  }

  showProgress(text: string, fraction: number | null): void {
    const bar = byId<HTMLProgressElement>("progress");
    bar.hidden = fraction === null;
    if (fraction !== null) bar.value = Math.min(1, Math.max(0, fraction));
    byId("progress-text").textContent = text;
  }

  showStatus(text: string): void {
    byId("status").textContent = text;
  }

  showErrors(messages: string[]): void {
    fillList(byId("error-list"), messages);
    byId("errors").hidden = messages.length === 0;
  }

  showFieldErrors(errors: FieldError[]): void {
    for (const slot of document.querySelectorAll<HTMLElement>("[data-error-for]")) {
      const field = slot.dataset.errorFor!;
      const mine = errors.filter((error) => error.field === field);
      slot.textContent = mine.map((error) => error.message).join("; ");
      const input = slot.parentElement?.querySelector("input, select");
      if (input) input.setAttribute("aria-invalid", String(mine.length > 0));
    }
    const placed = new Set(Array.from(document.querySelectorAll<HTMLElement>("[data-error-for]"), (slot) => slot.dataset.errorFor));
    const unplaced = errors.filter((error) => !placed.has(error.field));
    if (unplaced.length > 0) this.showErrors(unplaced.map((error) => `${error.field}: ${error.message}`));
  }

  showSummary(summary: RunSummary | null): void {
    byId("summary").hidden = summary === null;
    const editions = summary?.editions;
    // Editions: a selector over the editions (the sheets show `shown`) and each unit's rank change.
    byId("edition-picker").hidden = !editions;
    byId("change-heading").hidden = !editions;
    const select = byId<HTMLSelectElement>("edition-select");
    select.replaceChildren();
    (editions?.times ?? []).forEach((time, k) => select.append(new Option(String(time), String(k), false, k === editions!.shown)));
    select.onchange = () => this.showTop(summary!, Number(select.value));
    this.showTop(summary, editions?.shown ?? 0);
    const exceptions = summary?.exceptions ?? [];
    fillList(byId("exception-list"), exceptions.map((e) => {
      const parts = [e.normalize && t(this.language, "exceptionNormalize", { method: e.normalize }), e.treat && t(this.language, "exceptionTreat", { method: e.treat })];
      const from = t(this.language, e.source === "spec" ? "exceptionFromSpec" : "exceptionFromFramework");
      return `${e.indicator}: ${parts.filter(Boolean).join("; ")} (${from})`;
    }));
    byId("exceptions").hidden = exceptions.length === 0;
    fillList(byId("warning-list"), summary?.warnings ?? []);
    byId("warnings").hidden = (summary?.warnings.length ?? 0) === 0;
  }

  private showTop(summary: RunSummary | null, edition: number): void {
    const body = byId("top-body");
    body.replaceChildren();
    const editions = summary?.editions;
    const rows: { rank: number; code: string; name: string; score: number; change?: number | null }[] = editions ? editions.tops[edition] ?? [] : summary?.top ?? [];
    for (const row of rows.slice(0, 10)) {
      const tr = document.createElement("tr");
      const cells: [string, string][] = [[String(row.rank), ""], [row.name || row.code, ""], [formatScore(row.score, this.language), "num"]];
      if (editions) {
        const change = row.change ?? null;
        cells.push([change === null ? "–" : change > 0 ? `▲${change}` : change < 0 ? `▼${-change}` : "0", "num"]);
      }
      // textContent only: names from the data are never parsed as HTML.
      for (const [text, className] of cells) {
        const td = document.createElement("td");
        td.textContent = text;
        if (className) td.className = className;
        tr.append(td);
      }
      body.append(tr);
    }
  }

  setAutoRefresh(on: boolean): void {
    byId<HTMLInputElement>("auto-refresh").checked = on;
  }

  /** One labelled select per step, each method's parameters beside it (hidden when the method has none). */
  private buildOptionsForm(): void {
    const allParams = Object.keys(PARAM_LABELS) as ParamName[];
    const defaults = defaultOptions();
    for (const step of Object.keys(STEP_METHODS) as StepName[]) {
      const wrapper = element("div", { className: "step" });
      const label = element("label", { htmlFor: `method-${step}` });
      label.dataset.i18n = STEP_LABELS[step];
      const select = element("select", { id: `method-${step}`, className: "control" });
      for (const method of STEP_METHODS[step]) {
        const option = element("option", { value: method });
        option.dataset.method = method;
        select.append(option);
      }
      select.value = defaults.methods[step];
      select.addEventListener("change", () => this.syncParamVisibility());
      const params = element("div", { className: "params" });
      const stepParams = new Set(Object.values(METHOD_PARAMS[step]).flat());
      for (const param of allParams.filter((name) => stepParams.has(name))) {
        const box = element("div", { className: "param" });
        box.dataset.param = param;
        const paramLabel = element("label", { htmlFor: `param-${param}` });
        paramLabel.dataset.i18n = PARAM_LABELS[param];
        const input = element("input", { id: `param-${param}`, type: param === "cap" ? "checkbox" : param === "group" ? "text" : "number" });
        if (input.type !== "checkbox") input.className = "control";
        if (input.type === "number") input.step = "any";
        if (input.type === "checkbox") input.checked = defaults.params[param] === "true";
        else input.value = defaults.params[param];
        const error = element("p", { className: "field-error" });
        error.dataset.errorFor = `${step}.${param}`;
        box.append(paramLabel, input, error);
        params.append(box);
      }
      const stepError = element("p", { className: "field-error" });
      stepError.dataset.errorFor = step;
      wrapper.append(label, select, params, stepError);
      this.steps!.append(wrapper);
    }
    for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="settings"]')) radio.addEventListener("change", () => this.syncOptionsEnabled());
    this.syncParamVisibility();
  }

  private syncParamVisibility(): void {
    for (const step of Object.keys(STEP_METHODS) as StepName[]) {
      const used = new Set(METHOD_PARAMS[step][byId<HTMLSelectElement>(`method-${step}`).value] ?? []);
      for (const box of byId(`method-${step}`).parentElement!.querySelectorAll<HTMLElement>(".param")) box.hidden = !used.has(box.dataset.param as ParamName);
    }
  }

  /** With options from a Settings sheet the pane's method form is hidden, so nobody edits settings that are not used. */
  private syncOptionsEnabled(): void {
    const fromSheet = byId<HTMLInputElement>("settings-sheet").checked;
    this.steps!.hidden = fromSheet;
    byId("options-from-sheet").hidden = !fromSheet;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function fillList(list: HTMLElement, items: string[]): void {
  list.replaceChildren();
  for (const text of items) list.append(Object.assign(document.createElement("li"), { textContent: text }));
}

function formatScore(score: number, language: Language): string {
  return Number.isFinite(score) ? score.toLocaleString(language, { maximumFractionDigits: 2, minimumFractionDigits: 2 }) : "–";
}
