/** What every method of every step declares once: its schema, its names in each language and a line of docs. */
import type { z } from "zod";

/** A strict `{ method: "name", ...parameters }` object; refinements keep it a ZodObject, so `.shape` is public. */
export type MethodSchema = z.ZodObject<{ method: z.ZodLiteral<string> } & z.ZodRawShape, z.core.$strict>;

export interface MethodLabels {
  en: string;
  zh: string;
}

export interface MethodEntry<S extends MethodSchema = MethodSchema> {
  schema: S;
  label: MethodLabels;
  /** One line for the docs table and the function help. */
  doc: string;
}

/** The method name a schema accepts (its literal). */
export function methodName(schema: MethodSchema): string {
  return schema.shape.method.value as string;
}

/** The keys an entry accepts, "method" first. */
export function methodKeys(schema: MethodSchema): string[] {
  return Object.keys(schema.shape);
}

/**
 * Checks at load that each key names its own schema's literal, so a registry cannot say one
 * name and parse another; returns the registry unchanged.
 */
export function registry<R extends Record<string, MethodEntry>>(entries: R): R {
  for (const [key, entry] of Object.entries(entries)) {
    if (methodName(entry.schema) !== key)
      throw new Error(`method registry: key "${key}" holds the schema of "${methodName(entry.schema)}"`);
  }
  return entries;
}

/** The non-empty tuple zod's discriminatedUnion takes, from a registry's schemas. */
export function schemasOf<R extends Record<string, MethodEntry>>(
  entries: R,
): [R[keyof R]["schema"], ...R[keyof R]["schema"][]] {
  return Object.values(entries).map((e) => e.schema) as [R[keyof R]["schema"], ...R[keyof R]["schema"][]];
}
