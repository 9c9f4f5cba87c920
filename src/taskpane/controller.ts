/** Task pane behaviour without the DOM: calls the adapter, keeps state, tells the view what to show. */
import { errorMessages, type AdapterApi, type RunSummary, type SourceChoice, type SourceRef } from "./adapter-api";
import { t, stageText, type Language } from "./i18n";
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
export type RunListener = (summary: RunSummary, choice: SourceChoice) => void;

export class PaneController {
  language: Language;
  private detected: SourceChoice | null = null;
  private readonly runListeners: RunListener[] = [];

  constructor(
    private readonly api: AdapterApi,
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
      const choice = stored ?? (await this.api.detectSources());
      this.applyChoice(choice, stored === null);
      restore = stored !== null && (await this.api.storedAutoRefresh?.()) === true;
    });
    if (restore) await this.startAutoRefresh(false);
  }

  setLanguage(language: Language): void {
    this.language = language;
    this.view.setLanguage(language);
  }

  async detect(): Promise<void> {
    await this.guard(async () => this.applyChoice(await this.api.detectSources(), true));
  }

  async useSelection(field: "data" | "framework"): Promise<void> {
    if (!this.api.getSelectedAddress) return;
    await this.guard(async () => {
      const address = await this.api.getSelectedAddress!();
      const sources = this.view.readSources();
      sources[field] = address;
      this.view.showSources(sources, this.detected?.settings.kind === "sheet");
    });
  }

  async createTemplate(kind: "ieci" | "blank"): Promise<void> {
    await this.guard(async () => {
      await this.api.createTemplate(kind, this.language);
      this.applyChoice(await this.api.detectSources(), false);
      this.view.showStatus(t(this.language, "templateDone"));
    });
  }

  /** Validates the form, stores the choice, runs the index and shows the top 10. */
  async compute(): Promise<RunSummary | null> {
    const choice = this.currentChoice();
    if (!choice) return null;
    let summary: RunSummary | null = null;
    await this.guard(async () => {
      await this.api.saveChoice(choice);
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
    await this.guard(() => this.api.enableAutoRefresh(false, () => undefined));
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
      if (save) await this.api.saveChoice(choice);
      await this.api.enableAutoRefresh(true, (result) => {
        if (result instanceof Error) this.view.showErrors(errorMessages(result));
        else {
          this.view.showErrors([]);
          this.showRun(result, choice);
        }
      });
      enabled = true;
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
  currentChoice(): SourceChoice | null {
    this.view.showErrors([]); // errors of an earlier attempt no longer apply
    const sources = this.view.readSources();
    const errors: FieldError[] = [];
    const data = parseSourceText(sources.data, this.detected?.data ?? null);
    const framework = parseSourceText(sources.framework, this.detected?.framework ?? null);
    if (!data) errors.push({ field: "data", message: t(this.language, "sourceRequired") });
    if (!framework) errors.push({ field: "framework", message: t(this.language, "sourceRequired") });
    let settings: SourceChoice["settings"];
    if (sources.settingsFromSheet && this.detected?.settings.kind === "sheet") settings = this.detected.settings;
    else {
      const options = optionsToSpecInput(this.view.readOptions());
      for (const e of options.errors) errors.push(e);
      settings = { kind: "pane", spec: options.spec };
    }
    this.view.showFieldErrors(errors);
    if (errors.length > 0) return null;
    return { data, framework, settings };
  }

  private applyChoice(choice: SourceChoice, fromDetection: boolean): void {
    this.detected = choice;
    const hasSettingsSheet = choice.settings.kind === "sheet";
    this.view.showSources(
      { data: choice.data?.ref ?? "", framework: choice.framework?.ref ?? "", settingsFromSheet: hasSettingsSheet },
      hasSettingsSheet,
    );
    if (choice.settings.kind === "pane") this.view.showOptions(specInputToOptions(choice.settings.spec));
    if (fromDetection) {
      const found = [choice.data?.ref, choice.framework?.ref, choice.settings.kind === "sheet" ? choice.settings.source.ref : undefined].filter(Boolean);
      this.view.showStatus(found.length > 0 ? t(this.language, "detected", { sources: found.join(", ") }) : t(this.language, "nothingDetected"));
    }
  }

  private showRun(summary: RunSummary, choice: SourceChoice): void {
    this.view.showSummary(summary);
    this.view.showProgress(stageText(this.language, "done"), 1);
    this.view.showStatus(t(this.language, "done", { sheets: summary.sheets.join(", "), syncs: summary.syncCount }));
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

/** "Data!A1:Z38" is a range; a bare name keeps the detected kind (sheet or table) or is taken as a sheet. */
export function parseSourceText(text: string, detected: SourceRef | null): SourceRef | null {
  const ref = text.trim();
  if (ref === "") return null;
  if (ref.includes("!")) return { kind: "range", ref };
  if (detected && detected.ref === ref) return detected;
  return { kind: "sheet", ref };
}
