/** The one error type the task pane and the ribbon show: a list of plain messages (with cell addresses). */
export class AddinError extends Error {
  readonly messages: string[];
  constructor(messages: string[] | string) {
    const list = typeof messages === "string" ? [messages] : messages;
    super(list.join("\n"));
    this.name = "AddinError";
    this.messages = list;
  }
}

/** The code of an Office.js error (RichApi.Error has `code`), or null. */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string") {
    return (error as { code: string }).code;
  }
  return null;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = officeErrorCode(error);
    // Before ExcelApi 1.11 a batch cannot wait for the user to finish typing in a cell.
    if (code === "InvalidOperationInCellEditMode") return "Excel is busy while a cell is being edited: press Enter or Esc, then try again";
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
