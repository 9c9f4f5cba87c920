/**
 * Input workbooks for the Office Open XML tests, each built from the IECI sample the way an
 * analyst's workbook would look: edits through exceljs where it keeps them, the rest straight in
 * the package XML (what Excel itself writes, which exceljs cannot).
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { REPO } from "../helpers";

export const SAMPLE = join(REPO, "assets/sample/ieci-2022.xlsx");
export const CARRIED_CHART = join(REPO, "test/fixtures/carried-chart/excel-style.xlsx");
export const CARRIED_CHART_LIBREOFFICE = join(REPO, "test/fixtures/carried-chart/libreoffice.xlsx");

/** Sheet order of the sample: About, Data, Framework, Settings, Functions. */
export const SAMPLE_SHEETS = ["About", "Data", "Framework", "Settings", "Functions"];

export async function editPackage(path: string, edit: (zip: JSZip) => Promise<void>): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  await edit(zip);
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

export async function editPart(zip: JSZip, part: string, edit: (xml: string) => string): Promise<void> {
  const file = zip.file(part);
  if (!file) throw new Error(`no part ${part}`);
  zip.file(part, edit(await file.async("string")));
}

/** Adds one cell (XML of a <c>, without its r) as a new last row of a sheet part. */
export function addCell(xml: string, ref: string, cell: string): string {
  const row = /\d+$/.exec(ref)![0];
  return xml.replace("</sheetData>", `<row r="${row}">${cell.replace("<c", `<c r="${ref}"`)}</row></sheetData>`);
}

export function addDefinedNames(xml: string, names: string): string {
  if (xml.includes("<definedNames>")) return xml.replace("<definedNames>", `<definedNames>${names}`);
  return xml.replace("</sheets>", `</sheets><definedNames>${names}</definedNames>`);
}

/** The sample with aggregate names typed with Alt+Enter (line breaks) and a tab. */
export async function lineBreakNames(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE);
  const framework = book.getWorksheet("Framework")!;
  const rename: Record<string, string> = {
    ATT: "Attrac-\ntiveness",
    INF: "Influence\r\n(global)",
    CON: "Connectivity\tscore",
    // Once the line break is a space, it is the same text as its sibling "Culture and education".
    INF_ECO: "Culture\nand education",
  };
  framework.eachRow((row) => {
    const code = String(row.getCell(1).value);
    if (rename[code] !== undefined) row.getCell(2).value = rename[code]!;
  });
  await book.xlsx.writeFile(path);
}

/** Literal text "_x0041_" where Excel would read "A" unless it is escaped. */
export const LITERAL_ESCAPE = "_x0041_";

/**
 * The sample with what exceljs changes on a pass-through: two sheet-scoped names "Rate" (Data and
 * Framework), a constant name, a two-area print area, an About sheet without <sheetFormatPr>, and
 * literal "_x0041_" text in a cell (About!A200), in a unit name and in an indicator name.
 */
export async function passThroughInput(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(SAMPLE);
  const data = book.getWorksheet("Data")!;
  // The unit's name in every edition's row, so the latest edition's charts show it too.
  const code = data.getCell("A2").value;
  data.eachRow((row, r) => {
    if (r > 1 && row.getCell(1).value === code) row.getCell(2).value = `${LITERAL_ESCAPE} City`;
  });
  await book.xlsx.writeFile(path);
  await editPackage(path, async (zip) => {
    // exceljs writes the text unescaped; Excel escapes the underscore of a literal "_x0041_".
    await editPart(zip, "xl/sharedStrings.xml", (xml) =>
      xml.replace(`<t>${LITERAL_ESCAPE} City</t>`, `<t>_x005F_${LITERAL_ESCAPE.slice(1)} City</t>`),
    );
    await editPart(zip, "xl/workbook.xml", (xml) =>
      addDefinedNames(
        xml,
        '<definedName name="Rate" localSheetId="1">Data!$B$2</definedName>' +
          '<definedName name="Rate" localSheetId="2">Framework!$F$2</definedName>' +
          '<definedName name="Half">0.5</definedName>' +
          '<definedName name="_xlnm.Print_Area" localSheetId="1">Data!$A$1:$C$10,Data!$E$1:$F$10</definedName>',
      ),
    );
    await editPart(zip, "xl/worksheets/sheet1.xml", (xml) =>
      addCell(
        xml.replace(/<sheetFormatPr\b[^>]*\/>/, ""),
        "A200",
        `<c t="inlineStr"><is><t>_x005F_${LITERAL_ESCAPE.slice(1)}</t></is></c>`,
      ),
    );
  });
}

/** Excel's reading of an ST_Xstring: "_xHHHH_" is one character. */
export function decodeXstring(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function copySample(path: string): void {
  copyFileSync(SAMPLE, path);
}
