/** Finds the Data / Framework / Settings inputs: sheets or tables by name, and the stored choice. */
import { queueStoredChoice } from "./choice";
import type { Detection, TableSource } from "./contract";
import { runInExcel } from "./office";

const NAMES = {
  data: ["data", "idata", "数据"],
  framework: ["framework", "imeta", "meta", "框架"],
  settings: ["settings", "options", "设置"],
} as const;

function pick(kind: keyof typeof NAMES, sheets: string[], tables: string[]): TableSource | null {
  for (const wanted of NAMES[kind]) {
    const sheet = sheets.find((s) => s.toLowerCase() === wanted);
    if (sheet) return { kind: "sheet", sheet };
  }
  for (const wanted of NAMES[kind]) {
    const table = tables.find((t) => t.toLowerCase() === wanted);
    if (table) return { kind: "table", table };
  }
  return null;
}

export async function detectSources(): Promise<Detection> {
  const { value } = await runInExcel(async (session) => {
    const sheets = session.workbook.worksheets.load("items/name");
    const tables = session.workbook.tables.load("items/name");
    const stored = queueStoredChoice(session);
    await session.sync();
    return { sheets: sheets.items.map((s) => s.name), tables: tables.items.map((t) => t.name), stored: stored() };
  });
  const data = pick("data", value.sheets, value.tables);
  const framework = pick("framework", value.sheets, value.tables);
  const settings = pick("settings", value.sheets, value.tables);
  return {
    data,
    framework,
    settings,
    sheets: value.sheets,
    tables: value.tables,
    choice: data && framework ? { version: 1, data, framework, settings } : null,
    stored: value.stored.choice,
    warnings: value.stored.problem ? [value.stored.problem] : [],
  };
}
