/** Browser page for the worker test: computes the small index, then drives the real Analysis section. */
import { computeIndex } from "../../src/core";
import type { SheetPlan } from "../../src/core/report/types";
import { renderAnalysis } from "../../src/taskpane/analysis-hook";
import { registerAnalysisSection } from "../../src/taskpane/analysis-section";
import { smallData, smallFramework } from "../core/audit/fixture";

const written: SheetPlan[][] = [];
const result = computeIndex(smallData, smallFramework);
registerAnalysisSection({ currentResult: async () => result, writeSheets: async (sheets) => (written.push(sheets), sheets.map((s) => s.name)) });
const container = document.createElement("div");
document.body.append(container);
void renderAnalysis({ container, language: "en", summary: { top: [], warnings: [], sheets: [], syncCount: 0 }, choice: { data: null, framework: null, settings: { kind: "pane", spec: {} } } });

Object.assign(window, { analysisPage: { container, written } });
