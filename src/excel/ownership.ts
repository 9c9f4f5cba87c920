/**
 * Which sheets belong to Index Studio. The list of owned sheet ids lives in the workbook's settings
 * (validated with zod when read back), and each owned sheet also carries a mark: a custom property
 * where ExcelApi 1.12 is available, else a sheet-scoped defined name (which goes with the sheet).
 * A sheet counts as owned only if both agree, so a user's sheet is never taken for an output: a
 * copied output sheet has a new id, and a user's sheet that happens to get a recycled id has no mark.
 */
import { z } from "zod";
import type { Session } from "./office";

export const OWNED_SETTING = "IndexStudio.ownedSheets";
export { OWNER_PROPERTY, ownerName } from "../core/report";

const registrySchema = z.strictObject({
  version: z.literal(1),
  /** shape: the layout signature of what was written (see sheetShape), to know when it can be updated in place. */
  sheets: z.array(
    z.strictObject({ id: z.string().min(1), key: z.string().min(1), shape: z.string().max(64).optional() }),
  ),
});
export type OwnedRegistry = z.infer<typeof registrySchema>;

export const EMPTY_REGISTRY: OwnedRegistry = { version: 1, sheets: [] };

export function parseRegistry(raw: unknown): { registry: OwnedRegistry; problem: string | null } {
  if (raw === undefined || raw === null) return { registry: EMPTY_REGISTRY, problem: null };
  try {
    const value = typeof raw === "string" ? JSON.parse(raw) : raw;
    return { registry: registrySchema.parse(value), problem: null };
  } catch {
    return {
      registry: EMPTY_REGISTRY,
      problem:
        "The list of Index Studio's output sheets was unreadable; earlier output sheets are kept as they are and new ones are added.",
    };
  }
}

export function queueSaveRegistry(session: Session, registry: OwnedRegistry): void {
  session.workbook.settings.add(OWNED_SETTING, JSON.stringify(registry));
}
