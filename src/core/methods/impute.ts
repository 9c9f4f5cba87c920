/** Each imputation once: its options, its names and its line of docs (the arithmetic is in steps/impute.ts). */
import { z } from "zod";
import { registry, schemasOf, type MethodEntry } from "./entry";

export const IMPUTE_REGISTRY = registry({
  none: {
    schema: z.strictObject({ method: z.literal("none") }),
    label: { en: "None", zh: "无" },
    doc: "missing values stay missing (aggregation skips them)",
  },
  mean: {
    schema: z.strictObject({ method: z.literal("mean") }),
    label: { en: "Mean", zh: "均值" },
    doc: "the indicator's mean over all units",
  },
  median: {
    schema: z.strictObject({ method: z.literal("median") }),
    label: { en: "Median", zh: "中位数" },
    doc: "the indicator's median over all units",
  },
  "group-mean": {
    schema: z.strictObject({ method: z.literal("group-mean"), group: z.string().min(1) }),
    label: { en: "Group mean", zh: "组均值" },
    doc: "the indicator's mean within the unit's group (a Data column named by group)",
  },
  "group-median": {
    schema: z.strictObject({ method: z.literal("group-median"), group: z.string().min(1) }),
    label: { en: "Group median", zh: "组中位数" },
    doc: "the indicator's median within the unit's group (a Data column named by group)",
  },
  /** Editions only: the unit's latest earlier value (COINr impute_panel "latest"). */
  "carry-forward": {
    schema: z.strictObject({ method: z.literal("carry-forward") }),
    label: { en: "Carry forward (editions)", zh: "沿用上期值（多期）" },
    doc: 'editions only: the unit\'s latest earlier value (COINr impute_panel "latest")',
  },
} satisfies Record<string, MethodEntry>);

export type ImputeMethod = keyof typeof IMPUTE_REGISTRY;
export const IMPUTE_METHODS = Object.keys(IMPUTE_REGISTRY) as readonly ImputeMethod[];
export const imputeSchema = z.preprocess(
  (v) => (typeof v === "string" ? { method: v } : v),
  z.discriminatedUnion("method", schemasOf(IMPUTE_REGISTRY)),
);
export type ImputeSpec = z.output<typeof imputeSchema>;
