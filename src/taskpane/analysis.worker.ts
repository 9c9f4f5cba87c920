/**
 * Web Worker entry of the robustness analysis: runs runAnalysis off Excel's UI thread, posts
 * progress, and stops on a cancel message. The analysis is a generator, so the worker runs it in
 * slices of a few tens of milliseconds and returns to its event loop between slices, which is
 * when a cancel message gets in (no SharedArrayBuffer needed, which Office webviews may lack).
 */
import "./no-eval"; // before any zod schema module: no eval probe under the CSP
import { analysisTask, type AnalysisOptions, type AnalysisProgress, type AnalysisResult } from "../core/analysis";
import { computeErrorMessage, IndexComputeError, IndexInputError, formatIssue } from "../core/engine";
import type { Language } from "../core/engine";
import { inEveryLanguage } from "../core/engine";
import type { IndexResult } from "../core/engine";

export type AnalysisRequestOptions = Omit<AnalysisOptions, "onProgress" | "shouldCancel">;

export type WorkerRequest =
  { type: "run"; id: number; result: IndexResult; options: AnalysisRequestOptions } | { type: "cancel"; id: number };

export type WorkerResponse =
  | ({ type: "progress"; id: number } & AnalysisProgress)
  | { type: "done"; id: number; analysis: AnalysisResult }
  | { type: "cancelled"; id: number }
  | { type: "error"; id: number; messages: string[]; localized?: Record<Language, string[]> };

export interface ServerOptions {
  /** Longest stretch of work between two returns to the event loop (ms). */
  sliceMs?: number;
  /** Lets pending messages in; setTimeout(0) in a worker. */
  yieldToLoop?: () => Promise<void>;
  now?: () => number;
}

/** The worker's message handler, separate from the global wiring so that it can be tested in Node. */
export function createAnalysisServer(
  post: (message: WorkerResponse) => void,
  options: ServerOptions = {},
): (request: WorkerRequest) => void {
  const sliceMs = options.sliceMs ?? 30;
  const yieldToLoop = options.yieldToLoop ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const now = options.now ?? (() => performance.now());
  const cancelled = new Set<number>();

  const run = async (id: number, result: IndexResult, requestOptions: AnalysisRequestOptions) => {
    try {
      const task = analysisTask(result, requestOptions);
      let sliceStart = now();
      let lastPost = -Infinity;
      for (;;) {
        const step = task.next();
        if (step.done) {
          post({ type: "done", id, analysis: step.value });
          return;
        }
        const t = now();
        if (t - lastPost > 100 || step.value.done === step.value.total) {
          post({ type: "progress", id, ...step.value });
          lastPost = t;
        }
        if (t - sliceStart >= sliceMs) {
          await yieldToLoop();
          sliceStart = now();
        }
        if (cancelled.has(id)) {
          post({ type: "cancelled", id });
          return;
        }
      }
    } catch (error) {
      const localized = inEveryLanguage((language) => errorMessages(error, language));
      post({ type: "error", id, messages: localized.en, localized });
    } finally {
      cancelled.delete(id);
    }
  };

  return (request) => {
    if (request.type === "cancel") cancelled.add(request.id);
    else void run(request.id, request.result, request.options);
  };
}

function errorMessages(error: unknown, language: Language): string[] {
  if (error instanceof IndexInputError) return error.issues.map((issue) => formatIssue(issue, undefined, language));
  if (error instanceof IndexComputeError) return [computeErrorMessage(error, language)];
  return [error instanceof Error ? error.message : String(error)];
}

// Inside a worker: wire the handler to the global scope.
declare const WorkerGlobalScope: { new (): unknown } | undefined;
if (typeof WorkerGlobalScope !== "undefined" && typeof self !== "undefined" && self instanceof WorkerGlobalScope) {
  const scope = self as unknown as {
    postMessage(message: WorkerResponse): void;
    onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  };
  const handle = createAnalysisServer((message) => scope.postMessage(message));
  scope.onmessage = (event) => handle(event.data);
}
