/**
 * #VALUE! results for the custom functions. In Excel they are CustomFunctions.Error objects; in
 * Node (tests, bench) CustomFunctions is absent and a stand-in of the same shape is used.
 */
import { formatIssue, IndexComputeError, IndexInputError } from "../core/engine";

export const VALUE_ERROR = "#VALUE!";
/** Excel shows the message in the cell's error menu; long texts are clipped there anyway. */
const MAX_MESSAGE = 255;

/** Node stand-in for CustomFunctions.Error (same fields). */
export class FunctionError {
  readonly code: string;
  readonly message: string;
  constructor(code: string, message?: string) {
    this.code = code;
    this.message = message ?? "";
  }
}

export type ErrorValue = CustomFunctions.Error | FunctionError;

/** Wrong input that the wrapper itself detects (sizes, method names). */
export class ArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgumentError";
  }
}

export function valueError(message: string): ErrorValue {
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
  if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function") {
    return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, text);
  }
  return new FunctionError(VALUE_ERROR, text);
}

export function isErrorValue(value: unknown): value is ErrorValue {
  if (value instanceof FunctionError) return true;
  return typeof CustomFunctions !== "undefined" && value instanceof CustomFunctions.Error;
}

/** Turns anything thrown by the engine or the wrapper into #VALUE! with a message that says what to fix. */
export function errorFrom(caught: unknown): ErrorValue {
  if (caught instanceof IndexInputError) {
    const errors = caught.issues.filter((i) => i.severity === "error");
    const shown = errors.slice(0, 2).map((i) => formatIssue(i));
    const more = errors.length > 2 ? ` (+${errors.length - 2} more)` : "";
    return valueError(shown.join("; ") + more);
  }
  if (caught instanceof IndexComputeError) return valueError(withCause(caught));
  if (caught instanceof ArgumentError) return valueError(caught.message);
  // Unexpected: still never throw into Excel.
  const text = caught instanceof Error ? caught.message : String(caught);
  return valueError(`Index Studio could not compute this: ${text}`);
}

/** A compute error with the first cell that explains it: "Indicator x2 … has no values (Data!D2: "1,5" is not a number…, +3 more cells)". */
function withCause(error: IndexComputeError): string {
  const cells = error.related.filter((i) => i.row !== undefined && i.col !== undefined);
  if (cells.length === 0) return error.message;
  const more = cells.length > 1 ? `, +${cells.length - 1} more cell${cells.length > 2 ? "s" : ""}` : "";
  const cause = ` (${formatIssue({ ...cells[0]!, severity: "error" })}${more})`;
  const head = error.message.length + cause.length <= MAX_MESSAGE ? error.message : error.message.split(/\.\s/)[0]!;
  return `${head}${cause}`;
}
