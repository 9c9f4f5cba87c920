/**
 * Adds chart parts to a written .xlsx package (exceljs cannot write charts): for each sheet a
 * drawing part (xl/drawings/drawingN.xml) with one two-cell anchor per chart, its relationships
 * to xl/charts/chartN.xml, the sheet's <drawing r:id> and the [Content_Types].xml overrides.
 */
import type JSZip from "jszip";
import type { ChartPlan } from "../../core/report";
import { attributes, rootChildren, xmlText } from "./xml";

export interface SheetCharts {
  sheetName: string;
  charts: { xml: string; title: string; anchor: ChartPlan["anchor"] }[];
}

const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
/** Sheet children that must come after <drawing> (CT_Worksheet sequence). */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

export async function addChartsToPackage(zip: JSZip, sheets: SheetCharts[]): Promise<void> {
  const sheetPaths = await worksheetPaths(zip);
  let drawingNo = nextNumber(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
  let chartNo = nextNumber(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  const overrides: string[] = [];

  for (const sheet of sheets) {
    if (sheet.charts.length === 0) continue;
    const sheetPath = sheetPaths.get(sheet.sheetName);
    if (!sheetPath) throw new Error(`internal: sheet "${sheet.sheetName}" is missing from the written workbook`);
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const drawingRels: string[] = [];
    const anchors = sheet.charts.map((chart, i) => {
      const chartPath = `xl/charts/chart${chartNo}.xml`;
      zip.file(chartPath, chart.xml);
      overrides.push(`<Override PartName="/${chartPath}" ContentType="${CT_CHART}"/>`);
      drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${chartNo}.xml"/>`);
      chartNo++;
      return anchorXml(chart.anchor, i + 1, chart.title);
    });
    zip.file(drawingPath, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
      + `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${anchors.join("")}</xdr:wsDr>`);
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relsXml(drawingRels));
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/>`);
    await linkDrawing(zip, sheetPath, `../drawings/drawing${drawingNo}.xml`);
    drawingNo++;
  }

  const typesFile = zip.file("[Content_Types].xml");
  if (!typesFile) throw new Error("internal: the written workbook has no [Content_Types].xml");
  const types = await typesFile.async("string");
  zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
}

/** Sheet name → its part path, from xl/workbook.xml and its relationships. */
export async function worksheetPaths(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbook || !rels) throw new Error("internal: the written workbook has no xl/workbook.xml or its relationships");
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const a = attributes(tag);
    const target = a.get("Target") ?? "";
    targets.set(a.get("Id") ?? "", target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const paths = new Map<string, string>();
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const a = attributes(tag);
    const path = targets.get(a.get("r:id") ?? "");
    if (path) paths.set(a.get("name") ?? "", path);
  }
  return paths;
}

function nextNumber(zip: JSZip, pattern: RegExp): number {
  let max = 0;
  zip.forEach((path) => {
    const match = pattern.exec(path);
    if (match) max = Math.max(max, Number(match[1]));
  });
  return max + 1;
}

/** Adds the drawing relationship to the sheet's rels and <drawing r:id> at its schema position. */
export async function linkDrawing(zip: JSZip, sheetPath: string, target: string): Promise<void> {
  const slash = sheetPath.lastIndexOf("/");
  const relsPath = `${sheetPath.slice(0, slash)}/_rels/${sheetPath.slice(slash + 1)}.rels`;
  const existing = (await zip.file(relsPath)?.async("string")) ?? relsXml([]);
  const taken = new Set([...existing.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  zip.file(relsPath, existing.replace("</Relationships>", `<Relationship Id="${id}" Type="${REL_DRAWING}" Target="${target}"/></Relationships>`));

  const sheet = await zip.file(sheetPath)!.async("string");
  const children = rootChildren(sheet);
  if (children.some((child) => child.name === "drawing")) throw new Error(`internal: ${sheetPath} already has a drawing`);
  const element = `<drawing r:id="${id}"/>`;
  // Only the worksheet's own children count: a data bar's <cfRule> has an <extLst> of its own.
  const after = children.find((child) => AFTER_DRAWING.includes(child.name));
  const at = after ? after.start : sheet.lastIndexOf("</worksheet>");
  zip.file(sheetPath, sheet.slice(0, at) + element + sheet.slice(at));
}

function relsXml(relationships: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${relationships.join("")}</Relationships>`;
}

/** A chart frame that moves and sizes with its cells, from (col,row) to (col+cols,row+rows). */
function anchorXml(anchor: ChartPlan["anchor"], relId: number, title: string): string {
  const corner = (col: number, row: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return '<xdr:twoCellAnchor editAs="twoCell">'
    + `<xdr:from>${corner(anchor.col, anchor.row)}</xdr:from><xdr:to>${corner(anchor.col + anchor.cols, anchor.row + anchor.rows)}</xdr:to>`
    + `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${relId + 1}" name="Chart ${relId}" descr="${xmlText(title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`
    + '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
    + '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    + `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId${relId}"/>`
    + "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>";
}
