/**
 * Where the inputs are and which options apply, stored in the workbook (workbook.settings, so it
 * travels with the file and Refresh needs nothing re-entered on any machine), validated with zod
 * when read back (the schema is the contract's, src/excel/contract.ts).
 */
import { forbiddenKeyMessage, forbiddenKeyPaths } from "../core/engine";
import { storedChoiceSchema, type StoredChoice, type TableSource } from "./contract";
import { AddinError } from "./errors";
import type { Session } from "./office";

export const CHOICE_SETTING = "IndexStudio.choice";

/** Validates a choice (from the task pane or from the workbook); messages say what is wrong. */
export function validateChoice(value: unknown): StoredChoice {
  // zod's record drops a "__proto__" key silently: refuse it (and constructor, prototype) by name.
  const unsafe = forbiddenKeyPaths(value);
  if (unsafe.length > 0)
    throw new AddinError(unsafe.map((path) => `Option ${path}: ${forbiddenKeyMessage(path.split(".").pop()!)}`));
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
      return {
        choice: null,
        problem: `The stored Index Studio choice is unreadable and was ignored (${text}); choose the sources again.`,
      };
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
