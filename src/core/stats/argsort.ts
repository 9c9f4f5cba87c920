/**
 * O(n) argsort of doubles. Each available value maps to an order-preserving unsigned 64-bit key
 * (two Uint32 halves: negatives have every bit flipped, positives the sign bit set; -0 becomes +0
 * so that the two tie). Positions are radix-sorted (LSD, 11-bit digits) by the high half, a digit
 * that is the same for every key being skipped; runs whose high halves tie are then ordered by the
 * low half. Every step is stable, so equal values keep their input order.
 */

const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
/** Up to this many values, insertion sort beats the radix passes' fixed cost (measured). */
const SMALL = 64;
/** Runs of equal high halves up to this length are finished by insertion sort, longer ones by radix. */
const SHORT_RUN = 64;
const LOW_BITS = 8;
const LOW_RADIX = 1 << LOW_BITS;

/** Which Uint32 of a float64 holds the sign and exponent (1 on little-endian machines). */
const HI_WORD = new Uint32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;

/** Scratch reused by every call (one thread, no callbacks), grown to the largest input seen. */
interface Scratch {
  /** The available values, then read as their Uint32 halves through `bits`. */
  values: Float64Array;
  bits: Uint32Array;
  hiA: Uint32Array;
  hiB: Uint32Array;
  idA: Uint32Array;
  idB: Uint32Array;
  /** Low halves of the keys, indexed like the input. */
  lo: Uint32Array;
}
let scratch = allocate(0);
const counts = new Uint32Array(3 * RADIX);
const lowCounts = new Uint32Array(4 * LOW_RADIX);

function allocate(n: number): Scratch {
  const values = new Float64Array(n);
  return {
    values,
    bits: new Uint32Array(values.buffer),
    hiA: new Uint32Array(n),
    hiB: new Uint32Array(n),
    idA: new Uint32Array(n),
    idB: new Uint32Array(n),
    lo: new Uint32Array(n),
  };
}

/** Positions (into `x`) of the available (non-NaN) values, ascending by value; ties in input order. */
export function argsortAvailable(x: ArrayLike<number>): Uint32Array {
  const n = x.length;
  if (n > scratch.lo.length) scratch = allocate(Math.max(n, 2 * scratch.lo.length));
  const { values, bits, hiA, hiB, idA, idB, lo } = scratch;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v === v) {
      values[m] = v + 0; // -0 + 0 is +0
      idA[m++] = i;
    }
  }
  if (m <= SMALL) return insertionByValue(values, idA, m);
  counts.fill(0);
  for (let k = 0; k < m; k++) {
    let h = bits[2 * k + HI_WORD]!;
    let l = bits[2 * k + 1 - HI_WORD]!;
    if (h >= 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hiA[k] = h;
    lo[idA[k]!] = l;
    counts[h & MASK]!++;
    counts[RADIX + ((h >>> BITS) & MASK)]!++;
    counts[2 * RADIX + (h >>> (2 * BITS))]!++;
  }
  let srcHi = hiA;
  let dstHi = hiB;
  let srcId = idA;
  let dstId = idB;
  for (let pass = 0; pass < 3; pass++) {
    const base = pass * RADIX;
    const shift = pass * BITS;
    if (!prefixSums(counts, base, RADIX, m)) continue;
    for (let k = 0; k < m; k++) {
      const h = srcHi[k]!;
      const p = counts[base + ((h >>> shift) & MASK)]!++;
      dstHi[p] = h;
      dstId[p] = srcId[k]!;
    }
    [srcHi, dstHi] = [dstHi, srcHi];
    [srcId, dstId] = [dstId, srcId];
  }
  finishRuns(srcHi, srcId, dstId, lo, m);
  return srcId.slice(0, m);
}

/** Insertion sort of ids[0, m) by values[k] (k = the id's place); -0 and +0 tie as with `<`. */
function insertionByValue(values: Float64Array, ids: Uint32Array, m: number): Uint32Array {
  const out = new Uint32Array(m);
  const vs = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const v = values[k]!;
    const id = ids[k]!;
    let j = k - 1;
    while (j >= 0 && vs[j]! > v) {
      vs[j + 1] = vs[j]!;
      out[j + 1] = out[j]!;
      j--;
    }
    vs[j + 1] = v;
    out[j + 1] = id;
  }
  return out;
}

/**
 * Turns the counts of one digit into start offsets; false when one bucket holds every key (the
 * pass would change nothing).
 */
function prefixSums(c: Uint32Array, base: number, radix: number, m: number): boolean {
  let sum = 0;
  for (let d = base; d < base + radix; d++) {
    const count = c[d]!;
    if (count === m) return false;
    c[d] = sum;
    sum += count;
  }
  return true;
}

/** Orders each run of equal high halves by the low half (`lo`, indexed like `x`). */
function finishRuns(hi: Uint32Array, ids: Uint32Array, tmp: Uint32Array, lo: Uint32Array, m: number): void {
  let start = 0;
  while (start < m) {
    const h = hi[start]!;
    let end = start + 1;
    while (end < m && hi[end] === h) end++;
    if (end - start > SHORT_RUN) radixRun(ids, tmp, lo, start, end);
    else if (end - start > 1) insertionRun(ids, lo, start, end);
    start = end;
  }
}

function insertionRun(ids: Uint32Array, lo: Uint32Array, start: number, end: number): void {
  for (let k = start + 1; k < end; k++) {
    const id = ids[k]!;
    const key = lo[id]!;
    let j = k - 1;
    while (j >= start && lo[ids[j]!]! > key) {
      ids[j + 1] = ids[j]!;
      j--;
    }
    ids[j + 1] = id;
  }
}

/** LSD radix sort of ids[start, end) by `lo`, 8-bit digits; the result lands back in `ids`. */
function radixRun(ids: Uint32Array, tmp: Uint32Array, lo: Uint32Array, start: number, end: number): void {
  const len = end - start;
  lowCounts.fill(0);
  for (let k = start; k < end; k++) {
    const l = lo[ids[k]!]!;
    lowCounts[l & 0xff]!++;
    lowCounts[LOW_RADIX + ((l >>> 8) & 0xff)]!++;
    lowCounts[2 * LOW_RADIX + ((l >>> 16) & 0xff)]!++;
    lowCounts[3 * LOW_RADIX + (l >>> 24)]!++;
  }
  let src = ids;
  let dst = tmp;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * LOW_RADIX;
    const shift = pass * LOW_BITS;
    if (!prefixSums(lowCounts, base, LOW_RADIX, len)) continue;
    for (let k = start; k < end; k++) {
      const id = src[k]!;
      dst[start + lowCounts[base + ((lo[id]! >>> shift) & 0xff)]!++] = id;
    }
    [src, dst] = [dst, src];
  }
  if (src !== ids) ids.set(src.subarray(start, end), start);
}
