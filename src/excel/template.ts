/**
 * "New index from template": Data, Framework and Settings sheets (and About for the sample) from
 * the bundled IECI sample or a blank skeleton. Existing sheets are never overwritten: a taken
 * name gets " (2)", and the stored choice points at the sheets actually created.
 */
import { ieciAboutTable, ieciDataTable, ieciFrameworkTable, ieciSettingsTable } from "../core/sample";
import type { Table, Language } from "../core/engine";
import { charsToPoints, SheetGrid } from "./cells";
import { queueSaveChoice } from "./choice";
import type { StoredChoice, TemplateKind } from "./contract";
import { AddinError, errorText } from "./errors";
import { uniqueSheetName } from "../core/report";
import { runBatch, runInExcel } from "./office";
import { markOwnWrite } from "./auto-refresh";

const BLANK_TEXT = {
  en: { unit: "Unit", indicator: "Indicator", pillar: "Pillar", index: "Index" },
  "zh-CN": { unit: "单位", indicator: "指标", pillar: "支柱", index: "指数" },
} as const;

/** Sheet names of a new template: detection (src/excel/detect.ts) accepts 数据, 框架 and 设置 as well. */
export const TEMPLATE_SHEETS: Record<Language, { data: string; framework: string; settings: string; about: string }> = {
  en: { data: "Data", framework: "Framework", settings: "Settings", about: "About" },
  "zh-CN": { data: "数据", framework: "框架", settings: "设置", about: "说明" },
};

export function blankTables(language: Language): { data: Table; framework: Table; settings: Table } {
  const t = BLANK_TEXT[language];
  const indicators = ["IND1", "IND2", "IND3", "IND4"];
  return {
    data: [
      ["uCode", "uName", "Region", ...indicators],
      ...[1, 2, 3].map((k) => [`U${k}`, `${t.unit} ${k}`, null, null, null, null, null]),
    ],
    framework: [
      ["iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type"],
      ...indicators.map((code, k) => [code, `${t.indicator} ${k + 1}`, 1, k < 2 ? "P1" : "P2", 1, 1, "Indicator"]),
      ["P1", `${t.pillar} 1`, 2, "INDEX", null, 1, "Aggregate"],
      ["P2", `${t.pillar} 2`, 2, "INDEX", null, 1, "Aggregate"],
      ["INDEX", t.index, 3, null, null, 1, "Aggregate"],
      ["Region", "Region", null, null, null, null, "Group"],
    ],
    settings: [
      ["Key", "Value"],
      ["impute.method", "none"],
      ["treat.method", "none"],
      ["normalize.method", "minmax"],
      ["aggregate.method", "arithmetic"],
    ],
  };
}

export async function createTemplate(kind: TemplateKind, language: Language = "en"): Promise<StoredChoice> {
  const tables =
    kind === "ieci"
      ? {
          data: ieciDataTable(),
          framework: ieciFrameworkTable(),
          settings: ieciSettingsTable(),
          about: ieciAboutTable(),
        }
      : { ...blankTables(language), about: null };
  const sheetNames = TEMPLATE_SHEETS[language];
  const wanted: [string, Table][] = [
    [sheetNames.data, tables.data],
    [sheetNames.framework, tables.framework],
    [sheetNames.settings, tables.settings],
  ];
  if (tables.about) wanted.push([sheetNames.about, tables.about]);
  const created: string[] = [];
  try {
    const { value } = await runInExcel(async (session) => {
      const existing = session.workbook.worksheets.load("items/name");
      await session.sync();
      const taken = new Set(existing.items.map((s) => s.name.toLowerCase()));
      const names = wanted.map(([base]) => uniqueSheetName(base, taken));
      markOwnWrite();
      wanted.forEach(([, table], i) => {
        const sheet = session.workbook.worksheets.add(names[i]);
        created.push(names[i]!);
        const grid = new SheetGrid(table, []);
        if (grid.cols === 0) return;
        const block = grid.block(0, grid.rows);
        const range = sheet.getRangeByIndexes(0, 0, grid.rows, grid.cols);
        range.numberFormat = block.formats;
        range.values = block.values;
        sheet.freezePanes.freezeRows(1);
        sheet.getRangeByIndexes(0, 0, 1, grid.cols).format.font.bold = true;
        sheet.getRangeByIndexes(0, 0, 1, grid.cols).getEntireColumn().format.columnWidth = charsToPoints(12);
      });
      const choice: StoredChoice = {
        version: 1,
        data: { kind: "sheet", sheet: names[0]! },
        framework: { kind: "sheet", sheet: names[1]! },
        settings: { kind: "sheet", sheet: names[2]! },
        language,
      };
      queueSaveChoice(session, choice);
      session.workbook.worksheets.getItem(names[0]!).activate();
      await session.sync();
      return choice;
    });
    return value;
  } catch (error) {
    await removeSheets(created);
    if (error instanceof AddinError) throw error;
    throw new AddinError(`The template could not be created: ${errorText(error)}. Nothing was changed.`);
  }
}

/** Deletes sheets this module just created (never anything else). */
async function removeSheets(names: string[]): Promise<void> {
  if (names.length === 0) return;
  try {
    await runBatch(async (context) => {
      const proxies = names.map((n) => context.workbook.worksheets.getItemOrNullObject(n));
      await context.sync();
      for (const p of proxies) if (!p.isNullObject) p.delete();
      await context.sync();
    });
  } catch {
    // Best effort: the error reported is the original one.
  }
}
