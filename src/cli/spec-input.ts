/** The pipeline options of a run: the Settings sheet, with a --spec JSON file merged over it. */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  IndexInputError,
  type ValidationIssue,
  bareObject,
  parseSpec,
  settingsToSpecInput,
  type SpecInput,
  type Table,
} from "../core/engine";
import { describeFsError, InputFileError } from "./read";

export async function readSpecFile(path: string): Promise<SpecInput> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputFileError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InputFileError(
      `${basename(path)} is not valid JSON (${(error as Error).message}); write the options as in { "normalize": { "method": "minmax" } }`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputFileError(
      `${basename(path)} must hold one JSON object of options, such as { "impute": { "method": "median" } }`,
    );
  }
  return value as SpecInput;
}

/**
 * Overrides one spec with another, key by key. A step block is merged only when it keeps the same
 * method (so { "normalize": { "high": 10 } } changes one parameter); a new method replaces the
 * block, so the old method's parameters do not leak into it.
 */
export function mergeSpec(base: SpecInput, override: SpecInput): SpecInput {
  // No prototype: a "__proto__" key from JSON stays an own key, which parseSpec then refuses.
  const out: SpecInput = Object.assign(bareObject(), base);
  for (const [key, value] of Object.entries(override)) {
    const old = out[key];
    out[key] =
      isPlainObject(old) && isPlainObject(value) && (value.method === undefined || value.method === old.method)
        ? mergeSpec(old, value)
        : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The spec input of a run, validated here so that errors point at the Settings cell
 * (Settings!B4) or at the JSON file that holds the wrong option. computeIndex parses it again
 * (cheap), as it does any input.
 */
export function resolveSpec(settings: Table | undefined, json: SpecInput | undefined): SpecInput {
  let fromSettings: SpecInput = {};
  if (settings) {
    const converted = settingsToSpecInput(settings);
    if (converted.issues.length > 0) throw new IndexInputError(converted.issues);
    fromSettings = converted.spec;
  }
  const merged = json ? mergeSpec(fromSettings, json) : fromSettings;
  try {
    parseSpec(merged, "Settings");
  } catch (error) {
    throw placeSpecIssues(error, settings, json);
  }
  return merged;
}

/**
 * An option error (from parsing, or from the engine checking codes against the tables) points at
 * the Settings cell that set it, or at the --spec file. Other errors pass through unchanged.
 */
export function placeSpecIssues(error: unknown, settings: Table | undefined, json: SpecInput | undefined): unknown {
  if (!(error instanceof IndexInputError) || !error.issues.some((i) => i.table === "Spec" || i.table === "Settings"))
    return error;
  return new IndexInputError(
    error.issues.map((issue): ValidationIssue => {
      if (issue.table !== "Spec" && issue.table !== "Settings") return issue;
      const top = issue.column?.split(".")[0];
      const fromJson = !settings || (json !== undefined && top !== undefined && top in json);
      return fromJson ? { ...issue, table: "Spec" } : locateSetting({ ...issue, table: "Settings" }, settings);
    }),
  );
}

/** Points a spec issue at its Settings row: the value cell (column B), or the key cell of an unknown option. */
function locateSetting(issue: ValidationIssue, settings: Table): ValidationIssue {
  const path = issue.column;
  if (!path || issue.row !== undefined) return issue;
  const keys = settings.map((row) => (typeof row[0] === "string" ? row[0].trim() : ""));
  let row = keys.indexOf(path);
  let col = 1;
  if (row < 0) {
    row = keys.findIndex((key) => key.startsWith(`${path}.`));
    col = 0;
  }
  if (row < 0) {
    row = keys.findIndex((key) => key !== "" && path.startsWith(`${key}.`));
    col = 1;
  }
  return row < 0 ? issue : { ...issue, row, col };
}
