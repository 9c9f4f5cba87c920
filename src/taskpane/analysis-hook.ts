/**
 * Extension point for the analysis section (sensitivity, correlations...): a renderer registered here is called
 * with the pane's #analysis-root container after every successful run, in the pane's current language.
 */
import type { Language } from "../core/engine";
import type { RunSummary, StoredChoice } from "../excel/service";

export interface AnalysisContext {
  container: HTMLElement;
  summary: RunSummary;
  choice: StoredChoice;
  language: Language;
}

export type AnalysisRenderer = (context: AnalysisContext) => void | Promise<void>;

const renderers: AnalysisRenderer[] = [];

export function registerAnalysisRenderer(renderer: AnalysisRenderer): void {
  renderers.push(renderer);
}

/** Runs every renderer; one that fails must not hide the run's result, so its error is returned, not thrown. */
export async function renderAnalysis(context: AnalysisContext): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const renderer of renderers) {
    try {
      await renderer(context);
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}
