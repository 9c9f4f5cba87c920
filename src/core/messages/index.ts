/**
 * The engine's one message catalogue. A message is a key and its parameters (plain JSON, so it
 * crosses the Web Worker and the workbook's stored state); it is rendered in a language only where
 * it is shown: the task pane, the command line and the result sheets.
 */
import type { Language } from "../language";
import { en } from "./en";
import { zhCN } from "./zh-CN";

type English = typeof en;
type Chinese = typeof zhCN;
export type MessageKey = keyof English;

/** The `{name}` slots of a template, as a union of names. */
type Slots<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Slots<Rest> : never;

/** A parameter: text and numbers as given, a list (joined with the language's separator), or a message of its own. */
export type MessageParam = string | number | readonly (string | number)[] | Message;
export type MessageParams<K extends MessageKey> = { readonly [P in Slots<English[K]>]: MessageParam };
export type Message = {
  [K in MessageKey]: Slots<English[K]> extends never
    ? { key: K; params?: undefined }
    : { key: K; params: MessageParams<K> };
}[MessageKey];

// Compile-time check: every Chinese template has exactly the English one's slots (names the key otherwise).
type Mismatch = {
  [K in MessageKey]: [Slots<English[K]>] extends [Slots<Chinese[K]>]
    ? [Slots<Chinese[K]>] extends [Slots<English[K]>]
      ? never
      : K
    : K;
}[MessageKey];
const sameSlots: [Mismatch] extends [never] ? true : Mismatch = true;
void sameSlots;

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, "zh-CN": zhCN };

/** A message with its parameters type-checked against the English template. */
export function msg<K extends MessageKey>(
  key: K,
  ...params: Slots<English[K]> extends never ? [] : [MessageParams<K>]
): Message {
  return (params.length ? { key, params: params[0] } : { key }) as Message;
}

/** The list separator: ", " in English, the enumeration comma 、 in Chinese. Every list in a message goes through it. */
export function listSeparator(language: Language): string {
  return language === "zh-CN" ? "、" : ", ";
}

export function joinList(language: Language, items: readonly (string | number)[]): string {
  return items.map(String).join(listSeparator(language));
}

export function isMessage(value: unknown): value is Message {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { key?: unknown }).key === "string" &&
    (value as { key: string }).key in en
  );
}

/** The message in a language; an unknown slot stays visible as `{name}` (a programming error, not a crash). */
export function render(language: Language, message: Message): string {
  const template = CATALOGUES[language][message.key] ?? en[message.key];
  const params = (message.params ?? {}) as Record<string, MessageParam>;
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in params ? renderParam(language, params[name]!) : slot,
  );
}

function renderParam(language: Language, value: MessageParam): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return joinList(language, value as (string | number)[]);
  return render(language, value as Message);
}

/** Text or a message, rendered. */
export function textIn(language: Language, text: string | Message): string {
  return typeof text === "string" ? text : render(language, text);
}

/** The same message in every language: for the add-in's errors and warnings, so that switching language re-renders them. */
export function inEveryLanguage<T>(make: (language: Language) => T): Record<Language, T> {
  return { en: make("en"), "zh-CN": make("zh-CN") };
}
