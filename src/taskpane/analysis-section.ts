/**
 * The task pane's Analysis section: options (audit, uncertainty runs, sensitivity N, seed), Run,
 * a progress bar and Cancel. The analysis runs in a Web Worker (analysis.worker.ts) so Excel stays
 * responsive. It analyses the last run's IndexResult (kept by the service, src/excel/service.ts); the
 * sheets are planned by core/report/analysis and written by the service.
 */
import type { AnalysisResult, UncertainInputs } from "../core/analysis";
import { buildAnalysisReport } from "../core/report";
import type { Language } from "../core/engine";
import type { IndexResult } from "../core/engine";
import { errorMessages, type AddinService } from "../excel/service";
import { joinList } from "../core/engine";
import { t, type MessageKey } from "./i18n";
import { registerAnalysisRenderer, type AnalysisContext } from "./analysis-hook";
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
export function runInWorker(worker: WorkerLike, result: IndexResult, options: AnalysisRequestOptions, onProgress: (fraction: number, phase: string) => void): AnalysisRun {
  const id = nextId++;
  const done = new Promise<AnalysisResult | null>((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.id !== id) return;
      if (data.type === "progress") onProgress(data.total > 0 ? data.done / data.total : 1, data.phase);
      else if (data.type === "done") resolve(data.analysis);
      else if (data.type === "cancelled") resolve(null);
      else reject(Object.assign(new Error(data.messages.join("\n")), { messages: data.messages, ...(data.localized ? { localized: data.localized } : {}) }));
    };
  });
  worker.postMessage({ type: "run", id, result, options });
  return { done, cancel: () => worker.postMessage({ type: "cancel", id }) };
}

/** What the section needs of the service: the last run's IndexResult and the safe sheet writer. */
export type AnalysisHost = Pick<AddinService, "currentResult" | "writeAnalysisSheets">;

const TEXT = {
  en: {
    audit: "Statistical audit", uncertainty: "Uncertainty runs", sensitivity: "Sensitivity N", seed: "Seed",
    run: "Run analysis", cancel: "Cancel", cancelled: "Cancelled; no sheet was written.", noResult: "Compute the index first.",
    running: "Running {phase}…", writing: "Writing sheets…", wrote: "Wrote {sheets}.", nothing: "Choose at least one analysis.",
    badNumber: "{field} needs a whole number of at least {min}.",
    inputs: "Uncertain inputs", noise: "Weight noise ± %", weightSets: "Weight sets", normalize: "Normalization", aggregate: "Aggregation",
    badNoise: "Weight noise needs a number between 0 and 100 (empty = none).",
    "phase.audit": "the statistical audit", "phase.uncertainty": "the uncertainty runs", "phase.sensitivity": "the sensitivity runs",
    "weights.equal": "equal", "weights.pca": "PCA", "weights.entropy": "entropy",
  },
  "zh-CN": {
    audit: "统计审核", uncertainty: "不确定性运行次数", sensitivity: "敏感性 N", seed: "随机种子",
    run: "运行分析", cancel: "取消", cancelled: "已取消，未写入任何工作表。", noResult: "请先计算指数。",
    running: "正在运行 {phase}…", writing: "正在写入工作表…", wrote: "已写入 {sheets}。", nothing: "请至少选择一项分析。",
    badNumber: "{field} 需要不小于 {min} 的整数。",
    inputs: "不确定输入", noise: "权重扰动 ± %", weightSets: "权重方案", normalize: "标准化", aggregate: "加总",
    badNoise: "权重扰动需要 0 到 100 之间的数（留空表示不扰动）。",
    "phase.audit": "统计审核", "phase.uncertainty": "不确定性分析", "phase.sensitivity": "敏感性分析",
    "weights.equal": "等权重", "weights.pca": "主成分分析", "weights.entropy": "熵权法",
  },
} as const;

/** Form state kept across re-renders (the section is rebuilt after every index run). */
const state = {
  audit: true, uncertainty: "1000", sensitivity: "", seed: "1", noise: "25",
  weightSets: new Set<string>(), normalize: new Set(["minmax", "zscore", "rank"]), aggregate: new Set(["arithmetic", "geometric"]),
};

/** Method choices offered in the pane (the JSON/CLI route takes any of the engine's methods). */
const CHOICES = { weightSets: ["equal", "pca", "entropy"], normalize: ["minmax", "zscore", "rank"], aggregate: ["arithmetic", "geometric"] } as const;

export function registerAnalysisSection(host: AnalysisHost, createWorker: () => WorkerLike = createAnalysisWorker): void {
  let worker: WorkerLike | null = null;
  registerAnalysisRenderer((context) => renderSection(context, host, () => (worker ??= createWorker())));
}

export function createAnalysisWorker(): WorkerLike {
  // webpack 5 bundles the worker from this pattern; same origin, so the pane's CSP ('self') allows it.
  return new Worker(new URL("./analysis.worker.ts", import.meta.url)) as unknown as WorkerLike;
}

/** The elements a running analysis updates: the latest render's, so that a switch of language mid-run keeps showing progress. */
let live: { text: (typeof TEXT)[Language]; status: HTMLElement; progress: HTMLProgressElement; runButton: HTMLButtonElement; cancelButton: HTMLButtonElement; shown: ((text: (typeof TEXT)[Language]) => string) | null } | null = null;
let running: AnalysisRun | null = null;
let liveLanguage: Language = "en";

/** Shows a status in the section as last rendered, and keeps it to re-render after a switch of language. */
function say(shown: (text: (typeof TEXT)[Language]) => string): void {
  if (!live) return;
  live.shown = shown;
  live.status.textContent = shown(live.text);
}

function renderSection(context: AnalysisContext, host: AnalysisHost, worker: () => WorkerLike): void {
  const language = context.language as Language;
  const text = TEXT[language] ?? TEXT.en;
  const { container } = context;
  const doc = container.ownerDocument;
  container.replaceChildren();
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}): HTMLElementTagNameMap[K] =>
    Object.assign(doc.createElement(tag), props);
  const field = (label: string, input: HTMLInputElement) => {
    const wrap = el("label");
    wrap.append(input, ` ${label}`);
    container.append(wrap, el("br"));
    return input;
  };
  const audit = field(text.audit, el("input", { type: "checkbox", checked: state.audit }));
  const runs = field(text.uncertainty, el("input", { type: "number", className: "control", min: "2", step: "1", value: state.uncertainty, size: 6 }));
  const sobolN = field(text.sensitivity, el("input", { type: "number", className: "control", min: "2", step: "1", value: state.sensitivity, size: 6 }));
  const seed = field(text.seed, el("input", { type: "number", className: "control", min: "0", step: "1", value: state.seed, size: 6 }));
  // What is uncertain: weight noise, extra weight sets, method alternatives (checkbox groups).
  const inputsBox = el("fieldset");
  inputsBox.append(el("legend", { textContent: text.inputs }));
  container.append(inputsBox);
  const noiseLabel = el("label");
  const noise = el("input", { type: "number", className: "control", min: "0", max: "99", step: "1", value: state.noise, size: 4 });
  noiseLabel.append(noise, ` ${text.noise}`);
  inputsBox.append(noiseLabel, el("br"));
  const boxes = (Object.keys(CHOICES) as (keyof typeof CHOICES)[]).map((key) => {
    const line = el("div", { textContent: `${text[key]}: ` });
    const inputs = CHOICES[key].map((method) => {
      const label = el("label");
      const input = el("input", { type: "checkbox", value: method, checked: state[key].has(method) });
      // Method names as the registry labels them (最小–最大, 算术平均…); weight sets from this section's texts.
      label.append(input, ` ${key === "weightSets" ? text[`weights.${method}` as keyof typeof text] : t(language, `method.${method}` as MessageKey)} `);
      line.append(label);
      return input;
    });
    inputsBox.append(line);
    return { key, inputs };
  });
  const runButton = el("button", { type: "button", textContent: text.run });
  const cancelButton = el("button", { type: "button", textContent: text.cancel, disabled: true });
  const progress = el("progress", { max: 1, value: 0, hidden: true });
  const status = el("p", { className: "muted" });
  status.setAttribute("role", "status");
  container.append(runButton, " ", cancelButton, el("br"), progress, status);
  // A re-render (after a switch of language) while an analysis runs: same state, new texts.
  const previous = live;
  live = { text, status, progress, runButton, cancelButton, shown: null };
  if (running && previous) {
    runButton.disabled = true;
    cancelButton.disabled = false;
    cancelButton.onclick = () => running?.cancel();
    progress.hidden = false;
    progress.value = previous.progress.value;
  }
  liveLanguage = language;
  if (previous?.shown) say(previous.shown);

  runButton.addEventListener("click", () => void start());
  const start = async () => {
    Object.assign(state, { audit: audit.checked, uncertainty: runs.value, sensitivity: sobolN.value, seed: seed.value, noise: noise.value });
    for (const { key, inputs } of boxes) state[key] = new Set(inputs.filter((i) => i.checked).map((i) => i.value));
    const noisePercent = noise.value.trim() === "" ? 0 : Number(noise.value);
    if (!(noisePercent >= 0 && noisePercent < 100)) return say((x) => x.badNoise);
    const uncertain: UncertainInputs = { weights: noisePercent > 0 ? { factor: noisePercent / 100 } : false };
    if (state.weightSets.size) uncertain.weightSets = ["framework", ...state.weightSets] as UncertainInputs["weightSets"];
    if (state.normalize.size) uncertain.normalize = [...state.normalize] as UncertainInputs["normalize"];
    if (state.aggregate.size) uncertain.aggregate = [...state.aggregate] as UncertainInputs["aggregate"];
    const read = (input: HTMLInputElement, label: string, min: number): number | undefined | null => {
      if (input.value.trim() === "") return undefined;
      const n = Number(input.value);
      if (Number.isInteger(n) && n >= min) return n;
      say((x) => x.badNumber.replace("{field}", label).replace("{min}", String(min)));
      return null;
    };
    const nRuns = read(runs, text.uncertainty, 2);
    const nSobol = read(sobolN, text.sensitivity, 2);
    const seedValue = read(seed, text.seed, 0);
    if (nRuns === null || nSobol === null || seedValue === null) return;
    const options: AnalysisRequestOptions = { seed: seedValue ?? 1 };
    if (audit.checked) options.audit = true;
    if (nRuns !== undefined) options.uncertainty = { runs: nRuns, inputs: uncertain };
    if (nSobol !== undefined) options.sensitivity = { n: nSobol, inputs: uncertain };
    if (!options.audit && !options.uncertainty && !options.sensitivity) return say((x) => x.nothing);

    runButton.disabled = true;
    let result: IndexResult | null;
    try {
      result = await host.currentResult();
    } catch (error) {
      runButton.disabled = false;
      return say(() => errorMessages(error, liveLanguage).join("\n"));
    }
    if (!result) {
      runButton.disabled = false;
      return say((x) => x.noResult);
    }
    const computed = result;
    cancelButton.disabled = false;
    progress.hidden = false;
    progress.value = 0;
    const run = runInWorker(worker(), result, options, (fraction, phase) => {
      if (live) live.progress.value = fraction;
      say((x) => x.running.replace("{phase}", x[`phase.${phase}` as keyof typeof x] ?? phase));
    });
    running = run;
    cancelButton.onclick = () => run.cancel();
    run.done
      .then(async (analysis) => {
        if (live) live.cancelButton.disabled = true;
        if (!analysis) return say((x) => x.cancelled);
        say((x) => x.writing);
        // The sheets in the pane's language when they are written.
        const names = await host.writeAnalysisSheets(buildAnalysisReport(analysis, computed, { language: liveLanguage }));
        say((x) => x.wrote.replace("{sheets}", joinList(liveLanguage, names)));
      })
      .catch((error: unknown) => {
        say(() => errorMessages(error, liveLanguage).join("\n"));
      })
      .finally(() => {
        running = null;
        if (!live) return;
        live.runButton.disabled = false;
        live.cancelButton.disabled = true;
        live.progress.hidden = true;
      });
  };
}
