/**
 * How Excel calls a custom function, from its functions.json entry: the part of the fake for
 * src/functions. Rules, each with its source:
 *  - A blank cell in a range arrives as null on current builds and as 0 on older Excel desktop
 *    builds (office-js #4702: "empty cells are passed as zero in desktop and null in office web";
 *    also #5262, fixed since). `blanks: "zero"` models the older builds.
 *  - An error cell (#N/A, #DIV/0!...) in an argument: unless functions.json sets
 *    allowErrorForDataTypeAny and the parameter's type is "any", Excel does not call the function
 *    and the formula's result is that error, with no message
 *    (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json); with it, the cell
 *    arrives as an error object with the code (CustomFunctions.Error, code "#N/A").
 *  - Text given for a parameter of type "number": Excel answers #VALUE! without calling the
 *    function (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options:
 *    parameters are converted to their declared type), so no message can say why.
 *  - An omitted optional argument arrives as null.
 */

/** A worksheet cell as a formula sees it: a value, a blank (null) or an error such as { error: "#N/A" }. */
export type SheetCell = number | string | boolean | null | { error: string };
export type SheetArg = SheetCell | SheetCell[][] | undefined;

export interface ParameterMetadata {
  name: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}

export interface FunctionsMetadata {
  allowErrorForDataTypeAny?: boolean;
  functions: { id: string; parameters: ParameterMetadata[] }[];
}

/** What Excel passes for an error cell when it passes one: an object with the error's code (as CustomFunctions.Error). */
export class ErrorInput {
  readonly code: string;
  readonly message?: string;
  constructor(code: string) {
    this.code = code;
  }
}

export type Invocation = { called: true; result: unknown } | { called: false; error: string };

const isError = (cell: SheetCell): cell is { error: string } => typeof cell === "object" && cell !== null;

export function invokeLikeExcel(
  metadata: FunctionsMetadata,
  id: string,
  fn: (...args: unknown[]) => unknown,
  args: SheetArg[],
  options: { blanks?: "null" | "zero" } = {},
): Invocation {
  const entry = metadata.functions.find((f) => f.id === id);
  if (!entry) throw new Error(`no function ${id} in the metadata`);
  const blank = options.blanks === "zero" ? 0 : null;
  const passed: unknown[] = [];
  for (const [k, param] of entry.parameters.entries()) {
    const arg = args[k];
    if (arg === undefined) {
      if (!param.optional) throw new Error(`${id}: ${param.name} is required`);
      passed.push(null);
      continue;
    }
    const cells: SheetCell[][] = Array.isArray(arg) ? arg : [[arg]];
    const converted: unknown[][] = [];
    for (const row of cells) {
      const out: unknown[] = [];
      for (const cell of row) {
        if (isError(cell)) {
          if (!(metadata.allowErrorForDataTypeAny === true && (param.type ?? "any") === "any"))
            return { called: false, error: cell.error };
          out.push(new ErrorInput(cell.error));
        } else if (cell === null) out.push(blank);
        else if (param.type === "number" && typeof cell !== "number") {
          if (typeof cell === "string" && cell.trim() !== "" && Number.isFinite(Number(cell))) out.push(Number(cell));
          else return { called: false, error: "#VALUE!" };
        } else out.push(cell);
      }
      converted.push(out);
    }
    passed.push(param.dimensionality === "matrix" ? converted : converted[0]![0]);
  }
  return { called: true, result: fn(...passed) };
}
