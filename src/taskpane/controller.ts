/** Task pane behaviour without the DOM: calls the adapter, keeps state, tells the view what to show. */
import type { Language } from "../core/language";
import type { SpecInput } from "../core/spec";
import { errorMessages, parseSourceText, sourceText, type AddinService, type Detection, type RunSummary, type StoredChoice, type TableSource } from "../excel/service";
import { joinList } from "../core/messages";
import { t, stageText } from "./i18n";
import { optionsToSpecInput, specInputToOptions, type FieldError, type OptionsForm } from "./options";

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
  showFieldErrors(errors: FieldError[]): void;
  showSummary(summary: RunSummary | null): void;
  setAutoRefresh(on: boolean): void;
}

/** Called after every run with its summary, so that the analysis section (issue 5) can add its views. */
export type RunListener = (summary: RunSummary, choice: StoredChoice) => void;

/** A text shown in the pane, kept as a function of the language so that a switch re-renders it. */
type Shown = (language: Language) => string;

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
  private readonly languageListeners: ((language: Language) => void)[] = [];
  /** What the pane shows now, re-rendered when the language changes. */
  private shown: { status: Shown | null; progress: { text: Shown; fraction: number | null } | null; errors: Shown[] | unknown; summary: RunSummary | null } =
    { status: null, progress: null, errors: null, summary: null };

  constructor(
    private readonly api: AddinService,
    private readonly view: PaneView,
    language: Language,
  ) {
    this.language = language;
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

  /** Called after a switch of language, once the pane's own texts are re-rendered (the analysis section re-renders itself). */
  onLanguage(listener: (language: Language) => void): void {
    this.languageListeners.push(listener);
  }

  /** Re-renders every text: the static labels, the status, the progress, the errors and the results. */
  setLanguage(language: Language): void {
    this.language = language;
    this.view.setLanguage(language);
    const { status, progress, errors, summary } = this.shown;
    if (status) this.view.showStatus(status(language));
    if (progress) this.view.showProgress(progress.text(language), progress.fraction);
    if (errors !== null) this.view.showErrors(this.errorTexts(errors));
    if (summary) this.view.showSummary(summary);
    for (const listener of this.languageListeners) listener(language);
  }

  private status(text: Shown): void {
    this.shown.status = text;
    this.view.showStatus(text(this.language));
  }

  private progress(text: Shown, fraction: number | null): void {
    this.shown.progress = { text, fraction };
    this.view.showProgress(text(this.language), fraction);
  }

  /** Errors to show: an error (its messages in the pane's language when it has them in every language) or texts; [] clears. */
  private errors(errors: Shown[] | unknown): void {
    const texts = this.errorTexts(errors);
    this.shown.errors = texts.length > 0 ? errors : null;
    this.view.showErrors(texts);
  }

  private errorTexts(errors: Shown[] | unknown): string[] {
    if (Array.isArray(errors)) return errors.map((e) => (typeof e === "function" ? (e as Shown)(this.language) : String(e)));
    return errorMessages(errors, this.language);
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
      this.status((l) => t(l, "templateDone"));
    });
  }

  /** Validates the form, stores the choice, runs the index and shows the top 10. */
  async compute(): Promise<RunSummary | null> {
    const choice = this.currentChoice();
    if (!choice) return null;
    let summary: RunSummary | null = null;
    await this.guard(async () => {
      await this.save(choice);
      this.progress((l) => t(l, "running"), 0);
      summary = await this.api.runIndex(choice, {
        language: this.language,
        onProgress: (stage, fraction) => this.progress((l) => stageText(l, stage), fraction),
      });
      this.showRun(summary, choice);
    });
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
      await this.api.enableAutoRefresh(true, (result) => {
        if (result instanceof Error) this.errors(result);
        else {
          this.errors([]);
          this.showRun(result, choice);
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
    if (choice) this.showRun(summary, choice);
  }

  /** The ribbon's command failed: its error (messages in every language when it has them) or its texts. */
  commandFailed(failure: string[] | unknown): void {
    this.errors(failure);
  }

  /** The choice in the form, or null (with the field errors shown) when the form is not valid. */
  currentChoice(): StoredChoice | null {
    this.errors([]); // errors of an earlier attempt no longer apply
    const sources = this.view.readSources();
    const errors: FieldError[] = [];
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
    const sheet = sources.settingsFromSheet ? (this.detected?.settings ?? null) : null;
    let spec: SpecInput | null = null;
    if (!sheet) {
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
    const fromPane = Boolean(stored.options) || !stored.settings;
    this.applyChoice({ data: stored.data, framework: stored.framework, settings: fromPane ? null : stored.settings, spec: stored.options ?? {} }, false);
  }

  /** Detection → form: a Settings source found is used; otherwise the stored options, if any. */
  private applyDetection(found: Detection, showFound = true): void {
    if (found.stored) this.stored = found.stored;
    this.applyChoice({ data: found.data, framework: found.framework, settings: found.settings, spec: found.stored?.options ?? {} }, showFound);
  }

  private applyChoice(choice: FormSource, fromDetection: boolean): void {
    this.detected = choice;
    const hasSettingsSheet = choice.settings !== null;
    const text = (source: TableSource | null) => (source ? sourceText(source) : "");
    this.view.showSources({ data: text(choice.data), framework: text(choice.framework), settingsFromSheet: hasSettingsSheet }, hasSettingsSheet);
    if (!hasSettingsSheet) this.view.showOptions(specInputToOptions(choice.spec));
    if (fromDetection) {
      const found = [choice.data, choice.framework, choice.settings].filter((s): s is TableSource => s !== null).map(sourceText);
      this.status((l) => (found.length > 0 ? t(l, "detected", { sources: joinList(l, found) }) : t(l, "nothingDetected")));
    }
  }

  private showRun(summary: RunSummary, choice: StoredChoice): void {
    this.shown.summary = summary;
    this.view.showSummary(summary);
    this.progress((l) => stageText(l, "done"), 1);
    this.status((l) => t(l, "done", { sheets: joinList(l, summary.sheets), syncs: summary.syncCount }));
    for (const listener of this.runListeners) listener(summary, choice);
  }

  /** Runs one user action: busy while it runs, errors shown (never thrown into the event loop). */
  private async guard(action: () => Promise<void>): Promise<void> {
    this.view.setBusy(true);
    this.errors([]);
    try {
      await action();
    } catch (error) {
      this.errors(error);
      this.progress(() => "", null);
    } finally {
      this.view.setBusy(false);
    }
  }
}
