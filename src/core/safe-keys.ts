/**
 * Keys that user input (Settings rows, --spec JSON, stored options) must never use: assigning
 * them on a plain object reaches Object.prototype (`obj["__proto__"] = …` swaps the prototype).
 * Objects built from user input are made with Object.create(null) and checked with these.
 */
import { msg, render, type Message } from "./messages";

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

export const forbiddenKeyText = (key: string): Message => msg("spec.forbiddenKey", { key });
export const forbiddenKeyMessage = (key: string) => render("en", forbiddenKeyText(key));

/** An empty object with no prototype: no key written to it can reach Object.prototype. */
export function bareObject<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * Paths ("normalize.__proto__") of forbidden own keys anywhere in a JSON-like value, and of
 * objects whose prototype is not Object.prototype or null (a prototype swapped in by an earlier
 * merge). Iterative, so any nesting depth is safe.
 */
export function forbiddenKeyPaths(value: unknown): string[] {
  const out: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null)
      out.push(path === "" ? "__proto__" : `${path}.__proto__`);
    for (const key of Object.keys(v)) {
      const at = path === "" ? key : `${path}.${key}`;
      if (isForbiddenKey(key)) out.push(at);
      else stack.push({ value: (v as Record<string, unknown>)[key], path: at });
    }
  }
  return out.sort();
}
