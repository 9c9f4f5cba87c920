/**
 * Refresh: read the chosen tables, validate and compute with the engine, build the report plan,
 * and only then write. Errors name the real sheet and cell (Data!F12: "n/a" is not a number).
 */
import { computeIndex, formatIssue, IndexComputeError, IndexInputError, settingsToSpecInput } from "../core/engine";
import { computeErrorMessage, editionsSummary } from "../core/engine";
import { inEveryLanguage, msg, render } from "../core/engine";
import type { IndexResult, SpecInput, TableName, TableOrigin, ValidationIssue } from "../core/engine";
import { buildReport } from "../core/report";
import type { ReportPlan } from "../core/report";
import type { Language } from "../core/engine";
import { validateChoice } from "./choice";
import type { RunOptions, RunSummary, StoredChoice } from "./contract";
import { AddinError, errorText } from "./errors";
import { displayLanguage, runInExcel } from "./office";
import { readSources, type ReadTable } from "./read";
import { writeReport } from "./write-report";
import { markOwnWrite } from "./auto-refresh";
import { dataCells, fullRanking } from "./summary-extras";

export function defaultLanguage(): Language {
  return /^zh/i.test(displayLanguage()) ? "zh-CN" : "en";
}

export async function runIndex(choiceInput: StoredChoice, options: RunOptions = {}): Promise<RunSummary> {
  return (await runIndexWithResult(choiceInput, options)).summary;
}

/** runIndex, also giving the computed IndexResult (the service keeps it for the analysis section). */
export async function runIndexWithResult(
  choiceInput: StoredChoice,
  options: RunOptions = {},
): Promise<{ summary: RunSummary; result: IndexResult }> {
  const progress = options.onProgress ?? (() => undefined);
  const started = Date.now();
  try {
    const choice = validateChoice(choiceInput);
    const language = options.language ?? choice.language ?? defaultLanguage();
    const { value, syncs } = await runInExcel(async (session) => {
      progress("read", 0);
      const sources = [choice.data, choice.framework, ...(choice.settings ? [choice.settings] : [])];
      const tables = await readSources(session, sources, { maxResponseBytes: options.maxRequestBytes, language });
      progress("compute", 0.3);
      const { result, warnings, localizedWarnings } = computeFromTables(tables, choice, language);
      const plan = buildPlan(result, language, choice, tables);
      progress("write", 0.4);
      markOwnWrite();
      const outcome = await writeReport(session, plan, {
        maxRequestBytes: options.maxRequestBytes,
        onProgress: (f) => progress("write", 0.4 + 0.6 * f),
      });
      const written = (list: string[]) => [...list, ...outcome.warnings];
      return {
        result,
        warnings: written(warnings),
        localizedWarnings: { en: written(localizedWarnings.en), "zh-CN": written(localizedWarnings["zh-CN"]) },
        outcome,
        data: tables[0]!,
      };
    });
    progress("done", 1);
    const editions = editionsSummary(value.result, options.topN ?? 10);
    const ranking = fullRanking(value.result);
    const summary: RunSummary = {
      top: topUnits(value.result, options.topN ?? 10),
      ...(editions ? { editions } : {}),
      warnings: value.warnings,
      localizedWarnings: value.localizedWarnings,
      exceptions: methodExceptions(value.result),
      sheets: value.outcome.sheets.map((s) => s.name),
      syncCount: syncs + value.outcome.recoverySyncs,
      maxRequestBytes: value.outcome.maxRequestBytes,
      // The pane's results card (issue 15).
      unitCount: ranking.length,
      durationMs: Date.now() - started,
      ranking,
      dataCells: dataCells(value.data),
    };
    return { summary, result: value.result };
  } catch (error) {
    if (error instanceof AddinError) throw error;
    throw AddinError.inEveryLanguage(
      (l) => [render(l, msg("excel.couldNotFinish", { error: errorText(error, l) }))],
      options.language ?? choiceInput.language ?? "en",
    );
  }
}

/** Settings rows, then the task pane's options on top, then the engine. Warnings in `language`, and in every language. */
export function computeFromTables(
  tables: ReadTable[],
  choice: Pick<StoredChoice, "options">,
  language: Language = "en",
): { result: IndexResult; warnings: string[]; localizedWarnings: Record<Language, string[]> } {
  const [data, framework, settings] = tables as [ReadTable, ReadTable, ReadTable | undefined];
  const origins: Partial<Record<TableName, TableOrigin>> = { Data: data.origin, Framework: framework.origin };
  if (settings) origins.Settings = settings.origin;
  let spec: SpecInput = {};
  const settingIssues: ValidationIssue[] = [];
  if (settings) {
    const parsed = settingsToSpecInput(settings.table);
    spec = parsed.spec;
    for (const issue of parsed.issues) settingIssues.push(issue);
  }
  if (choice.options) spec = mergeOptions(spec, choice.options);
  const errors = settingIssues.filter((i) => i.severity === "error");
  if (errors.length > 0)
    throw AddinError.inEveryLanguage((l) => errors.map((i) => formatIssue(i, origins, l)), language);
  try {
    const result = computeIndex(data.table, framework.table, spec);
    const localizedWarnings = inEveryLanguage((l) =>
      [...settingIssues, ...result.warnings].map((i) => formatIssue(i, origins, l)),
    );
    return { result, warnings: localizedWarnings[language], localizedWarnings };
  } catch (error) {
    throw toAddinError(error, origins, settings, language);
  }
}

function buildPlan(result: IndexResult, language: Language, choice: StoredChoice, tables: ReadTable[]): ReportPlan {
  try {
    return buildReport(result, { language, ...(choice.report ?? {}) });
  } catch (error) {
    const origins = tables[2] ? { Settings: tables[2].origin } : {};
    throw toAddinError(error, origins, tables[2], language);
  }
}

function toAddinError(
  error: unknown,
  origins: Partial<Record<TableName, TableOrigin>>,
  settings: ReadTable | undefined,
  language: Language,
): AddinError {
  if (error instanceof IndexInputError)
    return AddinError.inEveryLanguage(
      (l) => error.issues.map((i) => formatIssue(onSettingsRow(i, settings), origins, l)),
      language,
    );
  if (error instanceof IndexComputeError) {
    return AddinError.inEveryLanguage(
      (l) => [computeErrorMessage(error, l), ...error.related.map((i) => formatIssue(i, origins, l))],
      language,
    );
  }
  if (error instanceof AddinError) return error;
  return AddinError.inEveryLanguage(
    (l) => [render(l, msg("excel.couldNotCompute", { error: errorText(error, l) }))],
    language,
  );
}

/** An option error ("normalize.method: unknown method") points at its row of the Settings sheet. */
function onSettingsRow(issue: ValidationIssue, settings: ReadTable | undefined): ValidationIssue {
  if (!settings || (issue.table !== "Spec" && issue.table !== "Settings") || issue.row !== undefined || !issue.column)
    return issue;
  const path = issue.column;
  const row = settings.table.findIndex((cells) => {
    const key = typeof cells[0] === "string" ? cells[0].trim() : "";
    return key !== "" && (key === path || path.startsWith(`${key}.`) || key.startsWith(`${path}.`));
  });
  return row < 0 ? issue : { ...issue, table: "Settings", row, col: 1 };
}

function mergeOptions(base: SpecInput, over: Record<string, unknown>): SpecInput {
  const out: SpecInput = Object.assign(Object.create(null) as SpecInput, base); // no prototype to reach: parseSpec refuses "__proto__"
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    const bothObjects =
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      typeof current === "object" &&
      current !== null &&
      !Array.isArray(current);
    // Method panel (issue 15): null removes a Settings key (a parameter of a method no longer chosen).
    if (value === null) delete out[key];
    else out[key] = bothObjects ? mergeOptions(current as SpecInput, value as Record<string, unknown>) : value;
  }
  return out;
}

/** The per-indicator methods in force (COINr indiv_specs), so the pane shows what differs from the global method. */
export function methodExceptions(result: IndexResult): NonNullable<RunSummary["exceptions"]> {
  const out: NonNullable<RunSummary["exceptions"]> = [];
  for (const m of result.log.methods ?? []) {
    const normalize = m.normalizeSource === "global" ? null : m.normalize;
    const treat = m.treatSource === "global" ? null : m.treat;
    if (normalize === null && treat === null) continue;
    const source = m.normalizeSource === "spec" || m.treatSource === "spec" ? "spec" : "framework";
    out.push({ indicator: m.indicator, normalize, treat, source });
  }
  return out;
}

export function topUnits(result: IndexResult, n: number): RunSummary["top"] {
  const root = result.framework.root;
  const ranks = result.ranks.columns[result.ranks.codes.indexOf(root)];
  const scores = result.scores.columns[result.scores.codes.indexOf(root)];
  if (!ranks || !scores) return [];
  const order = [...ranks.keys()]
    .filter((u) => !Number.isNaN(ranks[u]!))
    .sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  return order.slice(0, n).map((u) => ({
    rank: ranks[u]!,
    code: result.units.codes[u]!,
    name: result.units.names[u] ?? "",
    score: scores[u]!,
  }));
}
