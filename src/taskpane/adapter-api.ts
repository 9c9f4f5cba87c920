/**
 * What the task pane and the ribbon command need from the Excel adapter (src/excel). The UI depends on this
 * interface only, so it can be driven by the real adapter in Excel, by the Excel fake in the browser test, or
 * by a plain object in unit tests.
 */
import type { EditionsSummary } from "../core/editions";
import type { SpecInput } from "../core/spec";
import type { Language } from "./i18n";

/** Where one input table comes from, as the task pane shows it: a sheet name, a table name or an A1 range. */
export interface SourceRef {
  kind: "sheet" | "table" | "range";
  /** "Data", "DataTable" or "Data!A1:Z38". */
  ref: string;
}

/** The data choice that a run needs; stored in the workbook so that Refresh needs nothing re-entered. */
export interface SourceChoice {
  data: SourceRef | null;
  framework: SourceRef | null;
  /** Options from a Settings sheet (or table), or the task pane's own options. */
  settings: { kind: "sheet"; source: SourceRef } | { kind: "pane"; spec: SpecInput };
}

export interface RunSummary {
  top: { rank: number; code: string; name: string; score: number }[];
  /** Data with editions: every edition's top units with rank changes; the card shows `shown`, a selector the others. */
  editions?: EditionsSummary;
  warnings: string[];
  sheets: string[];
  syncCount: number;
}

export interface RunOptions {
  onProgress?: (stage: string, fraction: number) => void;
  language?: Language;
}

export interface AdapterApi {
  detectSources(): Promise<SourceChoice>;
  loadStoredChoice(): Promise<SourceChoice | null>;
  saveChoice(choice: SourceChoice): Promise<void>;
  runIndex(choice: SourceChoice, options: RunOptions): Promise<RunSummary>;
  createTemplate(kind: "ieci" | "blank", language: Language): Promise<void>;
  enableAutoRefresh(on: boolean, onRun: (result: RunSummary | Error) => void): Promise<void>;
  /** Whether auto-refresh was on when the workbook was last used (so that start turns it back on); optional. */
  storedAutoRefresh?(): Promise<boolean>;
  /** Address of the selected range ("Data!A1:Z38"), for the "Use selected range" buttons; optional. */
  getSelectedAddress?(): Promise<string>;
}

/** Error texts for the user: the adapter's AddinError carries `messages` (with cell addresses), others a message. */
export function errorMessages(error: unknown): string[] {
  if (typeof error === "object" && error !== null) {
    const messages = (error as { messages?: unknown }).messages;
    if (Array.isArray(messages) && messages.length > 0) return messages.map(String);
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") return [message];
  }
  return [String(error)];
}
