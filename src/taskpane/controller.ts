/** Task pane behaviour without the DOM: calls the adapter, keeps state, tells the view what to show. */
import type { Language } from "../core/language";
import type { SpecInput } from "../core/spec";
import { errorMessages, parseSourceText, sourceText, type AddinService, type Detection, type RunSummary, type StoredChoice, type TableSource } from "../excel/service";
import { t, stageText } from "./i18n";
import { optionsToSpecInput, specInputToOptions, type FieldError, type OptionsForm } from "./options";
import type { MethodPanel } from "./method-panel"; // method panel (issue 15)
import { tp } from "./i18n";

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
    this.method?.render(); // method panel (issue 15)
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
      this.view.showStatus(t(this.language, "templateDone"));
    });
  }

  /** Validates the form, stores the choice, runs the index and shows the top 10. */
  async compute(): Promise<RunSummary | null> {
    const choice = this.currentChoice();
    if (!choice) return null;
    let summary: RunSummary | null = null;
    await this.guard(async () => {
      await this.save(choice);
      this.view.showProgress(t(this.language, "running"), 0);
      summary = await this.api.runIndex(choice, {
        language: this.language,
        onProgress: (stage, fraction) => this.view.showProgress(stageText(this.language, stage), fraction),
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
        if (result instanceof Error) this.view.showErrors(errorMessages(result));
        else {
          this.view.showErrors([]);
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
    this.view.showErrors([]);
    const choice = this.currentChoice();
    if (choice) this.showRun(summary, choice);
  }

  commandFailed(messages: string[]): void {
    this.view.showErrors(messages);
  }

  /** The choice in the form, or null (with the field errors shown) when the form is not valid. */
  currentChoice(): StoredChoice | null {
    this.view.showErrors([]); // errors of an earlier attempt no longer apply
    const sources = this.view.readSources();
    const errors: FieldError[] = [];
    const source = (field: "data" | "framework"): TableSource | null => {
      try {
        const parsed = parseSourceText(sources[field], this.detected?.[field] ?? null);
        if (!parsed) errors.push({ field, message: t(this.language, "sourceRequired") });
        return parsed;
      } catch (error) {
        errors.push({ field, message: errorMessages(error).join(" ") });
        return null;
      }
    };
    const data = source("data");
    const framework = source("framework");
    // Method panel (issue 15): Settings always apply; the panel's unsaved changes go on top as options.
    const sheet = this.method ? (this.detected?.settings ?? null) : sources.settingsFromSheet ? (this.detected?.settings ?? null) : null;
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
    if (!hasSettingsSheet && !this.method) this.view.showOptions(specInputToOptions(choice.spec));
    // Method panel (issue 15): show the Settings in force, with a stored choice's unsaved options as changes.
    if (this.method && choice.framework) void this.method.load({ settings: choice.settings, framework: choice.framework }, choice.spec);
    if (fromDetection) {
      const found = [choice.data, choice.framework, choice.settings].filter((s): s is TableSource => s !== null).map(sourceText);
      this.view.showStatus(found.length > 0 ? t(this.language, "detected", { sources: found.join(", ") }) : t(this.language, "nothingDetected"));
    }
  }

  private showRun(summary: RunSummary, choice: StoredChoice): void {
    this.view.showSummary(summary);
    this.view.showProgress(stageText(this.language, "done"), 1);
    const unsaved = this.method && choice.options ? ` ${tp(this.language, "mp.usedUnsaved", { n: this.unsavedChanges })}` : ""; // method panel (issue 15)
    this.view.showStatus(t(this.language, "done", { sheets: summary.sheets.join(", "), syncs: summary.syncCount }) + unsaved);
    for (const listener of this.runListeners) listener(summary, choice);
  }

  /** Runs one user action: busy while it runs, errors shown (never thrown into the event loop). */
  private async guard(action: () => Promise<void>): Promise<void> {
    this.view.setBusy(true);
    this.view.showErrors([]);
    try {
      await action();
    } catch (error) {
      this.view.showErrors(errorMessages(error));
      this.view.showProgress("", null);
    } finally {
      this.view.setBusy(false);
    }
  }
}
