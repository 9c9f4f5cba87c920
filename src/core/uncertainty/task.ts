/**
 * Long analyses are generators that yield the number of runs done, so that one code path serves a
 * plain synchronous call (drive) and a Web Worker that yields to its message loop between chunks
 * (to see a Cancel) without SharedArrayBuffer.
 */

export class AnalysisCancelledError extends Error {
  constructor() {
    super("the analysis was cancelled");
    this.name = "AnalysisCancelledError";
  }
}

export type Task<T> = Generator<number, T>;

/** Drives a task to its end, reporting progress and stopping (AnalysisCancelledError) when asked. */
export function drive<T>(
  task: Task<T>,
  total: number,
  onProgress?: (done: number, total: number) => void,
  shouldCancel?: () => boolean,
): T {
  for (;;) {
    const step = task.next();
    if (step.done) return step.value;
    onProgress?.(step.value, total);
    if (shouldCancel?.()) throw new AnalysisCancelledError();
  }
}
