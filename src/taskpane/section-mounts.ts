/**
 * The pane's sections (issue 15) and the hook by which feature modules fill them: each section is
 * <section class="pane-section" data-section="NAME"> with a header button and a body #section-NAME-body.
 * A module exports `mountX(host, deps)` in its own file and is listed in SECTION_MOUNTS; a section without a
 * mount keeps what taskpane.html gives it (Weights and Editions then stay hidden).
 */
import type { Language } from "../core/engine";
import type { AddinService, RunSummary, StoredChoice } from "../excel/service";
import type { PaneController } from "./controller";
import { mountWeightsPanel } from "./weights-panel";

export const SECTIONS = ["template", "data", "method", "weights", "results", "analysis", "editions"] as const;
export type SectionName = (typeof SECTIONS)[number];

/** What a mounted module may use: the service, the controller, the language, and the runs as they happen. */
export interface PaneDeps {
  api: AddinService;
  controller: PaneController;
  language(): Language;
  onLanguage(listener: (language: Language) => void): void;
  onRun(listener: (summary: RunSummary, choice: StoredChoice) => void): void;
  /** Opens a section (e.g. Results after Apply). */
  expand(section: SectionName): void;
}

export type MountSection = (host: HTMLElement, deps: PaneDeps) => void | Promise<void>;

/** One line per feature module: `method: mountMethod,` (src/taskpane/method-panel.ts) etc. */
export const SECTION_MOUNTS: Partial<Record<SectionName, MountSection>> = {
  weights: (host, deps) => {
    const panel = mountWeightsPanel(host, {
      service: deps.api,
      language: deps.language,
      recompute: () => deps.controller.compute(),
    });
    deps.onRun((_summary, choice) => void panel.refresh(choice));
    deps.onLanguage(() => panel.render());
  },
};
