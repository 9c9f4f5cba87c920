/**
 * Where the inputs are and which options apply, stored in the workbook (workbook.settings, so it
 * travels with the file and Refresh needs nothing re-entered on any machine), validated with zod
 * when read back.
 */
import { z } from "zod";
import { forbiddenKeyMessage, forbiddenKeyPaths } from "../core/safe-keys";
import { AddinError } from "./errors";
import type { Session } from "./office";

export const tableSourceSchema = z.discriminatedUnion("kind", [
  /** The used range of a sheet, header in its first row (the command line's layout). */
  z.strictObject({ kind: z.literal("sheet"), sheet: z.string().min(1).max(31) }),
  /** An Excel table (header row + body). */
  z.strictObject({ kind: z.literal("table"), table: z.string().min(1).max(255) }),
  /** A range the user picked, header in its first row. */
  z.strictObject({ kind: z.literal("range"), sheet: z.string().min(1).max(31), address: z.string().regex(/^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/) }),
]);
export type TableSource = z.infer<typeof tableSourceSchema>;

export const languageSchema = z.enum(["en", "zh-CN"]);
export type AddinLanguage = z.infer<typeof languageSchema>;

export const storedChoiceSchema = z.strictObject({
  version: z.literal(1),
  data: tableSourceSchema,
  framework: tableSourceSchema,
  /** Key | value rows (normalize.method | minmax), or null for the defaults. */
  settings: tableSourceSchema.nullable(),
  /** Options set in the task pane; they override the Settings rows key by key. */
  options: z.record(z.string(), z.unknown()).optional(),
  report: z.strictObject({
    topN: z.number().int().min(1).max(1000).optional(),
    radarUnit: z.string().min(1).optional(),
    scatterPillars: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
  }).optional(),
  language: languageSchema.optional(),
  autoRefresh: z.boolean().optional(),
});
export type StoredChoice = z.infer<typeof storedChoiceSchema>;

export const CHOICE_SETTING = "IndexStudio.choice";

/** Validates a choice (from the task pane or from the workbook); messages say what is wrong. */
export function validateChoice(value: unknown): StoredChoice {
  // zod's record drops a "__proto__" key silently: refuse it (and constructor, prototype) by name.
  const unsafe = forbiddenKeyPaths(value);
  if (unsafe.length > 0) throw new AddinError(unsafe.map((path) => `Option ${path}: ${forbiddenKeyMessage(path.split(".").pop()!)}`));
  const parsed = storedChoiceSchema.safeParse(value);
  if (!parsed.success) {
    throw new AddinError(parsed.error.issues.map((i) => `Stored choice ${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  return parsed.data;
}

/** Queues reading the stored choice; call after the session's next sync. */
export function queueStoredChoice(session: Session): () => { choice: StoredChoice | null; problem: string | null } {
  const item = session.workbook.settings.getItemOrNullObject(CHOICE_SETTING);
  item.load("value");
  return () => {
    if (item.isNullObject) return { choice: null, problem: null };
    try {
      const raw = typeof item.value === "string" ? JSON.parse(item.value) : item.value;
      return { choice: validateChoice(raw), problem: null };
    } catch (error) {
      const text = error instanceof AddinError ? error.messages.join("; ") : String(error);
      return { choice: null, problem: `The stored Index Studio choice is unreadable and was ignored (${text}); choose the sources again.` };
    }
  };
}

export function queueSaveChoice(session: Session, choice: StoredChoice): void {
  session.workbook.settings.add(CHOICE_SETTING, JSON.stringify(validateChoice(choice)));
}

export function describeSource(source: TableSource): string {
  if (source.kind === "sheet") return `sheet "${source.sheet}"`;
  if (source.kind === "table") return `table "${source.table}"`;
  return `range ${source.sheet}!${source.address}`;
}
