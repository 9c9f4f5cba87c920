/**
 * The task pane's Analysis section (issue 15): plain-worded choices, each with the time it costs
 * (from the analysis budget's cost units), Run, a determinate progress bar ("1,200 / 3,400 runs ·
 * 8 s left") and Cancel, which stops the worker and writes nothing; then a findings card (the same
 * findings as the command line, core/analysis/findings) with "Go to sheet". The analysis runs in a
 * Web Worker (analysis.worker.ts) on the last run's IndexResult (kept by the service); the sheets
 * are planned by core/report/analysis and written by the service.
 */
import { analysisCost, maxSensitivityN, maxUncertaintyRuns, type AnalysisSize } from "../core/analysis";
import { analysisFindings } from "../core/analysis";
import type { AnalysisResult, UncertainInputs } from "../core/analysis";
import { buildAnalysisReport } from "../core/report";
import { sensitivityInputCount } from "../core/analysis";
import type { Language } from "../core/engine";
import type { IndexResult } from "../core/engine";
import { errorMessages, type AddinService } from "../excel/service";
import { registerAnalysisRenderer, type AnalysisContext } from "./analysis-hook";
import { tp, type PaneKey } from "./i18n";
import type { AnalysisRequestOptions, WorkerRequest, WorkerResponse } from "./analysis.worker";

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: { data: WorkerResponse }) => void) | null;
  terminate(): void;
}

export interface AnalysisRun {
  /** The analysis, or null when cancelled; rejects with the worker's messages on failure. */
  done: Promise<AnalysisResult | null>;
  cancel(): void;
}

let nextId = 1;

/** Starts one analysis in the worker; progress comes as fractions in [0, 1]. */
export function runInWorker(
  worker: WorkerLike,
  result: IndexResult,
  options: AnalysisRequestOptions,
  onProgress: (fraction: number, phase: string, done: number, total: number) => void,
): AnalysisRun {
  const id = nextId++;
  const done = new Promise<AnalysisResult | null>((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.id !== id) return;
      if (data.type === "progress")
        onProgress(data.total > 0 ? data.done / data.total : 1, data.phase, data.done, data.total);
      else if (data.type === "done") resolve(data.analysis);
      else if (data.type === "cancelled") resolve(null);
      else
        reject(
          Object.assign(new Error(data.messages.join("\n")), {
            messages: data.messages,
            ...(data.localized ? { localized: data.localized } : {}),
          }),
        );
    };
  });
  worker.postMessage({ type: "run", id, result, options });
  return { done, cancel: () => worker.postMessage({ type: "cancel", id }) };
}

/** What the section needs of the service: the last run's IndexResult, the safe sheet writer and "Go to sheet". */
export type AnalysisHost = Pick<AddinService, "currentResult" | "writeAnalysisSheets" | "showSheet">;

/**
 * Seconds per unit of the budget's run work (runs × units × indicators), measured on the IECI sample
 * (37 × 25, uncertainty over weights, normalization and aggregation): 1.6–3.4 µs in Node on a shared
 * 2-core machine, so 2.5 µs; the progress line replaces the estimate with the measured rate.
 */
export const SECONDS_PER_CELL_RUN = 2.5e-6;
/** The audit's fixed cost on the sample, measured (130 ms), as seconds. */
const AUDIT_SECONDS = 0.2;

export function estimateSeconds(
  size: AnalysisSize,
  request: { uncertaintyRuns: number; sensitivityN: number },
): { runs: number; seconds: number } {
  const cost = analysisCost(size, request);
  return { runs: cost.runs, seconds: cost.cellRuns * SECONDS_PER_CELL_RUN };
}

/** "under 1 s", "8 s", "3 min" in the pane's language. */
export function durationText(language: Language, seconds: number): string {
  if (!(seconds >= 1)) return tp(language, "an.lessThanSec");
  if (seconds < 90) return tp(language, "an.sec", { n: Math.round(seconds) });
  return tp(language, "an.min", { n: Math.round(seconds / 60) });
}

/** A sensitivity input's name ("weights L2", "normalization") in the pane's language. */
export function inputText(language: Language, input: string): string {
  const level = /^weights L(\d+)$/.exec(input);
  if (level) return tp(language, "an.input.weightsLevel", { level: level[1]! });
  const key = `an.input.${input === "weight set" ? "weightSet" : input}`;
  return key in MESSAGE_PROBE ? tp(language, key as PaneKey) : input;
}
const MESSAGE_PROBE: Record<string, true> = Object.fromEntries(
  ["weightSet", "normalization", "aggregation", "imputation", "winsorization"].map((k) => [`an.input.${k}`, true]),
);

/** Form state kept across re-renders (the section is rebuilt after every index run). */
const state = {
  audit: true,
  uncertainty: "1000",
  sensitivity: "",
  seed: "1",
  noise: "25",
  weightSets: new Set<string>(),
  normalize: new Set(["minmax", "zscore", "rank"]),
  aggregate: new Set(["arithmetic", "geometric"]),
};

/** Method choices offered in the pane (the JSON/CLI route takes any of the engine's methods). */
const CHOICES = {
  weightSets: ["equal", "pca", "entropy"],
  normalize: ["minmax", "zscore", "rank"],
  aggregate: ["arithmetic", "geometric"],
} as const;

export function registerAnalysisSection(
  host: AnalysisHost,
  createWorker: () => WorkerLike = createAnalysisWorker,
): void {
  let worker: WorkerLike | null = null;
  registerAnalysisRenderer((context) =>
    mountAnalysisSection(context.container, { ...context, host, worker: () => (worker ??= createWorker()) }),
  );
}

export function createAnalysisWorker(): WorkerLike {
  // webpack 5 bundles the worker from this pattern; same origin, so the pane's CSP ('self') allows it.
  return new Worker(new URL("./analysis.worker.ts", import.meta.url)) as unknown as WorkerLike;
}

export interface AnalysisSectionDeps extends Omit<AnalysisContext, "container"> {
  host: AnalysisHost;
  worker: () => WorkerLike;
  /** When the analysed run finished (default now: the section is rendered right after a run). */
  runAt?: Date;
  now?: () => number;
}

/** Renders the Analysis section into `container` (#section-analysis-body) for the run just made. */
export async function mountAnalysisSection(container: HTMLElement, deps: AnalysisSectionDeps): Promise<void> {
  const { host } = deps;
  const language = deps.language;
  const text = (key: PaneKey, params: Record<string, string | number> = {}) => tp(language, key, params);
  const now = deps.now ?? (() => performance.now());
  const doc = container.ownerDocument;
  const runAt = deps.runAt ?? new Date();
  const result = await host.currentResult().catch(() => null);
  container.replaceChildren();
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Record<string, unknown> = {},
  ): HTMLElementTagNameMap[K] => Object.assign(doc.createElement(tag), props);
  let idCount = 0;
  const nextId = () => `an-${++idCount}`;
  /** Label first, then the input, then a cost line; for a checkbox the box sits inside its label. */
  const numberField = (label: string, value: string, min: string) => {
    const wrap = el("div", { className: "an-field" });
    const input = el("input", { type: "number", className: "control", min, step: "1", value, id: nextId() });
    const cost = el("p", { className: "an-cost", id: nextId() });
    input.setAttribute("aria-describedby", cost.id);
    wrap.append(el("label", { htmlFor: input.id, textContent: label }), input, cost);
    container.append(wrap);
    return { input, cost, label };
  };
  const checkbox = (parent: HTMLElement, label: string, checked: boolean, value = "") => {
    const wrap = el("label", { className: "check" });
    const input = el("input", { type: "checkbox", checked, value });
    wrap.append(input, el("span", { textContent: label }));
    parent.append(wrap);
    return input;
  };
  const time = runAt.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  container.append(el("p", { className: "muted", textContent: text("an.analysing", { time }) }));
  const auditBox = el("div", { className: "an-field" });
  container.append(auditBox);
  const audit = checkbox(auditBox, text("an.audit"), state.audit);
  const runs = numberField(text("an.uncertainty"), state.uncertainty, "2");
  const sobol = numberField(text("an.sensitivity", { k: "…" }), state.sensitivity, "2");
  const seed = numberField(text("an.seed"), state.seed, "0");
  seed.cost.remove();
  seed.input.removeAttribute("aria-describedby");
  // What is uncertain: weight noise, extra weight sets, method alternatives (checkbox groups).
  const inputsBox = el("fieldset");
  inputsBox.append(el("legend", { textContent: text("an.inputs") }));
  container.append(inputsBox);
  const noiseWrap = el("div", { className: "an-field" });
  const noise = el("input", {
    type: "number",
    className: "control",
    min: "0",
    max: "99",
    step: "1",
    value: state.noise,
    id: nextId(),
  });
  noiseWrap.append(el("label", { htmlFor: noise.id, textContent: text("an.noise") }), noise);
  inputsBox.append(noiseWrap);
  const groupLabel: Record<keyof typeof CHOICES, PaneKey> = {
    weightSets: "an.weightSets",
    normalize: "an.normalize",
    aggregate: "an.aggregate",
  };
  const boxes = (Object.keys(CHOICES) as (keyof typeof CHOICES)[]).map((key) => {
    const group = el("div", { className: "an-group" });
    const id = nextId();
    const heading = el("p", { className: "an-group-label", id, textContent: text(groupLabel[key]) });
    const row = el("div", { className: "an-choices" });
    row.setAttribute("role", "group");
    row.setAttribute("aria-labelledby", id);
    const inputs = CHOICES[key].map((method) =>
      checkbox(
        row,
        key === "weightSets" ? text(`an.ws.${method}` as PaneKey) : tp(language, `method.${method}` as PaneKey),
        state[key].has(method),
        method,
      ),
    );
    group.append(heading, row);
    inputsBox.append(group);
    return { key, inputs };
  });
  const total = el("p", { className: "an-cost" });
  const runButton = el("button", { type: "button", className: "button primary", textContent: text("an.run") });
  const cancelButton = el("button", {
    type: "button",
    className: "button",
    textContent: text("an.cancel"),
    disabled: true,
  });
  const buttons = el("div", { className: "input-row" });
  buttons.append(runButton, cancelButton);
  const progress = el("progress", { max: 1, value: 0, hidden: true, className: "an-progress" });
  progress.setAttribute("aria-label", text("an.progressName"));
  const status = el("p", { className: "muted" });
  status.setAttribute("role", "status");
  const card = el("div", { className: "an-card", hidden: true });
  container.append(total, buttons, progress, status, card);

  const uncertain = (): UncertainInputs | null => {
    const noisePercent = noise.value.trim() === "" ? 0 : Number(noise.value);
    if (!(noisePercent >= 0 && noisePercent < 100)) return null;
    const inputs: UncertainInputs = { weights: noisePercent > 0 ? { factor: noisePercent / 100 } : false };
    const chosen = (key: keyof typeof CHOICES) =>
      boxes
        .find((b) => b.key === key)!
        .inputs.filter((i) => i.checked)
        .map((i) => i.value);
    if (chosen("weightSets").length)
      inputs.weightSets = ["framework", ...chosen("weightSets")] as UncertainInputs["weightSets"];
    if (chosen("normalize").length) inputs.normalize = chosen("normalize") as UncertainInputs["normalize"];
    if (chosen("aggregate").length) inputs.aggregate = chosen("aggregate") as UncertainInputs["aggregate"];
    return inputs;
  };
  const whole = (input: HTMLInputElement) =>
    input.value.trim() === "" ? 0 : Number.isInteger(Number(input.value)) ? Number(input.value) : NaN;

  /** The cost of each choice and of all, from the budget's cost units; the most this data allows. */
  const updateCosts = () => {
    if (!result) return;
    const inputs = uncertain();
    let d = 0;
    try {
      d = inputs ? sensitivityInputCount(result, { inputs }) : 0;
    } catch {
      d = 0; // an input this data cannot vary: the run says why
    }
    const size: AnalysisSize = {
      units: result.units.codes.length,
      indicators: result.framework.indicators.length,
      sensitivityInputs: d,
    };
    sobol.input.previousElementSibling!.textContent = text("an.sensitivity", { k: d + 2 });
    const u = whole(runs.input);
    const n = whole(sobol.input);
    const line = (request: { uncertaintyRuns: number; sensitivityN: number }, max: number, value: number) => {
      if (!(value > 0)) return "";
      const e = estimateSeconds(size, request);
      const over = value > max ? ` ${text("an.tooMuch", { max: max.toLocaleString(language) })}` : "";
      return (
        text("an.costLine", { runs: e.runs.toLocaleString(language), time: durationText(language, e.seconds) }) + over
      );
    };
    runs.cost.textContent = line({ uncertaintyRuns: u || 0, sensitivityN: 0 }, maxUncertaintyRuns(size, n || 0), u);
    sobol.cost.textContent = line({ uncertaintyRuns: 0, sensitivityN: n || 0 }, maxSensitivityN(size, u || 0), n);
    const all = estimateSeconds(size, { uncertaintyRuns: u || 0, sensitivityN: n || 0 });
    total.textContent =
      all.runs > 0 || audit.checked
        ? text("an.costTotal", {
            runs: all.runs.toLocaleString(language),
            time: durationText(language, all.seconds + (audit.checked ? AUDIT_SECONDS : 0)),
          })
        : "";
  };
  container.addEventListener("input", updateCosts);
  container.addEventListener("change", updateCosts);
  updateCosts();

  const showFindings = (analysis: AnalysisResult, names: string[]) => {
    const found = analysisFindings(analysis, 3);
    card.replaceChildren(el("h3", { textContent: text("an.findings") }));
    if (found.meanRankShift !== null)
      card.append(
        el("p", {
          textContent: text("an.meanShift", {
            value: found.meanRankShift.toLocaleString(language, { maximumFractionDigits: 1 }),
          }),
        }),
      );
    if (found.widest.length > 0) {
      card.append(el("p", { className: "an-sub", textContent: text("an.widest") }));
      const list = el("ul");
      // The interval's ends are percentiles of the runs' ranks: whole places read better than 30.05.
      const place = (rank: number) => Math.round(rank).toLocaleString(language);
      for (const u of found.widest)
        list.append(
          el("li", {
            textContent: text("an.widestItem", {
              unit: u.name || u.code,
              low: place(u.rankLow),
              high: place(u.rankHigh),
            }),
          }),
        );
      card.append(list);
    }
    if (found.mattersMost) {
      const share = found.mattersMost.total.toLocaleString(language, { style: "percent", maximumFractionDigits: 0 });
      card.append(
        el("p", {
          textContent: text("an.mattersMost", { input: inputText(language, found.mattersMost.input), share }),
        }),
      );
    }
    if (found.audit)
      card.append(
        el("p", {
          textContent: text("an.auditLine", { flagged: found.audit.flagged, collinear: found.audit.collinear }),
        }),
      );
    if (host.showSheet && names.length > 0) {
      const links = el("div", { className: "an-links" });
      for (const name of names) {
        const link = el("button", {
          type: "button",
          className: "button small",
          textContent: text("an.goTo", { sheet: name }),
        });
        link.addEventListener(
          "click",
          () =>
            void host.showSheet!(name).catch(
              (error: unknown) => (status.textContent = errorMessages(error, language).join("\n")),
            ),
        );
        links.append(link);
      }
      card.append(links);
    }
    card.hidden = false;
  };

  runButton.addEventListener("click", () => void start());
  const start = async () => {
    Object.assign(state, {
      audit: audit.checked,
      uncertainty: runs.input.value,
      sensitivity: sobol.input.value,
      seed: seed.input.value,
      noise: noise.value,
    });
    for (const { key, inputs } of boxes) state[key] = new Set(inputs.filter((i) => i.checked).map((i) => i.value));
    const inputs = uncertain();
    if (!inputs) return void (status.textContent = text("an.badNoise"));
    const read = (field: { input: HTMLInputElement; label: string }, min: number): number | undefined | null => {
      if (field.input.value.trim() === "") return undefined;
      const n = Number(field.input.value);
      if (Number.isInteger(n) && n >= min) return n;
      status.textContent = text("an.badNumber", { field: field.label, min });
      field.input.setAttribute("aria-invalid", "true");
      return null;
    };
    for (const f of [runs, sobol, seed]) f.input.removeAttribute("aria-invalid");
    const nRuns = read(runs, 2);
    const nSobol = read({ input: sobol.input, label: sobol.input.previousElementSibling!.textContent ?? "" }, 2);
    const seedValue = read(seed, 0);
    if (nRuns === null || nSobol === null || seedValue === null) return;
    const options: AnalysisRequestOptions = { seed: seedValue ?? 1 };
    if (audit.checked) options.audit = true;
    if (nRuns !== undefined) options.uncertainty = { runs: nRuns, inputs };
    if (nSobol !== undefined) options.sensitivity = { n: nSobol, inputs };
    if (!options.audit && !options.uncertainty && !options.sensitivity)
      return void (status.textContent = text("an.nothing"));

    runButton.disabled = true;
    card.hidden = true;
    let computed: IndexResult | null;
    try {
      computed = await host.currentResult();
    } catch (error) {
      runButton.disabled = false;
      return void (status.textContent = errorMessages(error, language).join("\n"));
    }
    if (!computed) {
      runButton.disabled = false;
      return void (status.textContent = text("an.noResult"));
    }
    const analysed = computed;
    cancelButton.disabled = false;
    progress.hidden = false;
    progress.value = 0;
    const started = now();
    status.textContent = text("an.progressStart", {
      phase: text(
        `an.phase.${options.audit ? "audit" : options.uncertainty ? "uncertainty" : "sensitivity"}` as PaneKey,
      ),
    });
    const run = runInWorker(deps.worker(), analysed, options, (fraction, _phase, done, all) => {
      progress.value = fraction;
      const elapsed = (now() - started) / 1000;
      const left = done > 0 ? (elapsed / done) * (all - done) : NaN;
      status.textContent = text("an.progress", {
        done: done.toLocaleString(language),
        total: all.toLocaleString(language),
        left: durationText(language, left),
      });
    });
    cancelButton.onclick = () => {
      cancelButton.disabled = true;
      run.cancel();
    };
    run.done
      .then(async (analysis) => {
        cancelButton.disabled = true;
        if (!analysis) return void (status.textContent = text("an.cancelled"));
        status.textContent = text("an.writing");
        const names = await host.writeAnalysisSheets(buildAnalysisReport(analysis, analysed, { language }));
        status.textContent = text("an.wrote", { sheets: names.join(language === "zh-CN" ? "、" : ", ") });
        showFindings(analysis, names);
      })
      .catch((error: unknown) => {
        status.textContent = errorMessages(error, language).join("\n");
      })
      .finally(() => {
        runButton.disabled = false;
        cancelButton.disabled = true;
        progress.hidden = true;
      });
  };
}
