/**
 * Adds chart parts to a written .xlsx package (exceljs cannot write charts): for each sheet a
 * drawing part (xl/drawings/drawingN.xml) with one two-cell anchor per chart, its relationships
 * to xl/charts/chartN.xml, the sheet's <drawing r:id> and the content types.
 */
import type { ChartPlan } from "../../core/report";
import type { OoxmlPackage } from "./ooxml/package";
import { worksheetPaths } from "./ooxml/workbook";
import { element, firstChild, insertBefore, XML_DECLARATION, xmlText } from "./ooxml/xml";

export interface SheetCharts {
  sheetName: string;
  charts: { xml: string; title: string; anchor: ChartPlan["anchor"] }[];
}

export const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
export const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
/** Sheet children that must come after <drawing> (CT_Worksheet sequence). */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export function addChartsToPackage(pkg: OoxmlPackage, sheets: SheetCharts[]): void {
  const sheetPaths = worksheetPaths(pkg);
  for (const sheet of sheets) {
    if (sheet.charts.length === 0) continue;
    const sheetPath = sheetPaths.get(sheet.sheetName);
    if (!sheetPath) throw new Error(`internal: sheet "${sheet.sheetName}" is missing from the written workbook`);
    const drawingPath = pkg.freePath("xl/drawings/drawing1.xml");
    // The drawing part first (empty), so that its relationships have a source.
    pkg.setText(drawingPath, "");
    const anchors = sheet.charts.map((chart, i) => {
      const chartPath = pkg.freePath("xl/charts/chart1.xml");
      pkg.setText(chartPath, chart.xml);
      pkg.setOverride(chartPath, CT_CHART);
      const id = pkg.addRelationship(drawingPath, REL_CHART, chartPath);
      return anchorXml(chart.anchor, i + 1, id, chart.title);
    });
    pkg.setText(
      drawingPath,
      XML_DECLARATION +
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
        `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${anchors.join("")}</xdr:wsDr>`,
    );
    pkg.setOverride(drawingPath, CT_DRAWING);
    linkDrawing(pkg, sheetPath, drawingPath);
  }
}

/** Adds the drawing relationship to the sheet's rels and <drawing r:id> at its schema position. */
export function linkDrawing(pkg: OoxmlPackage, sheetPath: string, drawingPath: string): void {
  const sheet = pkg.requireXml(sheetPath).root;
  if (firstChild(sheet, "drawing")) throw new Error(`internal: ${sheetPath} already has a drawing`);
  const id = pkg.addRelationship(sheetPath, REL_DRAWING, drawingPath);
  if (sheet.attrs["xmlns:r"] === undefined)
    sheet.attrs["xmlns:r"] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  // Only the worksheet's own children count: a data bar's <cfRule> has an <extLst> of its own.
  insertBefore(sheet, element("drawing", { [`${relPrefix(sheet.attrs)}:id`]: id }), AFTER_DRAWING);
}

/** The drawing part of a sheet, if it has one. */
export function drawingOf(pkg: OoxmlPackage, sheetPath: string): string | undefined {
  const sheet = pkg.xml(sheetPath)?.root;
  const drawing = sheet && firstChild(sheet, "drawing");
  if (!drawing) return undefined;
  const id = drawing.attrs[`${relPrefix(sheet.attrs)}:id`];
  return pkg.relationships(sheetPath).find((r) => r.id === id)?.path;
}

/** The prefix the part binds to the relationships namespace ("r" as exceljs and Excel write it). */
function relPrefix(attrs: Record<string, string>): string {
  const bound = Object.entries(attrs).find(
    ([name, value]) =>
      name.startsWith("xmlns:") && value === "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  );
  return bound ? bound[0].slice("xmlns:".length) : "r";
}

/** A chart frame that moves and sizes with its cells, from (col,row) to (col+cols,row+rows). */
function anchorXml(anchor: ChartPlan["anchor"], n: number, relId: string, title: string): string {
  const corner = (col: number, row: number) =>
    `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    '<xdr:twoCellAnchor editAs="twoCell">' +
    `<xdr:from>${corner(anchor.col, anchor.row)}</xdr:from><xdr:to>${corner(anchor.col + anchor.cols, anchor.row + anchor.rows)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${n + 1}" name="Chart ${n}" descr="${xmlText(title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' +
    `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${relId}"/>` +
    "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
  );
}
