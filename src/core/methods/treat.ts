/** Each outlier treatment once: its options, its names and its line of docs (the arithmetic is in steps/treat.ts). */
import { z } from "zod";
import { registry, schemasOf, type MethodEntry } from "./entry";

const num = z.number().refine(Number.isFinite, "must be a finite number");

/** Winsorization's options, each once: the global block fills the defaults in, a per-indicator override does not. */
const winsorizeOptions = {
  winmax: z.number().int().min(0),
  skewThreshold: num.refine((v) => v > 0, "must be > 0"),
  kurtThreshold: num,
  fallback: z.enum(["log", "none"]),
};

export const TREAT_REGISTRY = registry({
  none: {
    schema: z.strictObject({ method: z.literal("none") }),
    label: { en: "None", zh: "无" },
    doc: "values are used as they are",
  },
  winsorize: {
    schema: z.strictObject({
      method: z.literal("winsorize"),
      winmax: winsorizeOptions.winmax.default(5),
      skewThreshold: winsorizeOptions.skewThreshold.default(2),
      kurtThreshold: winsorizeOptions.kurtThreshold.default(3.5),
      fallback: winsorizeOptions.fallback.default("log"),
    }),
    label: { en: "Winsorize (then log)", zh: "缩尾（再取对数）" },
    doc: "COINr's treatment: winsorize up to winmax points while |skew| > skewThreshold and kurtosis > kurtThreshold, else a log transform (fallback)",
  },
} satisfies Record<string, MethodEntry>);

export type TreatMethod = keyof typeof TREAT_REGISTRY;
export const TREAT_METHODS = Object.keys(TREAT_REGISTRY) as readonly TreatMethod[];
export const treatSchema = z.preprocess(
  (v) => (typeof v === "string" ? { method: v } : v),
  z.discriminatedUnion("method", schemasOf(TREAT_REGISTRY)),
);
export type TreatSpec = z.output<typeof treatSchema>;
export type WinsorizeSpec = z.output<typeof TREAT_REGISTRY.winsorize.schema>;

/** Winsorization with every default filled in. */
export const WINSORIZE_DEFAULTS: WinsorizeSpec = TREAT_REGISTRY.winsorize.schema.parse({ method: "winsorize" });

/** Per-indicator treatment (COINr indiv_specs): winsorization parameters over the global ones, none required. */
export const treatOverrideSchema = z.strictObject({
  method: z.literal("winsorize").optional(),
  winmax: winsorizeOptions.winmax.optional(),
  skewThreshold: winsorizeOptions.skewThreshold.optional(),
  kurtThreshold: winsorizeOptions.kurtThreshold.optional(),
  fallback: winsorizeOptions.fallback.optional(),
});
