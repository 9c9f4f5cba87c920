/** Task pane behaviour without the DOM: calls the adapter, keeps state, tells the view what to show. */
import type { Language } from "../core/engine";
import type { SpecInput } from "../core/engine";
import {
  errorMessages,
  parseSourceText,
  sourceText,
  type AddinService,
  type Detection,
  type RefreshReport,
  type RunSummary,
  type StoredChoice,
  type TableSource,
} from "../excel/service";
import { joinList } from "../core/engine";
import { t, stageText } from "./i18n";
import { closestName } from "./suggest";
import { optionsToSpecInput, specInputToOptions, type FieldError, type OptionsForm } from "./options";
import type { MethodPanel } from "./method-panel"; // method panel (issue 15)
import { tp } from "./i18n";

/** A text shown in the pane, kept as a function of the language so that a switch re-renders it. */
type Shown = (language: Language) => string;

export interface SourcesForm {
  data: string;
  framework: string;
  settingsFromSheet: boolean;
}

export interface PaneView {
  setLanguage(language: Language): void;
  showSources(form: SourcesForm, hasSettingsSheet: boolean): void;
  readSources(): SourcesForm;
  showOptions(form: OptionsForm): void;
  readOptions(): OptionsForm;
  setBusy(busy: boolean): void;
  showProgress(text: string, fraction: number | null): void;
  showStatus(text: string): void;
  /** Messages to fix, shown in an alert region; an empty list clears it. */
  showErrors(messages: string[]): void;
  showFieldErrors(errors: SourceFieldError[]): void;
  /** The results card: the last run's summary line, its state and top 10; null hides it. */
  showCard(card: ResultsCard | null): void;
  setAutoRefresh(on: boolean): void;
  /** Opens or closes a collapsible section; `secondary` de-emphasises it (the template once Data is found). */
  setSectionOpen(section: string, open: boolean, secondary?: boolean): void;
}

/** A field error that may offer a fix ("Did you mean Framework?"). */
export type SourceFieldError = FieldError & { suggestion?: string };

/** What the results card shows (issue 15). */
export interface ResultsCard {
  summary: RunSummary;
  /** Each unit's rank in the previous run shown in this pane (for ▲▼), or null on the first run. */
  previous: Map<string, number> | null;
  /** When the run finished (epoch ms). */
  finishedAt: number;
  /** Why the results no longer match the workbook: the form changed, or a later run failed. */
  stale: "inputs" | "failed" | null;
  /** The auto-refresh that produced (or failed to replace) these results. */
  refresh: (RefreshReport & { failed?: boolean }) | null;
}

/** Called after every run with its summary, so that the analysis section (issue 5) can add its views. */
export type RunListener = (summary: RunSummary, choice: StoredChoice) => void;

/** What the form was filled from: the sources (for their kinds), a Settings source and the options. */
interface FormSource {
  data: TableSource | null;
  framework: TableSource | null;
  /** A Settings sheet or table to use, or null for the pane's options. */
  settings: TableSource | null;
  spec: SpecInput;
}

export class PaneController {
  language: Language;
  private detected: FormSource | null = null;
  /** The workbook's stored choice as last seen: what the pane does not edit (report options, language, auto-refresh) is kept from it. */
  private stored: StoredChoice | null = null;
  private readonly runListeners: RunListener[] = [];
  /** Every sheet and table name of the workbook as last detected (for "did you mean"), or null before a detection. */
  private names: string[] | null = null;
  private card: ResultsCard | null = null;
  /** The status line as a function of the language, so that switching the language re-renders it. */
  private status: (() => string) | null = null;
  private readonly languageListeners: ((language: Language) => void)[] = [];
  /** The progress and errors shown now, as functions of the language, so that a switch re-renders them. */
  private shownProgress: { text: Shown; fraction: number | null } | null = null;
  private shownErrors: Shown[] | unknown = null;
  // Method panel (issue 15): the method comes from Settings plus the panel's unsaved changes.
  private method: MethodPanel | null = null;
  private unsavedChanges = 0;

  constructor(
    private readonly api: AddinService,
    private readonly view: PaneView,
    language: Language,
  ) {
    this.language = language;
  }

  /** Method panel (issue 15): from now on the method is Settings plus the panel's changes (no "options below"). */
  attachMethodPanel(panel: MethodPanel): void {
    this.method = panel;
  }

  /** Method panel (issue 15): saving created or grew the Settings source. */
  settingsSourceChanged(source: TableSource): void {
    if (this.detected) this.detected = { ...this.detected, settings: source };
  }

  onRun(listener: RunListener): void {
    this.runListeners.push(listener);
  }

  /** Fills the pane from the stored choice, or from what is found in the workbook; turns auto-refresh back on if it was. */
  async start(): Promise<void> {
    this.view.setLanguage(this.language);
    let restore = false;
    await this.guard(async () => {
      const stored = await this.api.loadStoredChoice();
      if (stored) this.applyStored(stored);
      else this.applyDetection(await this.api.detectSources());
      restore = stored !== null && (await this.api.storedAutoRefresh?.()) === true;
    });
    if (restore) await this.startAutoRefresh(false);
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.view.setLanguage(language);
    if (this.status) this.view.showStatus(this.status());
    this.view.showCard(this.card);
    this.method?.render(); // method panel (issue 15)
    if (this.shownProgress) this.view.showProgress(this.shownProgress.text(language), this.shownProgress.fraction);
    if (this.shownErrors !== null) this.view.showErrors(this.errorTexts(this.shownErrors));
    for (const listener of this.languageListeners) listener(language);
  }

  onLanguage(listener: (language: Language) => void): void {
    this.languageListeners.push(listener);
  }

  /** The form changed after a run: the results shown are marked out of date (not the results of a failed run, already marked). */
  inputsChanged(): void {
    if (!this.card || this.card.stale) return;
    this.card = { ...this.card, stale: "inputs" };
    this.view.showCard(this.card);
  }

  /** A cell reference was clicked: select it in Excel. A failure is shown, the messages already shown stay. */
  async goToCell(sheet: string, address: string): Promise<void> {
    if (!this.api.selectCell) return;
    try {
      await this.api.selectCell(sheet, address);
    } catch (error) {
      this.errors(error);
    }
  }

  async detect(): Promise<void> {
    await this.guard(async () => this.applyDetection(await this.api.detectSources()));
  }

  async useSelection(field: "data" | "framework"): Promise<void> {
    if (!this.api.selectedRangeSource) return;
    await this.guard(async () => {
      const address = sourceText(await this.api.selectedRangeSource!());
      const sources = this.view.readSources();
      sources[field] = address;
      this.view.showSources(sources, Boolean(this.detected?.settings));
    });
  }

  async createTemplate(kind: "ieci" | "blank"): Promise<void> {
    await this.guard(async () => {
      this.stored = await this.api.createTemplate(kind, this.language);
      this.applyDetection(await this.api.detectSources(), false);
      this.setStatus(() => t(this.language, "templateDone"));
    });
  }

  /** Validates the form, stores the choice, runs the index and shows the top 10. */
  async compute(): Promise<RunSummary | null> {
    const choice = this.currentChoice();
    if (!choice) return null;
    let summary: RunSummary | null = null;
    let ran = false;
    const ok = await this.guard(async () => {
      if (!(await this.sourcesExist(choice))) return;
      ran = true;
      await this.save(choice);
      this.progress((l) => t(l, "running"), 0);
      const started = Date.now();
      summary = await this.api.runIndex(choice, {
        language: this.language,
        onProgress: (stage, fraction) => this.progress((l) => stageText(l, stage), fraction),
      });
      this.showRun({ durationMs: Date.now() - started, ...(summary as RunSummary) }, choice, null);
    });
    if (!ok && ran) this.runFailed(null);
    return summary;
  }

  /** Auto-refresh watches the stored choice's sheets, so the form's choice is saved first. */
  async setAutoRefresh(on: boolean): Promise<void> {
    if (on) return this.startAutoRefresh(true);
    await this.guard(async () => {
      await this.api.enableAutoRefresh(false, () => undefined);
      this.rememberAutoRefresh(false);
    });
    this.view.setAutoRefresh(false);
  }

  /** `save`: store the form's choice first (not when restoring: the stored choice is what the form shows). */
  private async startAutoRefresh(save: boolean): Promise<void> {
    const choice = this.currentChoice();
    if (!choice) {
      this.view.setAutoRefresh(false);
      return;
    }
    let enabled = false;
    await this.guard(async () => {
      if (save) await this.save(choice);
      await this.api.enableAutoRefresh(true, (result, refresh) => {
        if (result instanceof Error) {
          this.errors(result);
          this.runFailed(refresh ?? null);
        } else {
          this.errors([]);
          this.showRun(result, choice, refresh ?? { at: Date.now(), edit: null, moves: [] });
        }
      });
      enabled = true;
      this.rememberAutoRefresh(true);
    });
    this.view.setAutoRefresh(enabled);
  }

  /** The ribbon's Refresh ran in this same runtime: show its result here. */
  commandSucceeded(summary: RunSummary): void {
    this.errors([]);
    const choice = this.currentChoice();
    if (choice) this.showRun(summary, choice, null);
  }

  /** The ribbon's command failed: its error (messages in every language when it has them) or its texts. */
  commandFailed(failure: string[] | unknown): void {
    this.errors(failure);
    this.runFailed(null);
  }

  /** The choice in the form, or null (with the field errors shown) when the form is not valid. */
  currentChoice(): StoredChoice | null {
    return this.choiceFromForm();
  }

  private choiceFromForm(): StoredChoice | null {
    this.errors([]); // errors of an earlier attempt no longer apply
    const sources = this.view.readSources();
    const errors: SourceFieldError[] = [];
    const source = (field: "data" | "framework"): TableSource | null => {
      try {
        const parsed = parseSourceText(sources[field], this.detected?.[field] ?? null);
        if (!parsed) errors.push({ field, message: t(this.language, "sourceRequired") });
        return parsed;
      } catch (error) {
        errors.push({ field, message: errorMessages(error, this.language).join(" ") });
        return null;
      }
    };
    const data = source("data");
    const framework = source("framework");
    // Method panel (issue 15): Settings always apply; the panel's unsaved changes go on top as options.
    const sheet = this.method
      ? (this.detected?.settings ?? null)
      : sources.settingsFromSheet
        ? (this.detected?.settings ?? null)
        : null;
    let spec: SpecInput | null = null;
    if (this.method) {
      const run = this.method.runOptions();
      for (const message of run.errors) errors.push({ field: "method", message });
      spec = run.options;
      this.unsavedChanges = run.changes;
    } else if (!sheet) {
      const options = optionsToSpecInput(this.view.readOptions());
      for (const e of options.errors) errors.push(e);
      spec = options.spec;
    }
    this.view.showFieldErrors(errors);
    if (errors.length > 0 || !data || !framework) return null;
    // What the pane does not edit (report options, language, auto-refresh) is kept from the stored choice.
    const choice: StoredChoice = { ...(this.stored ?? {}), version: 1, data, framework, settings: sheet };
    if (spec) choice.options = spec;
    else delete choice.options;
    return choice;
  }

  private async save(choice: StoredChoice): Promise<void> {
    await this.api.saveChoice(choice);
    this.stored = choice;
  }

  /** The service stored the toggle; a later save must not put the old value back. */
  private rememberAutoRefresh(on: boolean): void {
    if (this.stored) this.stored = { ...this.stored, autoRefresh: on };
  }

  /** Stored choice → form: a Settings source wins unless the pane's own options were saved. */
  private applyStored(stored: StoredChoice): void {
    this.stored = stored;
    const fromPane = !this.method && (Boolean(stored.options) || !stored.settings);
    this.applyChoice(
      {
        data: stored.data,
        framework: stored.framework,
        settings: fromPane ? null : stored.settings,
        spec: stored.options ?? {},
      },
      false,
    );
  }

  /** Detection → form: a Settings source found is used; otherwise the stored options, if any. */
  private applyDetection(found: Detection, showFound = true): void {
    if (found.stored) this.stored = found.stored;
    this.names = [...found.sheets, ...found.tables];
    this.applyChoice(
      { data: found.data, framework: found.framework, settings: found.settings, spec: found.stored?.options ?? {} },
      showFound,
    );
  }

  private applyChoice(choice: FormSource, fromDetection: boolean): void {
    this.detected = choice;
    const hasSettingsSheet = choice.settings !== null;
    const text = (source: TableSource | null) => (source ? sourceText(source) : "");
    this.view.showSources(
      { data: text(choice.data), framework: text(choice.framework), settingsFromSheet: hasSettingsSheet },
      hasSettingsSheet,
    );
    if (!hasSettingsSheet && !this.method) this.view.showOptions(specInputToOptions(choice.spec));
    // With Data and Framework found, the template is no longer the first thing to do.
    const found = choice.data !== null && choice.framework !== null;
    this.view.setSectionOpen("template", !found, found);
    // Method panel (issue 15): show the Settings in force, with a stored choice's unsaved options as changes.
    if (this.method && choice.framework)
      void this.method.load({ settings: choice.settings, framework: choice.framework }, choice.spec);
    if (fromDetection) {
      const sources = [choice.data, choice.framework, choice.settings]
        .filter((s): s is TableSource => s !== null)
        .map(sourceText);
      this.setStatus(() =>
        sources.length > 0
          ? t(this.language, "detected", { sources: joinList(this.language, sources) })
          : t(this.language, "nothingDetected"),
      );
    }
  }

  private progress(text: Shown, fraction: number | null): void {
    this.shownProgress = { text, fraction };
    this.view.showProgress(text(this.language), fraction);
  }

  /** Errors to show: an error (its messages in the pane's language when it has them in every language) or texts; [] clears. */
  private errors(errors: Shown[] | unknown): void {
    const texts = this.errorTexts(errors);
    this.shownErrors = texts.length > 0 ? errors : null;
    this.view.showErrors(texts);
  }

  private errorTexts(errors: Shown[] | unknown): string[] {
    if (Array.isArray(errors))
      return errors.map((e) => (typeof e === "function" ? (e as Shown)(this.language) : String(e)));
    return errorMessages(errors, this.language);
  }

  private setStatus(text: (() => string) | null): void {
    this.status = text;
    this.view.showStatus(text ? text() : "");
  }

  /** A run finished: the card shows it with the rank changes against the previous run in this pane. */
  private showRun(summary: RunSummary, choice: StoredChoice, refresh: RefreshReport | null): void {
    const previous = this.card?.summary.ranking
      ? new Map(this.card.summary.ranking.map((u) => [u.code, u.rank]))
      : null;
    this.card = { summary, previous, finishedAt: refresh?.at ?? Date.now(), stale: null, refresh };
    // The card says what happened ("Found: ..." no longer applies); a run with unsaved method choices says so (issue 15).
    const unsaved = this.method && choice.options ? this.unsavedChanges : 0;
    this.setStatus(unsaved > 0 ? () => tp(this.language, "mp.usedUnsaved", { n: unsaved }) : null);
    this.progress(() => "", null);
    this.view.showCard(this.card);
    this.view.setSectionOpen("results", true);
    for (const listener of this.runListeners) listener(summary, choice);
  }

  /** A run failed: no "done" remains; results shown before are marked out of date. */
  private runFailed(refresh: RefreshReport | null): void {
    this.progress(() => "", null);
    if (!this.card) return;
    this.card = { ...this.card, stale: "failed", refresh: refresh ? { ...refresh, failed: true } : null };
    this.view.showCard(this.card);
  }

  /**
   * The sheets and tables the choice names exist (names as last detected, detected again when one is unknown).
   * A missing one is reported on its field with the closest name ("Did you mean Framework?"); nothing runs.
   */
  private async sourcesExist(choice: StoredChoice): Promise<boolean> {
    const nameOf = (source: TableSource) => (source.kind === "table" ? source.table : source.sheet);
    const fields = (["data", "framework"] as const).map((field) => ({ field, name: nameOf(choice[field]) }));
    const missing = () =>
      fields.filter(({ name }) => !(this.names ?? []).some((known) => known.toLowerCase() === name.toLowerCase()));
    if (this.names === null || missing().length > 0) {
      const found = await this.api.detectSources();
      this.names = [...found.sheets, ...found.tables];
    }
    const errors: SourceFieldError[] = missing().map(({ field, name }) => {
      const suggestion = closestName(name, this.names ?? []);
      const message = [
        t(this.language, "sheetNotFound", { name }),
        suggestion ? t(this.language, "didYouMean", { name: suggestion }) : "",
      ]
        .filter(Boolean)
        .join(" ");
      return suggestion ? { field, message, suggestion } : { field, message };
    });
    this.view.showFieldErrors(errors);
    if (errors.length > 0) this.view.setSectionOpen("data", true);
    return errors.length === 0;
  }

  /** Runs one user action: busy while it runs, errors shown (never thrown into the event loop); false when it failed. */
  private async guard(action: () => Promise<void>): Promise<boolean> {
    this.view.setBusy(true);
    this.errors([]);
    try {
      await action();
      return true;
    } catch (error) {
      this.errors(error);
      this.progress(() => "", null);
      return false;
    } finally {
      this.view.setBusy(false);
    }
  }
}
