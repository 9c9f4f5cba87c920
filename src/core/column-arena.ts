/**
 * Step columns carved out of a few large buffers during one large run. V8 starts a full garbage
 * collection for every ~64 MB of new ArrayBuffers, and each one marks everything alive, including
 * the caller's boxed input table (10 million cells at 10,000 × 1,000): a thousand separate 80 kB
 * columns per step cost several full collections per run, one buffer sized for the run costs one.
 * Small runs, and code outside a run, get plain Float64Arrays.
 */

/** Below this many doubles per run the plain allocation is as fast (and Monte Carlo keeps no large buffers alive). */
const MIN_DOUBLES = 1 << 21;

class Arena {
  private buffer: Float64Array;
  private used = 0;
  constructor(private readonly chunk: number) {
    this.buffer = new Float64Array(chunk);
  }

  take(n: number): Float64Array {
    if (this.used + n > this.buffer.length) {
      // Out of room: the next chunk holds at least this column (the rest of the old one is left unused).
      this.buffer = new Float64Array(Math.max(n, this.chunk >>> 1));
      this.used = 0;
    }
    const out = this.buffer.subarray(this.used, this.used + n);
    this.used += n;
    return out;
  }
}

let current: Arena | null = null;

/**
 * Columns used for a moment and dropped, handed out again after `reset` (a node's children normalized
 * for its aggregation when the result does not keep them): the same few warm buffers all run long.
 */
export class ColumnRecycler {
  private readonly buffers: Float64Array[] = [];
  private next = 0;
  constructor(readonly length: number) {}

  /** The buffers handed out so far may be reused. */
  reset(): void {
    this.next = 0;
  }

  take(): Float64Array {
    if (this.next === this.buffers.length) this.buffers.push(new Float64Array(this.length));
    return this.buffers[this.next++]!.fill(0);
  }
}

let recycler: ColumnRecycler | null = null;

/** Runs `fn` with its new columns of the recycler's length taken from the recycler (valid until its next reset). */
export function withRecycledColumns<T>(columns: ColumnRecycler, fn: () => T): T {
  const outer = recycler;
  recycler = columns;
  try {
    return fn();
  } finally {
    recycler = outer;
  }
}

/** A zeroed column: from the recycler inside withRecycledColumns, else from the run's arena when one is open. */
export function newColumn(n: number): Float64Array {
  if (recycler && recycler.length === n) return recycler.take();
  return current ? current.take(n) : new Float64Array(n);
}

/** A copy of a column, from the recycler or the run's arena when open (as newColumn). */
export function copyColumn(x: Float64Array): Float64Array {
  if (!current && !(recycler && recycler.length === x.length)) return x.slice();
  const out = newColumn(x.length);
  out.set(x);
  return out;
}

/**
 * Runs `fn` with columns allocated from one arena of about `doubles` doubles (the run's own estimate
 * of what it keeps). Nested runs share the outer arena. Synchronous work only: the arena is closed when `fn` returns.
 */
export function withColumnArena<T>(doubles: number, fn: () => T): T {
  if (current || doubles < MIN_DOUBLES) return fn();
  current = new Arena(Math.ceil(doubles));
  try {
    return fn();
  } finally {
    current = null;
  }
}
