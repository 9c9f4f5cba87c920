/**
 * zod's issue messages in the catalogue. zod words its own checks in English ("Invalid input: expected
 * number, received string"); the ones the options meet are read back here into catalogue messages,
 * kept only when the English renders to zod's text word for word (else the text stays as zod wrote it).
 */
import type { z } from "zod";
import { en } from "./messages/en";
import { msg, render, type Message, type MessageKey } from "./messages";

const TYPES: Record<string, MessageKey> = {
  number: "zod.type.number",
  string: "zod.type.string",
  boolean: "zod.type.boolean",
  object: "zod.type.object",
  array: "zod.type.array",
  undefined: "zod.type.undefined",
  null: "zod.type.null",
};

/** The refinements' own messages (src/core/spec.ts, src/core/methods), by their English text. */
const OWN: ReadonlyMap<string, MessageKey> = new Map(
  (Object.keys(en) as MessageKey[])
    .filter((key) => key.startsWith("zod.own."))
    .map((key) => [en[key] as string, key] as const),
);

const type = (word: string): string | Message => {
  const key = TYPES[word];
  return key ? ({ key } as Message) : word;
};

function read(text: string): Message | undefined {
  const own = OWN.get(text);
  if (own) return { key: own } as Message;
  let m = /^Invalid input: expected (\w+), received (\w+)$/.exec(text);
  if (m) return msg("zod.invalidType", { expected: type(m[1]!), received: type(m[2]!) });
  m = /^Invalid option: expected one of (.+)$/.exec(text);
  if (m) return msg("zod.oneOf", { values: m[1]! });
  m = /^Invalid input: expected (.+)$/.exec(text);
  if (m) return msg("zod.expected", { value: m[1]! });
  m = /^Too small: expected number to be (>=|>)(.+)$/.exec(text);
  if (m) return msg("zod.tooSmall", { op: m[1]!, n: m[2]! });
  m = /^Too big: expected number to be (<=|<)(.+)$/.exec(text);
  if (m) return msg("zod.tooBig", { op: m[1]!, n: m[2]! });
  m = /^Too small: expected string to have (>=|>)(\d+) characters$/.exec(text);
  if (m) return msg("zod.tooShort", { op: m[1]!, n: m[2]! });
  if (text === "Invalid input") return msg("zod.invalid");
  return undefined;
}

/** A zod issue's message as a catalogue message when it is one the catalogue words, else zod's English. */
export function zodText(issue: z.core.$ZodIssue): string | Message {
  const text = read(issue.message);
  return text && render("en", text) === issue.message ? text : issue.message;
}
