/** The languages of the add-in, the command line and the report: one zod enum, its type derived, imported everywhere. */
import { z } from "zod";

export const languageSchema = z.enum(["en", "zh-CN"]);
export type Language = z.infer<typeof languageSchema>;
export const LANGUAGES: readonly Language[] = languageSchema.options;
