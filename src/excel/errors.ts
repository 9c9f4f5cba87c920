import type { Language } from "../core/engine";
import { inEveryLanguage, msg, render } from "../core/engine";

/** The one error type the task pane and the ribbon show: a list of plain messages (with cell addresses). */
export class AddinError extends Error {
  readonly messages: string[];
  /** The same messages in every language, when they come from the engine's catalogue: the pane shows them in its language, also after a switch. */
  readonly localized?: Record<Language, string[]>;
  constructor(messages: string[] | string, localized?: Record<Language, string[]>) {
    const list = typeof messages === "string" ? [messages] : messages;
    super(list.join("\n"));
    this.name = "AddinError";
    this.messages = list;
    if (localized) this.localized = localized;
  }

  /** An error whose messages are rendered per language (`language` picks `messages`, English by default). */
  static inEveryLanguage(make: (language: Language) => string[], language: Language = "en"): AddinError {
    const localized = inEveryLanguage(make);
    return new AddinError(localized[language], localized);
  }
}

/** The code of an Office.js error (RichApi.Error has `code`), or null. */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string") {
    return (error as { code: string }).code;
  }
  return null;
}

export function errorText(error: unknown, language: Language = "en"): string {
  if (error instanceof Error) {
    const code = officeErrorCode(error);
    // Before ExcelApi 1.11 a batch cannot wait for the user to finish typing in a cell.
    if (code === "InvalidOperationInCellEditMode") return render(language, msg("excel.busy"));
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
