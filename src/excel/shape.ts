/** When an output sheet can be updated in place: the layout signature stored with each owned sheet. */
import type { SheetPlan } from "../core/report";

/**
 * The layout signature of a planned sheet: everything but the cell values, column widths and chart
 * texts, which an update in place rewrites. Equal signatures mean the same cells, table, formats, colour
 * scales, styles, row heights, print setup, panes, columns and chart bindings, so writing the new values over the old
 * ones gives the same sheet as writing it afresh.
 */
export function sheetShape(plan: SheetPlan): string {
  const layout = {
    key: plan.key,
    rows: plan.cells.length,
    cols: plan.cells.reduce((m, r) => Math.max(m, r.length), 0),
    table: plan.table ?? null,
    formats: plan.formats,
    styles: plan.styles,
    conditionalFormats: plan.conditionalFormats,
    rowHeights: plan.rowHeights,
    print: plan.print,
    freeze: plan.freeze,
    // Widths follow the longest text, so they are rewritten in place; how many and which are hidden count.
    columns: plan.columns.map((c) => c.hidden),
    charts: plan.charts.map((c) => ({
      ...c,
      title: undefined,
      series: c.series.map((s) => ({
        ...s,
        name: typeof s.name === "string" ? undefined : s.name,
        segmentNames: undefined,
      })),
    })),
  };
  return `v2-${hash(JSON.stringify(layout))}`;
}

/** cyrb53: a fast 53-bit string hash (not cryptographic; collisions only make an update in place wrong if two layouts collide). */
function hash(text: string): string {
  let h1 = 0xdeadbeef,
    h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
