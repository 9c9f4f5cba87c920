/**
 * The add-in's one contract between the Excel side and its callers (task pane, ribbon, analysis
 * section): the zod schemas of the stored choice and the run summary, the types derived from them,
 * and the AddinService interface that src/excel/service.ts implements. Callers import it through
 * service.ts only; tests and other hosts implement AddinService with plain objects.
 */
import { z } from "zod";
import type { IndexResult } from "../core/engine";
import type { EditionsSummary } from "../core/engine";
import { languageSchema, type Language } from "../core/engine";
import type { SheetPlan } from "../core/report";
import { quoteSheetName, sheetOfAddress } from "../core/engine";
import { AddinError } from "./errors";

export const tableSourceSchema = z.discriminatedUnion("kind", [
  /** The used range of a sheet, header in its first row (the command line's layout). */
  z.strictObject({ kind: z.literal("sheet"), sheet: z.string().min(1).max(31) }),
  /** An Excel table (header row + body). */
  z.strictObject({ kind: z.literal("table"), table: z.string().min(1).max(255) }),
  /** A range the user picked, header in its first row. */
  z.strictObject({
    kind: z.literal("range"),
    sheet: z.string().min(1).max(31),
    address: z.string().regex(/^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/),
  }),
]);
export type TableSource = z.infer<typeof tableSourceSchema>;

/** Where the inputs are and which options apply; kept in workbook.settings so Refresh needs nothing re-entered. */
export const storedChoiceSchema = z.strictObject({
  version: z.literal(1),
  data: tableSourceSchema,
  framework: tableSourceSchema,
  /** Key | value rows (normalize.method | minmax), or null for the defaults. */
  settings: tableSourceSchema.nullable(),
  /** Options set in the task pane; they override the Settings rows key by key. */
  options: z.record(z.string(), z.unknown()).optional(),
  report: z
    .strictObject({
      topN: z.number().int().min(1).max(1000).optional(),
      radarUnit: z.string().min(1).optional(),
      scatterPillars: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
    })
    .optional(),
  language: languageSchema.optional(),
  autoRefresh: z.boolean().optional(),
});
export type StoredChoice = z.infer<typeof storedChoiceSchema>;

/** What a run reports back to the pane and the ribbon. */
export const runSummarySchema = z.object({
  top: z.array(z.object({ rank: z.number(), code: z.string(), name: z.string(), score: z.number() })),
  /** Data with editions: every edition's top units with their rank changes (the pane's selector). */
  editions: z.custom<EditionsSummary>((value) => typeof value === "object" && value !== null).optional(),
  warnings: z.array(z.string()),
  /** Indicators with their own normalization or treatment (spec byIndicator or Framework column); null = the global method. */
  exceptions: z
    .array(
      z.object({
        indicator: z.string(),
        normalize: z.string().nullable(),
        treat: z.string().nullable(),
        source: z.enum(["spec", "framework"]),
      }),
    )
    .optional(),
  sheets: z.array(z.string()),
  syncCount: z.number().int(),
  /** Largest write request, in bytes (estimated as JSON). */
  maxRequestBytes: z.number(),
  // Pane shell (issue 15): the results card's count, time and rank changes, and the cell labels of messages.
  /** How many units were ranked. */
  unitCount: z.number().int().optional(),
  /** How long the run took, in ms (read, compute, write). */
  durationMs: z.number().optional(),
  /** Every ranked unit's index rank (for ▲▼ against the previous run, even for units outside the top 10). */
  ranking: z.array(z.object({ code: z.string(), name: z.string(), rank: z.number() })).optional(),
  /** Where the Data table is, so that "Data!E4" in a message can be shown as "Paris · PM25". */
  dataCells: z.custom<DataCells>((value) => typeof value === "object" && value !== null).optional(),
  // i18n (issue 15): the warnings in every language, so that the pane re-renders them when its language changes.
  localizedWarnings: z.record(languageSchema, z.array(z.string())).optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export interface RunOptions {
  onProgress?: (stage: string, fraction: number) => void;
  language?: Language;
  /** Request/response budget in bytes (default 4 MB); tests lower it. */
  maxRequestBytes?: number;
  /** How many units the summary lists (default 10). */
  topN?: number;
}

/** What detection found in the workbook: Data / Framework / Settings by name, every name, and the stored choice. */
export interface Detection {
  data: TableSource | null;
  framework: TableSource | null;
  settings: TableSource | null;
  /** Every worksheet and table name, for the task pane's pickers. */
  sheets: string[];
  tables: string[];
  /** A complete choice when both Data and Framework were found (settings optional). */
  choice: StoredChoice | null;
  /** The choice stored in the workbook, if any and valid. */
  stored: StoredChoice | null;
  warnings: string[];
}

export type TemplateKind = "ieci" | "blank";

/** The one interface the pane, the ribbon command and the analysis section use. */
export interface AddinService {
  detectSources(): Promise<Detection>;
  loadStoredChoice(): Promise<StoredChoice | null>;
  /** Validates (zod) and stores the choice in the workbook. */
  saveChoice(choice: StoredChoice): Promise<void>;
  /** Read → validate → compute → write; keeps the computed IndexResult for currentResult(). */
  runIndex(choice: StoredChoice, options?: RunOptions): Promise<RunSummary>;
  /** New Data/Framework/Settings sheets, never overwriting; returns the choice it stored. */
  createTemplate(kind: TemplateKind, language: Language): Promise<StoredChoice>;
  /** Recompute from the stored choice when its inputs change; each run's summary or error goes to onRun, with what triggered it. */
  enableAutoRefresh(on: boolean, onRun: (result: RunSummary | Error, refresh?: RefreshReport) => void): Promise<void>;
  /** Whether auto-refresh was on when the workbook was last used (so that start turns it back on). */
  storedAutoRefresh(): Promise<boolean>;
  /** The selected range as a source ("Use selected range"); optional: not every host has a selection. */
  selectedRangeSource?(): Promise<TableSource>;
  /** The IndexResult of the last successful run in this runtime (pane, ribbon or auto-refresh), or null. */
  currentResult(): Promise<IndexResult | null>;
  /** Writes analysis sheets, replacing only sheets the add-in created; returns the sheet names used. */
  writeAnalysisSheets(sheets: SheetPlan[]): Promise<string[]>;
  // Pane shell (issue 15): cell references in the pane are links.
  /** Activates the sheet and selects the range (a cell reference clicked in the pane); optional: not every host has a UI. */
  selectCell?(sheet: string, address: string): Promise<void>;
}

/** How the pane shows a source: "Data", "DataTable" or "Data!A1:Z38". */
export function sourceText(source: TableSource): string {
  if (source.kind === "sheet") return source.sheet;
  if (source.kind === "table") return source.table;
  return `${quoteSheetName(source.sheet)}!${source.address}`;
}

/**
 * The pane's source text as a source: "Data!A1:Z38" is a range; a bare name keeps the detected kind
 * (sheet or table) or is taken as a sheet; blank is null. An unreadable range throws an AddinError.
 */
export function parseSourceText(text: string, detected: TableSource | null): TableSource | null {
  const ref = text.trim();
  if (ref === "") return null;
  if (ref.includes("!")) {
    const sheet = sheetOfAddress(ref);
    if (!sheet) throw new AddinError(`"${ref}" is not a range: write it as Sheet!A1:F38`);
    return { kind: "range", sheet, address: ref.slice(ref.lastIndexOf("!") + 1).replace(/\$/g, "") };
  }
  if (detected && detected.kind !== "range" && sourceText(detected) === ref) return detected;
  return { kind: "sheet", sheet: ref };
}

/** Error texts for the user: an AddinError carries `messages` (with cell addresses), others a message; in `language` when the error has them in every language. */
export function errorMessages(error: unknown, language?: Language): string[] {
  if (typeof error === "object" && error !== null) {
    const localized = language
      ? (error as { localized?: Partial<Record<Language, unknown>> }).localized?.[language]
      : undefined;
    if (Array.isArray(localized) && localized.length > 0) return localized.map(String);
    const messages = (error as { messages?: unknown }).messages;
    if (Array.isArray(messages) && messages.length > 0) return messages.map(String);
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") return [message];
  }
  return [String(error)];
}

// ---- Pane shell (issue 15): the results card, the auto-refresh report and cell labels ----

/** The Data table as read: its sheet, the 0-based row/column of its header cell, its headers and each body row's unit. */
export interface DataCells {
  sheet: string;
  row: number;
  col: number;
  headers: string[];
  /** Unit name (or code) of each body row, in sheet order. */
  units: string[];
}

/** A unit whose index rank changed between two runs. */
export interface RankMove {
  code: string;
  name: string;
  from: number;
  to: number;
}

/** What an auto-refresh reports besides its summary: when it ran, the edit that started it and the rank moves. */
export interface RefreshReport {
  /** Epoch ms when the refresh finished. */
  at: number;
  /** The last edited range before the refresh (sheet name and A1 address), or null when unknown. */
  edit: { sheet: string; address: string } | null;
  /** Units whose rank changed against the previous run in this runtime, largest moves first. */
  moves: RankMove[];
}

/** Rank moves between two rankings, largest first (then by new rank); units in only one ranking are left out. */
export function rankMoves(
  before: { code: string; rank: number }[] | undefined,
  after: { code: string; name: string; rank: number }[] | undefined,
): RankMove[] {
  if (!before || !after) return [];
  const old = new Map(before.map((u) => [u.code, u.rank]));
  const moves: RankMove[] = [];
  for (const unit of after) {
    const from = old.get(unit.code);
    if (from !== undefined && from !== unit.rank && Number.isFinite(from) && Number.isFinite(unit.rank))
      moves.push({ code: unit.code, name: unit.name, from, to: unit.rank });
  }
  return moves.sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from) || a.to - b.to);
}

// ---- Live what-if weights (issue 15, branch whatif): "Apply" in the Weights section. ----
export interface AddinService {
  /**
   * Writes weights (node code → weight) into the Framework's Weight cells and nothing else; checks
   * everything first, and a failed write leaves the sheet as it was. Optional: not every host writes.
   */
  writeFrameworkWeights?(framework: TableSource, weights: Readonly<Record<string, number>>): Promise<void>;
}

// --- Method panel (issue 15, `method` engineer): the Settings sheet as the pane's method panel reads and writes it. ---

/** A Settings value as the engine reads it (text, number or true/false). */
export type SettingValue = string | number | boolean;

/** One key | value row of the Settings sheet; `address` is the value's cell ("Settings!B3"). */
export interface SettingsEntry {
  key: string;
  value: SettingValue;
  address: string;
}

/** What the method panel needs: the Settings rows in force and the Framework's nodes (for exceptions, levels, weights). */
export interface MethodSettings {
  /** The Settings source read, or null when the workbook has none (saving then creates a Settings sheet). */
  source: TableSource | null;
  entries: SettingsEntry[];
  /** Indicators (level 1) and aggregates of the Framework, in its order; empty when it does not parse. */
  nodes: { code: string; level: number }[];
  maxLevel: number;
  /** Problems met while reading (the Framework does not parse, a key is not text): shown, never thrown. */
  problems: string[];
}

/** A change to write: a value, or null to clear the key's row (a parameter of a method no longer chosen). */
export type SettingsChange = { key: string; value: SettingValue | null };

export interface AddinService {
  /** The method in force: the Settings rows of `choice.settings` and the Framework's nodes. */
  readMethodSettings?(choice: Pick<StoredChoice, "settings" | "framework">): Promise<MethodSettings>;
  /**
   * Writes only the changed keys' cells (a new key goes to the first row below the Settings range; a
   * removed key's key and value cells are cleared); on failure the cells are put back as they were.
   * Returns the rows as saved (the source is new when a Settings sheet had to be created).
   */
  saveMethodSettings?(
    source: TableSource | null,
    changes: SettingsChange[],
  ): Promise<{ source: TableSource; entries: SettingsEntry[] }>;
  /** Analysis findings' "Go to sheet": activates a sheet by name. */
  showSheet?(sheet: string): Promise<void>;
}
