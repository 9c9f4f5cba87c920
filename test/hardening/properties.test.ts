/**
 * Property-based tests over random frameworks (depth 2-4, random fan-out, weights with zeros but
 * never an all-zero group, random directions) and random data with missing values. The invariants
 * are checked against independent definitions, not against the engine's own helpers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { computeIndex, IndexComputeError, IndexInputError } from "../../src/core/engine";
import type { Cell } from "../../src/core/types";
import type { IndexResult } from "../../src/core/result";

interface Tree {
  rows: Cell[][];
  indicators: string[];
  children: Map<string, { code: string; weight: number }[]>;
  root: string;
}

/** A random hierarchy as a Framework table. Depth counts aggregate levels above the indicators. */
const treeArb = fc.integer({ min: 2, max: 4 }).chain((depth) =>
  fc
    .infiniteStream(
      fc.record({
        fanOut: fc.integer({ min: 1, max: 3 }),
        weight: fc.constantFrom(0, 0, 0.5, 1, 1, 2, 3.7),
        direction: fc.constantFrom(1, -1),
        shorter: fc.boolean(),
      }),
    )
    .map((stream) => {
      const it = stream[Symbol.iterator]();
      const draw = () => it.next().value!;
      const rows: Cell[][] = [["iCode", "Parent", "Weight", "Direction"]];
      const indicators: string[] = [];
      const children = new Map<string, { code: string; weight: number }[]>();
      let counter = 0;
      const grow = (code: string, parent: string | null, levelsBelow: number, weight: number) => {
        const d = draw();
        rows.push([code, parent, weight, d.direction]);
        if (levelsBelow === 0) {
          indicators.push(code);
          return;
        }
        const kids: { code: string; weight: number }[] = [];
        const fanOut = parent === null ? Math.max(2, d.fanOut) : d.fanOut;
        for (let k = 0; k < fanOut; k++) {
          const child = draw();
          const isIndicator = levelsBelow === 1;
          const kidCode = isIndicator ? `i${++counter}` : `a${++counter}`;
          // Not every branch needs the full depth: some aggregates have indicators right below.
          kids.push({ code: kidCode, weight: child.weight });
          grow(kidCode, code, isIndicator ? 0 : child.shorter && k > 0 ? 1 : levelsBelow - 1, child.weight);
        }
        // Never an all-zero group (that is a validation error of its own, tested in the corpus).
        if (kids.every((kid) => kid.weight === 0)) {
          kids[0]!.weight = 1;
          rows.find((row) => row[0] === kids[0]!.code)![2] = 1;
        }
        children.set(code, kids);
      };
      grow("INDEX", null, depth, 1);
      return { rows, indicators, children, root: "INDEX" } satisfies Tree;
    }),
);

const valueArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -50, max: 50 }) },
  { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.constant(null) },
);

const caseArb = treeArb.chain((tree) =>
  fc.record({
    tree: fc.constant(tree),
    units: fc.integer({ min: 2, max: 14 }).chain((n) =>
      fc.array(fc.array(valueArb, { minLength: tree.indicators.length, maxLength: tree.indicators.length }), {
        minLength: n,
        maxLength: n,
      }),
    ),
    method: fc.constantFrom("arithmetic", "geometric", "harmonic"),
    low: fc.integer({ min: -10, max: 10 }),
    span: fc.integer({ min: 1, max: 200 }),
  }),
);

const isTyped = (error: unknown) => error instanceof IndexInputError || error instanceof IndexComputeError;
const finite = (v: number) => Number.isFinite(v);

test("random frameworks and data: finite where defined, within children's range, competition ranks, min-max in [low, high]", () => {
  let computed = 0;
  fc.assert(
    fc.property(caseArb, ({ tree, units, method, low, span }) => {
      // Geometric and harmonic means need positive values: normalize to [1, 1 + span] for them.
      const lo = method === "arithmetic" ? low : 1;
      const hi = lo + span;
      const data: Cell[][] = [["uCode", ...tree.indicators], ...units.map((row, u) => [`U${u}`, ...row])];
      let result: IndexResult;
      try {
        result = computeIndex(data, tree.rows, {
          normalize: { method: "minmax", low: lo, high: hi },
          aggregate: { method },
        });
      } catch (error) {
        assert.ok(isTyped(error), `untyped failure: ${String(error)}`);
        return;
      }
      computed++;
      const n = units.length;
      const columns = new Map<string, Float64Array>();
      result.steps.normalized.codes.forEach((code, j) => columns.set(code, result.steps.normalized.columns[j]!));
      result.scores.codes.forEach((code, j) => columns.set(code, result.scores.columns[j]!));
      tree.indicators.forEach((code, j) => {
        const x = columns.get(code)!;
        for (let u = 0; u < n; u++) {
          const raw = units[u]![j];
          if (raw === null) assert.ok(Number.isNaN(x[u]!), `${code}/${u}: missing stays missing`);
          else assert.ok(x[u]! >= lo - 1e-9 && x[u]! <= hi + 1e-9, `${code}/${u}: ${x[u]} within [${lo}, ${hi}]`);
        }
      });
      // Defined = some positively weighted child has a value (independent recursion over the tree).
      const defined = new Map<string, boolean[]>();
      const isDefined = (code: string): boolean[] => {
        if (defined.has(code)) return defined.get(code)!;
        const kids = tree.children.get(code);
        const d = kids
          ? Array.from({ length: n }, (_, u) => kids.some((k) => k.weight > 0 && isDefined(k.code)[u]))
          : Array.from({ length: n }, (_, u) => units[u]![tree.indicators.indexOf(code)] !== null);
        defined.set(code, d);
        return d;
      };
      for (const [code, kids] of tree.children) {
        const score = columns.get(code)!;
        const rank = result.ranks.columns[result.ranks.codes.indexOf(code)]!;
        const d = isDefined(code);
        for (let u = 0; u < n; u++) {
          if (!d[u]) {
            assert.ok(
              Number.isNaN(score[u]!) && Number.isNaN(rank[u]!),
              `${code}/${u}: no data in any weighted branch → no score, no rank`,
            );
            continue;
          }
          assert.ok(finite(score[u]!), `${code}/${u}: finite score when it has data (got ${score[u]})`);
          const values = kids.filter((k) => k.weight > 0 && isDefined(k.code)[u]).map((k) => columns.get(k.code)![u]!);
          const min = Math.min(...values),
            max = Math.max(...values);
          assert.ok(
            score[u]! >= min - 1e-9 * Math.max(1, Math.abs(min)) &&
              score[u]! <= max + 1e-9 * Math.max(1, Math.abs(max)),
            `${code}/${u}: ${method} mean ${score[u]} within children's [${min}, ${max}]`,
          );
          // Competition rank: 1 + units strictly above (exact ties share the rank).
          const strictlyAbove = Array.from(score).filter((s) => finite(s) && s > score[u]!).length;
          assert.equal(rank[u], 1 + strictlyAbove, `${code}/${u}: competition rank`);
        }
      }
    }),
    { numRuns: 250 },
  );
  assert.ok(computed > 100, `most random cases compute (got ${computed})`);
});

const junk: Cell[] = [
  "n/a",
  "—",
  "1,234",
  "12%",
  "1e3",
  "#N/A",
  "#DIV/0!",
  "",
  null,
  " ",
  -1,
  0,
  2,
  1e308,
  "INDEX",
  "i1",
  "a2",
  "=1+1",
  "@SUM(A1)",
  true,
  "Indicator",
  "Aggregate",
  "x y",
  "9a",
  "北京",
  "🔥",
];

test("random damage to valid tables: a result, or an IndexInputError / IndexComputeError — never anything else", () => {
  const hitsArb = fc.array(
    fc.record({
      table: fc.constantFrom("data", "framework"),
      row: fc.nat(20),
      col: fc.nat(6),
      cell: fc.constantFrom(...junk),
    }),
    { minLength: 1, maxLength: 4 },
  );
  const outcomes = { ok: 0, input: 0, compute: 0 };
  fc.assert(
    fc.property(caseArb, hitsArb, (c, hits) => {
      const data: Cell[][] = [["uCode", ...c.tree.indicators], ...c.units.map((row, u) => [`U${u}`, ...row])];
      const framework = c.tree.rows.map((row) => [...row]);
      for (const hit of hits) {
        const t = hit.table === "data" ? data : framework;
        const row = t[hit.row % t.length]!;
        row[hit.col % row.length] = hit.cell;
      }
      try {
        const result = computeIndex(data, framework, { aggregate: { method: c.method } });
        outcomes.ok++;
        const root = result.scores.columns[result.scores.columns.length - 1]!;
        // No silent NaN: an included unit without a score has a warning naming its row.
        root.forEach((v, u) => {
          if (Number.isNaN(v) && result.included[u] === 1)
            assert.ok(
              result.warnings.some((w) => w.row === result.units.rows[u]),
              `unit ${result.units.codes[u]} unscored without a warning`,
            );
        });
      } catch (error) {
        assert.ok(isTyped(error), `untyped failure: ${(error as Error)?.stack ?? String(error)}`);
        if (error instanceof IndexInputError) {
          outcomes.input++;
          assert.ok(
            error.issues.some((i) => i.severity === "error"),
            "an input error has at least one error issue",
          );
          for (const issue of error.issues)
            assert.ok(
              issue.message.length > 10 && !/undefined|NaN|\[object/.test(issue.message),
              `clear message: ${issue.message}`,
            );
        } else outcomes.compute++;
      }
    }),
    { numRuns: 300 },
  );
  assert.ok(outcomes.ok > 0 && outcomes.input > 0, JSON.stringify(outcomes));
});
