/** The task pane's DOM: renders what the controller says and reads the form. No Excel calls here. */
import type { DataCells, RefreshReport } from "../excel/service";
import { cellLabel, splitCellRefs } from "./cell-refs";
import type { PaneController, PaneView, ResultsCard, SourceFieldError, SourcesForm } from "./controller";
import { t, type MessageKey } from "./i18n";
import type { Language } from "../core/engine";
import {
  METHOD_PARAMS,
  PARAM_LABELS,
  STEP_METHODS,
  defaultOptions,
  type OptionsForm,
  type ParamName,
  type StepName,
} from "./options";

const STEP_LABELS: Record<StepName, MessageKey> = {
  impute: "impute",
  treat: "treat",
  normalize: "normalize",
  aggregate: "aggregate",
};

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`taskpane.html has no #${id}`);
  return element as T;
}

export class DomView implements PaneView {
  private language: Language = "en";
  // Method panel (issue 15): the old options form (#steps) is gone when the pane has the method panel.
  private readonly steps = document.getElementById("steps") as HTMLDivElement | null;
  private controller: PaneController | null = null;
  /** The last card's Data cells, to label cell references in errors too. */
  private dataCells: DataCells | undefined;

  constructor() {
    if (this.steps) this.buildOptionsForm();
  }

  /** Wires the controls to the controller; every control is a native button/input, so keyboard use works. */
  bind(controller: PaneController, hasSelection: boolean): void {
    this.controller = controller;
    for (const toggle of document.querySelectorAll<HTMLButtonElement>(".section-toggle")) {
      toggle.addEventListener("click", () => this.openSection(toggle, toggle.getAttribute("aria-expanded") !== "true"));
    }
    // Editing the sources or the method after a run makes the results shown out of date.
    for (const id of ["section-data-body", "section-method-body"]) {
      for (const type of ["input", "change"]) byId(id).addEventListener(type, () => controller.inputsChanged());
    }
    byId("template-create").addEventListener("click", () => {
      const kind = (document.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value ?? "ieci") as
        "ieci" | "blank";
      void controller.createTemplate(kind);
    });
    byId("detect").addEventListener("click", () => void controller.detect());
    byId("compute").addEventListener("click", () => void controller.compute());
    byId<HTMLInputElement>("auto-refresh").addEventListener(
      "change",
      (event) => void controller.setAutoRefresh((event.target as HTMLInputElement).checked),
    );
    byId<HTMLSelectElement>("language").addEventListener("change", (event) =>
      controller.setLanguage((event.target as HTMLSelectElement).value as Language),
    );
    for (const button of document.querySelectorAll<HTMLButtonElement>("[data-use-selection]")) {
      button.hidden = !hasSelection;
      button.addEventListener(
        "click",
        () => void controller.useSelection(button.dataset.useSelection as "data" | "framework"),
      );
    }
    // Enter in a text field computes, as in Office dialogs. One listener on the pane that asks the element's
    // type property, not its attribute: the production HTML minifier drops type="text" as the default.
    // Not while an IME composes (Enter then commits the pinyin), not in the Analysis section (its own Run).
    byId("app").addEventListener("keydown", (event) => {
      const target = event.target;
      if (event.key !== "Enter" || event.isComposing || !(target instanceof HTMLInputElement) || target.type !== "text")
        return;
      if (target.closest("[data-analysis-root]")) return;
      void controller.compute();
    });
  }

  setLanguage(language: Language): void {
    this.language = language;
    document.documentElement.lang = language;
    byId<HTMLSelectElement>("language").value = language;
    for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]"))
      element.textContent = t(language, element.dataset.i18n as MessageKey);
    for (const element of document.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) {
      element.placeholder = t(language, element.dataset.i18nPlaceholder as MessageKey);
    }
    for (const option of document.querySelectorAll<HTMLOptionElement>("option[data-method]"))
      option.textContent = t(language, `method.${option.dataset.method}` as MessageKey);
    document.title = t(language, "title");
    this.syncOptionsEnabled();
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
    for (const step of Object.keys(STEP_METHODS) as StepName[])
      byId<HTMLSelectElement>(`method-${step}`).value = form.methods[step];
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
    for (const step of Object.keys(STEP_METHODS) as StepName[])
      form.methods[step] = byId<HTMLSelectElement>(`method-${step}`).value;
    for (const param of Object.keys(form.params) as ParamName[]) {
      const input = byId<HTMLInputElement>(`param-${param}`);
      form.params[param] = input.type === "checkbox" ? String(input.checked) : input.value;
    }
    return form;
  }

  setBusy(busy: boolean): void {
    byId("app").setAttribute("aria-busy", String(busy));
    // Section headers stay usable: one can read another section while a run goes on.
    for (const button of document.querySelectorAll<HTMLButtonElement>(
      "main button:not(.section-toggle):not(.method-panel button)",
    ))
      button.disabled = busy;
    byId("spinner").hidden = !busy;
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
    this.fillMessages(byId("error-list"), messages);
    byId("errors").hidden = messages.length === 0;
  }

  showFieldErrors(errors: SourceFieldError[]): void {
    for (const slot of document.querySelectorAll<HTMLElement>("[data-error-for]")) {
      const field = slot.dataset.errorFor!;
      const mine = errors.filter((error) => error.field === field);
      slot.textContent = mine.map((error) => error.message).join("; ");
      const input = slot.parentElement?.querySelector<HTMLInputElement | HTMLSelectElement>("input, select");
      if (input) input.setAttribute("aria-invalid", String(mine.length > 0));
      // "Did you mean Framework?": one click puts the name in the field.
      const suggestion = mine.find((error) => error.suggestion)?.suggestion;
      if (suggestion && input) {
        const fix = element("button", {
          type: "button",
          className: "link-button",
          textContent: t(this.language, "useSuggestion", { name: suggestion }),
        });
        fix.addEventListener("click", () => {
          input.value = withSheetName(input.value, suggestion);
          input.setAttribute("aria-invalid", "false");
          slot.textContent = "";
          input.focus();
        });
        slot.append(" ", fix);
      }
    }
    const placed = new Set(
      Array.from(document.querySelectorAll<HTMLElement>("[data-error-for]"), (slot) => slot.dataset.errorFor),
    );
    const unplaced = errors.filter((error) => !placed.has(error.field));
    if (unplaced.length > 0) this.showErrors(unplaced.map((error) => `${error.field}: ${error.message}`));
  }

  showCard(card: ResultsCard | null): void {
    byId("results-card").hidden = card === null;
    this.dataCells = card?.summary.dataCells ?? this.dataCells;
    if (!card) return;
    const { summary } = card;
    this.showRunLine(card);
    this.showRefresh(card.refresh);
    const editions = summary.editions;
    // Editions: a selector over the editions (the sheets show `shown`) and each unit's rank change between editions.
    byId("edition-picker").hidden = !editions;
    const select = byId<HTMLSelectElement>("edition-select");
    select.replaceChildren();
    (editions?.times ?? []).forEach((time, k) =>
      select.append(new Option(String(time), String(k), false, k === editions!.shown)),
    );
    select.onchange = () => this.showTop(card, Number(select.value));
    this.showTop(card, editions?.shown ?? 0);
    const exceptions = summary.exceptions ?? [];
    fillList(
      byId("exception-list"),
      exceptions.map((e) => {
        const parts = [
          e.normalize && t(this.language, "exceptionNormalize", { method: e.normalize }),
          e.treat && t(this.language, "exceptionTreat", { method: e.treat }),
        ];
        const from = t(this.language, e.source === "spec" ? "exceptionFromSpec" : "exceptionFromFramework");
        return `${e.indicator}: ${parts.filter(Boolean).join("; ")} (${from})`;
      }),
    );
    byId("exceptions").hidden = exceptions.length === 0;
    const warnings = summary.localizedWarnings?.[this.language] ?? summary.warnings;
    // The bar says these are warnings; the engine's "Warning: " prefix would say it again on every line.
    this.fillMessages(
      byId("warning-list"),
      warnings.map((w) => w.replace(/^(Warning: |警告：)/, "")),
    );
    byId("warnings-heading").textContent = warningCount(this.language, warnings.length);
    byId("warnings").hidden = warnings.length === 0;
  }

  setSectionOpen(section: string, open: boolean, secondary = false): void {
    const box = document.querySelector<HTMLElement>(`.pane-section[data-section="${section}"]`);
    const toggle = box?.querySelector<HTMLButtonElement>(".section-toggle");
    if (!box || !toggle) return;
    box.classList.toggle("secondary", secondary);
    this.openSection(toggle, open);
  }

  private openSection(toggle: HTMLButtonElement, open: boolean): void {
    toggle.setAttribute("aria-expanded", String(open));
    byId(toggle.getAttribute("aria-controls")!).hidden = !open;
  }

  /** "Ranked 37 units · 1 warning · 0.2 s · Go to Results", and "Out of date" with the reason when it no longer holds. */
  private showRunLine(card: ResultsCard): void {
    const { summary } = card;
    const line = byId("run-line");
    line.replaceChildren();
    const count = summary.unitCount ?? summary.ranking?.length ?? summary.top.length;
    const parts: (string | Node)[] = [
      t(this.language, "ranked", { count: count.toLocaleString(this.language) }),
      warningCount(this.language, summary.warnings.length),
    ];
    if (summary.durationMs !== undefined)
      parts.push(t(this.language, "seconds", { seconds: seconds(summary.durationMs, this.language) }));
    const resultsSheet = summary.sheets[0];
    if (resultsSheet) parts.push(this.cellLink(resultsSheet, "A1", t(this.language, "goToResults")));
    parts.forEach((part, k) => {
      if (k > 0) line.append(element("span", { className: "sep", textContent: "·", ariaHidden: "true" }));
      line.append(
        typeof part === "string" ? element("span", { className: k === 0 ? "" : "meta", textContent: part }) : part,
      );
    });
    if (card.stale) line.append(element("span", { className: "badge", textContent: t(this.language, "outOfDate") }));
    const note = byId("stale-note");
    note.hidden = card.stale === null;
    note.textContent =
      card.stale === "inputs"
        ? t(this.language, "staleInputs")
        : card.stale === "failed"
          ? t(this.language, "staleFailed", { time: clock(card.finishedAt, this.language) })
          : "";
    byId("results-card").classList.toggle("stale", card.stale !== null);
  }

  /** "Refreshed 14:03 after an edit in Data!E2 · London 1→3". */
  private showRefresh(refresh: ResultsCard["refresh"]): void {
    const bar = byId("refresh-report");
    bar.hidden = refresh === null;
    if (!refresh) return;
    bar.className = `message-bar ${refresh.failed ? "error" : "info"}`;
    const text = byId("refresh-text");
    text.replaceChildren();
    const time = clock(refresh.at, this.language);
    const head = refresh.failed
      ? t(this.language, "refreshFailedAt", { time })
      : refresh.edit
        ? t(this.language, "refreshedAfterEdit", { time, cell: "\u0000" })
        : t(this.language, "refreshed", { time });
    const [before, after = ""] = head.split("\u0000");
    text.append(before!);
    if (refresh.edit && !refresh.failed) {
      text.append(
        this.cellLink(
          refresh.edit.sheet,
          refresh.edit.address,
          `${quotedSheet(refresh.edit.sheet)}!${refresh.edit.address}`,
        ),
      );
      const label = cellLabel(this.dataCells, refresh.edit.sheet, refresh.edit.address);
      if (label) text.append(element("span", { className: "cell-label", textContent: ` (${label})` }));
    }
    text.append(after);
    if (refresh.failed) return;
    text.append(" · ", element("span", { className: "refresh-moves", textContent: movesText(refresh, this.language) }));
  }

  private showTop(card: ResultsCard, edition: number): void {
    const { summary, previous } = card;
    const body = byId("top-body");
    body.replaceChildren();
    const editions = summary.editions;
    const rows: { rank: number; code: string; name: string; score: number; change?: number | null }[] = editions
      ? (editions.tops[edition] ?? [])
      : summary.top;
    // The change column: between editions with editions, else against the previous run in this pane.
    const heading = byId("change-heading");
    heading.hidden = !editions && !previous;
    heading.textContent = t(this.language, editions ? "rankChange" : "changeVsRun");
    for (const row of rows.slice(0, 10)) {
      const tr = document.createElement("tr");
      // textContent only: names from the data are never parsed as HTML.
      tr.append(cell(String(row.rank)), cell(row.name || row.code), cell(formatScore(row.score, this.language), "num"));
      if (editions) tr.append(changeCell(row.change ?? null, this.language));
      else if (previous) {
        const before = previous.get(row.code);
        tr.append(changeCell(before === undefined ? undefined : before - row.rank, this.language));
      }
      body.append(tr);
    }
  }

  /** Messages with their cell references as links that select the cell, labelled with unit and indicator. */
  private fillMessages(list: HTMLElement, messages: string[]): void {
    list.replaceChildren();
    for (const message of messages) {
      const item = document.createElement("li");
      for (const part of splitCellRefs(message)) {
        if (typeof part === "string") {
          item.append(part);
          continue;
        }
        item.append(this.cellLink(part.sheet, part.address, part.text));
        const label = cellLabel(this.dataCells, part.sheet, part.address);
        if (label) item.append(element("span", { className: "cell-label", textContent: ` (${label})` }));
      }
      list.append(item);
    }
  }

  /** A link that selects the cell in Excel (a real link: Enter follows it, screen readers say "link"). */
  private cellLink(sheet: string, address: string, text: string): HTMLAnchorElement {
    const link = element("a", { className: "cell-link", href: "#", textContent: text });
    link.dataset.sheet = sheet;
    link.dataset.address = address;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      void this.controller?.goToCell(sheet, address);
    });
    return link;
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
        const input = element("input", {
          id: `param-${param}`,
          type: param === "cap" ? "checkbox" : param === "group" ? "text" : "number",
        });
        if (input.type !== "checkbox") input.className = "control";
        if (input.type === "number") input.step = "any";
        if (input.type === "checkbox") input.checked = defaults.params[param] === "true";
        else input.value = defaults.params[param];
        const error = element("p", { className: "field-error", id: `param-${param}-error` });
        error.dataset.errorFor = `${step}.${param}`;
        input.setAttribute("aria-describedby", error.id);
        box.append(paramLabel, input, error);
        params.append(box);
      }
      const stepError = element("p", { className: "field-error", id: `method-${step}-error` });
      stepError.dataset.errorFor = step;
      select.setAttribute("aria-describedby", stepError.id);
      wrapper.append(label, select, params, stepError);
      this.steps!.append(wrapper);
    }
    for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="settings"]'))
      radio.addEventListener("change", () => this.syncOptionsEnabled());
    this.syncParamVisibility();
  }

  private syncParamVisibility(): void {
    for (const step of Object.keys(STEP_METHODS) as StepName[]) {
      const used = new Set(METHOD_PARAMS[step][byId<HTMLSelectElement>(`method-${step}`).value] ?? []);
      for (const box of byId(`method-${step}`).parentElement!.querySelectorAll<HTMLElement>(".param"))
        box.hidden = !used.has(box.dataset.param as ParamName);
    }
  }

  /** With options from a Settings sheet the pane's method form is hidden, so nobody edits settings that are not used. */
  private syncOptionsEnabled(): void {
    const radio = document.getElementById("settings-sheet") as HTMLInputElement | null;
    // With the method panel (issue 15) there are no radios: the method is Settings plus the panel's marked changes.
    const fromSheet = radio?.checked ?? true;
    if (this.steps) this.steps.hidden = fromSheet;
    const note = document.getElementById("options-from-sheet");
    if (note) note.hidden = !fromSheet;
    // The closed Method section still says where the method comes from.
    byId("method-hint").textContent = t(this.language, fromSheet ? "methodFromSheet" : "methodFromPane");
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]>,
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function fillList(list: HTMLElement, items: string[]): void {
  list.replaceChildren();
  for (const text of items) list.append(Object.assign(document.createElement("li"), { textContent: text }));
}

function formatScore(score: number, language: Language): string {
  return Number.isFinite(score)
    ? score.toLocaleString(language, { maximumFractionDigits: 2, minimumFractionDigits: 2 })
    : "–";
}

function cell(text: string, className = ""): HTMLTableCellElement {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** ▲2 / ▼1 / 0 (same) / – (no earlier edition) / new; `change` is positive when the unit moved up; undefined = not ranked before. */
function changeCell(change: number | null | undefined, language: Language): HTMLTableCellElement {
  if (change === undefined) return withLabel(cell(t(language, "newEntry"), "num new"), t(language, "newEntry"));
  if (change === null) return cell("–", "num same");
  if (change > 0) return withLabel(cell(`▲${change}`, "num up"), t(language, "movedUp", { count: change }));
  if (change < 0) return withLabel(cell(`▼${-change}`, "num down"), t(language, "movedDown", { count: -change }));
  return withLabel(cell("0", "num same"), t(language, "unchanged"));
}

/** The arrows are read as words ("up 2") by screen readers and shown as a tooltip; the cell's text stays the arrow. */
function withLabel(td: HTMLTableCellElement, label: string): HTMLTableCellElement {
  td.title = label;
  td.setAttribute("aria-label", label);
  return td;
}

function warningCount(language: Language, count: number): string {
  return count === 0
    ? t(language, "warningNone")
    : count === 1
      ? t(language, "warningOne")
      : t(language, "warningMany", { count });
}

function clock(at: number, language: Language): string {
  return new Date(at).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/** A sheet name as Excel writes it in a reference: quoted when it is not a plain name. */
function quotedSheet(sheet: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** "London 1→3, Paris 3→1" (at most three, then "+2 more"), or "no rank changed". */
function movesText(refresh: RefreshReport, language: Language): string {
  if (refresh.moves.length === 0) return t(language, "noRankMoves");
  const shown = refresh.moves.slice(0, 3).map((m) => `${m.name || m.code} ${m.from}→${m.to}`);
  const more = refresh.moves.length - shown.length;
  return [shown.join(language === "zh-CN" ? "、" : ", "), more > 0 ? t(language, "moreMoves", { count: more }) : ""]
    .filter(Boolean)
    .join(" ");
}

/** The source text with its sheet (or table) name replaced: "Framwork!A1:F30" → "Framework!A1:F30", "Framwork" → "Framework". */
function withSheetName(text: string, name: string): string {
  const bang = text.lastIndexOf("!");
  return bang < 0 ? name : `${quotedSheet(name)}${text.slice(bang)}`;
}

/** "0.2" for 200 ms; "<0.1" below 50 ms, where "0.0 s" would read as no time at all. */
function seconds(ms: number, language: Language): string {
  if (ms < 50) return `<${(0.1).toLocaleString(language)}`;
  return (ms / 1000).toLocaleString(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}
