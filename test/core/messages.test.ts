/** The engine's message catalogue: both languages key for key, real errors rendered in Chinese, one glossary. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { computeIndex, formatIssue, IndexInputError, type Cell, type ValidationIssue } from "../../src/core/engine";
import { computeErrorMessage, IndexComputeError } from "../../src/core/engine";
import { CATALOGUES, joinList, msg, render } from "../../src/core/engine";
import { parsePublished, parseSpec, settingsToSpecInput } from "../../src/core/engine";
import { checkAnalysisBudget } from "../../src/core/analysis/budget";
import { completeComparisonMatrix, pcaWeights } from "../../src/core/weights";
import { buildInputModel } from "../../src/core/uncertainty/inputs";
import { checkSheetLimits } from "../../src/core/report";

const slots = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

test("every key of the catalogue has an English and a Chinese text with the same parameters", () => {
  const en = CATALOGUES.en;
  const zh = CATALOGUES["zh-CN"];
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  assert.ok(Object.keys(en).length > 100, "the catalogue covers the engine's messages");
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    assert.deepEqual([...new Set(slots(zh[key]))], [...new Set(slots(en[key]))], key);
    assert.notEqual(zh[key].trim(), "", key);
  }
});

test("a message renders with its parameters; lists take the language's separator, nested messages its words", () => {
  const m = msg("framework.manyTops", { count: 2, codes: ["P1", "P2"] });
  assert.equal(render("en", m), "2 top nodes (P1, P2) have an empty Parent; add an index row and make it their Parent");
  assert.equal(render("zh-CN", m), "有 2 个顶层节点（P1、P2）的上级为空；请添加指数行并将其设为它们的上级");
  assert.equal(joinList("zh-CN", ["数据", "框架", "设置"]), "数据、框架、设置");
  const nested = msg("framework.allZero", { parent: "P1", codes: msg("list.andMore", { list: ["A", "B"], more: 3 }) });
  assert.equal(
    render("en", nested),
    "every child of P1 has weight 0 (A, B and 3 more); give at least one a positive weight",
  );
  assert.match(render("zh-CN", nested), /（A、B 等，另有 3 个）/);
});

// A small index with one mistake of each kind a user makes; the engine reports them all at once.
const framework: Cell[][] = [
  ["iCode", "iName", "Parent", "Weight", "Direction"],
  ["A", "Alpha", "P1", 1, 1],
  ["B", "Beta", "P1", "heavy", 1],
  ["C", "Gamma", "P1", 1, "up"],
  ["A", "Alpha again", "P1", 1, 1],
  ["P1", "Pillar", "Index", 1, null],
  ["Index", "Index", null, null, null],
];
const data: Cell[][] = [
  ["uCode", "uName", "A", "B", "C"],
  ["LON", "London", 1, 2, 3],
  ["PAR", "Paris", "n/a", 2, 3],
  ["LON", "London again", 1, 2, 3],
];
const goodFramework: Cell[][] = [
  ["iCode", "iName", "Parent", "Weight", "Direction"],
  ["A", "Alpha", "P1", 1, 1],
  ["B", "Beta", "P1", 1, 1],
  ["C", "Gamma", "P1", 1, 1],
  ["P1", "Pillar", "Index", 1, null],
  ["Index", "Index", null, null, null],
];

function issuesOf(run: () => unknown): ValidationIssue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof IndexInputError) return error.issues;
    throw error;
  }
  assert.fail("expected an IndexInputError");
}

/** ASCII words left once codes, cell references, sheet names and option values the user types are removed. */
function englishWords(text: string, allowed: string[]): string[] {
  let rest = text.replace(/(\b[A-Za-z]+|'[^']+')!\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?/g, " ");
  for (const word of allowed) rest = rest.split(word).join(" ");
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

test("real engine errors in Chinese: duplicate codes, a bad weight, a bad direction, a cell that is not a number; no English words left", () => {
  const framework_ = issuesOf(() => computeIndex(data, framework, {}));
  const zh = framework_.map((issue) => formatIssue(issue, undefined, "zh-CN"));
  assert.deepEqual(zh, [
    "Framework!D3：权重“heavy”不是数值；权重须为 ≥ 0 的数",
    "Framework!E4：方向“up”必须为 1（越高越好）或 -1（越低越好）",
    "Framework!A5：代码 A 重复（另见第 2 行）；代码必须唯一",
  ]);
  // English is unchanged, word for word.
  assert.deepEqual(
    framework_.map((issue) => formatIssue(issue)),
    [
      'Framework!D3: weight "heavy" is not a number; weights are numbers ≥ 0',
      'Framework!E4: direction "up" must be 1 (higher is better) or -1 (lower is better)',
      "Framework!A5: duplicate code A (also in row 2); codes must be unique",
    ],
  );
  const dataIssues = issuesOf(() => computeIndex(data, goodFramework, {}));
  const dataZh = dataIssues.map((issue) => formatIssue(issue, { Data: { sheet: "数据", row: 0, col: 0 } }, "zh-CN"));
  // A sheet named in letters (Chinese too) needs no quotes in Excel; one with a space does.
  assert.deepEqual(dataZh, ["数据!A4：单位代码 LON 重复（另见第 2 行）；单位代码必须唯一"]);
  const spaced = formatIssue(dataIssues[0]!, { Data: { sheet: "城市 数据", row: 0, col: 0 } }, "zh-CN");
  assert.ok(spaced.startsWith("'城市 数据'!A4："), spaced);
  const warned = computeIndex([...data.slice(0, 3), ["BER", "Berlin", 3, 4, 5]], goodFramework, {}).warnings.map(
    (issue) => formatIssue(issue, undefined, "zh-CN"),
  );
  assert.deepEqual(warned, ["警告：Data!C3：“n/a”不是数值，按缺失处理（请填写数值或将单元格留空）"]);
  for (const text of [...zh, ...dataZh, ...warned]) {
    assert.deepEqual(englishWords(text, ["heavy", "up", "LON", "n/a", "Framework", "Data"]), [], text);
  }
});

test("structural errors of the Framework and a computation error in Chinese name the codes and nothing in English", () => {
  const loop: Cell[][] = [
    ["iCode", "iName", "Parent", "Type"],
    ["A", "Alpha", "P1", "Indicater"],
    ["P1", "Pillar", "P2", null],
    ["P2", "Pillar 2", "P1", null],
  ];
  const zh = issuesOf(() =>
    computeIndex(
      [
        ["uCode", "A"],
        ["U1", 1],
      ],
      loop,
      {},
    ),
  ).map((issue) => formatIssue(issue, undefined, "zh-CN"));
  assert.ok(
    zh.some((t) => t.includes("类型“Indicater”无法识别；请使用 Indicator、Aggregate、Group、Denominator 之一")),
    zh.join("\n"),
  );
  for (const text of zh)
    assert.deepEqual(
      englishWords(text, [
        "Indicater",
        "Indicator",
        "Aggregate",
        "Group",
        "Denominator",
        "Framework",
        "Alpha",
        "P1",
        "P2",
      ]),
      [],
      text,
    );
  // A constant indicator cannot be min-max normalized: the error names it, in the language asked.
  let error: unknown = null;
  try {
    computeIndex(
      [
        ["uCode", "A", "B", "C"],
        ["U1", 1, 1, 2],
        ["U2", 2, 1, 3],
      ],
      goodFramework,
      {},
    );
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof IndexComputeError, String(error));
  assert.equal(
    error.message,
    "Indicator B cannot be normalized by min-max: every value is 1. Remove it from the Framework, give it a weight of 0 and another method, or check its data.",
  );
  assert.equal(
    computeErrorMessage(error, "zh-CN"),
    "指标 B 无法用最小–最大标准化：所有值都等于 1。请将其从框架中删除、设权重为 0 并改用其他方法，或检查其数据。",
  );
});

/** English and Chinese of what `run` throws: every issue located, or the computation's message. */
function both(run: () => unknown): { en: string[]; zh: string[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof IndexInputError)
      return {
        en: error.issues.map((issue) => formatIssue(issue)),
        zh: error.issues.map((issue) => formatIssue(issue, undefined, "zh-CN")),
      };
    if (error instanceof IndexComputeError) return { en: [error.message], zh: [computeErrorMessage(error, "zh-CN")] };
    throw error;
  }
  assert.fail("expected an error");
}

test("options (spec and Settings), zod's own checks and method cells in Chinese; English unchanged", () => {
  const spec = both(() =>
    parseSpec(
      {
        bogus: 1,
        denominate: "yes",
        screen: { minCoverage: 2 },
        normalize: { method: "minmax", low: "a" },
        aggregate: { method: "nope" },
      },
      "Settings",
    ),
  );
  assert.deepEqual(spec.en, [
    'Settings (bogus): unknown option "bogus"; allowed: denominate, impute, screen, treat, normalize, aggregate, weights, editions',
    "Settings (denominate): must be true or false",
    'Settings (screen.minCoverage): must be a share between 0 and 1 (screen takes { "minCoverage": share 0–1, "minNonZero": share 0–1, "basis": "raw" | "imputed", "include": [unit codes], "exclude": [unit codes] })',
    "Settings (normalize.low): Invalid input: expected number, received string (allowed keys for minmax: method, low, high)",
    'Settings (aggregate.method): unknown method "nope"; allowed: arithmetic, geometric, harmonic, power',
  ]);
  assert.deepEqual(spec.zh, [
    "Settings (bogus)：未知选项“bogus”；可用：denominate、impute、screen、treat、normalize、aggregate、weights、editions",
    "Settings (denominate)：必须为 true 或 false",
    'Settings (screen.minCoverage)：必须是 0 到 1 之间的比例（screen 接受 { "minCoverage": 0–1 的比例, "minNonZero": 0–1 的比例, "basis": "raw" | "imputed", "include": [单位代码], "exclude": [单位代码] }）',
    "Settings (normalize.low)：输入无效：应为数值，实际为文本（minmax 可用的键：method、low、high）",
    'Settings (aggregate.method)：未知方法 "nope"；可用：arithmetic、geometric、harmonic、power',
  ]);
  const options = ["Settings", "bogus", "denominate", "impute", "screen", "treat", "normalize", "aggregate"];
  const keys = ["weights", "editions", "minCoverage", "minNonZero", "basis", "raw", "imputed", "include", "exclude"];
  const values = ["true", "false", "minmax", "low", "high", "method", "nope", "arithmetic", "geometric", "harmonic"];
  for (const text of spec.zh) assert.deepEqual(englishWords(text, [...options, ...keys, ...values, "power"]), [], text);
  // A refinement's own words (p = 0) and a key too deep for an option.
  const power = both(() => parseSpec({ aggregate: { method: "power", p: 0 } }, "Settings"));
  assert.deepEqual(power.zh, ["Settings (aggregate.p)：p 不能为 0（p = 0 即几何平均）（power 可用的键：method、p）"]);
  const deep = settingsToSpecInput([["a.b.c.d.e.f.g.h.i", 1]]).issues.map((i) => formatIssue(i, undefined, "zh-CN"));
  assert.deepEqual(deep, [
    "Settings!A1：“a.b.c.d.e.f.g.h.i…”不是选项：选项键最多有 4 段（aggregate.byLevel.2.method）",
  ]);
  // A Framework method cell ("minmax lo=1") names the cell and the problem in Chinese.
  const cell = both(() =>
    computeIndex(
      data.slice(0, 2),
      [
        ["iCode", "iName", "Parent", "Normalize"],
        ["A", "Alpha", "Index", "minmax low"],
        ["B", "Beta", "Index", null],
        ["C", "Gamma", "Index", null],
        ["Index", "Index", null, null],
      ],
      {},
    ),
  );
  assert.deepEqual(cell.en, [
    'Framework!D2: Normalize "minmax low": "low" is not a parameter; write parameters as name=value, e.g. "minmax low=1 high=10"',
  ]);
  assert.deepEqual(cell.zh, [
    "Framework!D2：Normalize“minmax low”：“low”不是参数；请按 名称=值 的形式书写参数，例如“minmax low=1 high=10”",
  ]);
});

test("weight methods, analysis budgets and the Published table in Chinese: no English words left", () => {
  const ahp = both(() =>
    completeComparisonMatrix([
      [1, 3],
      [0.5, 1],
    ]),
  );
  assert.deepEqual(ahp.en, [
    "the matrix is not reciprocal: row 1, column 2 is 3 so row 2, column 1 must be 1/3 (0.333), not 0.5",
  ]);
  assert.deepEqual(ahp.zh, ["矩阵不互反：第 1 行第 2 列为 3，因此第 2 行第 1 列必须为 1/3（0.333），而不是 0.5"]);
  const pca = both(() => pcaWeights([Float64Array.from([1, 2]), Float64Array.from([3, 4])], ["A", "B"]));
  assert.deepEqual(pca.en, ["PCA needs at least 3 rows with a value in every column; found 2"]);
  assert.deepEqual(pca.zh, ["主成分分析（PCA）至少需要 3 行在每一列都有值；实际为 2 行"]);
  // 1,000 units × 100 indicators: Monte Carlo runs are capped by memory (see budget.test.ts for the figures).
  const budget = both(() =>
    checkAnalysisBudget({ units: 1000, indicators: 100, sensitivityInputs: 0 }, { uncertaintyRuns: 1e9 }),
  );
  assert.match(
    budget.en[0]!,
    /^Spec \(uncertainty\): the number of uncertainty runs must be a whole number from 2 to \d+/,
  );
  assert.match(budget.zh[0]!, /^Spec \(uncertainty\)：对这些数据，不确定性分析的运行次数必须是 2 到 \d+ 之间的整数/);
  const published = both(() =>
    parsePublished([
      ["uCode", "Rank"],
      ["A", 1],
      ["A", 1.5],
    ]),
  );
  assert.deepEqual(published.zh, [
    "Published!A3：单位 A 出现了两次（另见第 2 行）；每个单位只保留一行",
    "Published!A2：单位 A 出现了两次（另见第 3 行）；每个单位只保留一行",
    "Published!B3：排名“1.5”不是从 1 起的整数",
  ]);
  assert.equal(published.en[2], 'Published!B3: rank "1.5" is not a whole number from 1');
  // A sheet too large for Excel: one line per problem, in either language.
  const limits = both(() => checkSheetLimits([{ name: "结果", rows: 2_000_000, cols: 20_000 }]));
  assert.deepEqual(limits.zh[0]!.split("\n"), [
    "结果 工作表需要 2,000,000 行，超过 Excel 的上限 1,048,576；请每次计算更少的单位，或使用命令行的 --csv 或 --json 输出（没有行数限制）。",
    "结果 工作表需要 20,000 列，超过 Excel 的上限 16,384；请减少指标，或使用命令行的 --csv 或 --json 输出。",
  ]);
  assert.equal(limits.en[0]!.split("\n").length, 2);
  assert.match(limits.en[0]!, /^The 结果 sheet would need 2,000,000 rows, more than Excel's 1,048,576;/);
  for (const text of [...ahp.zh, ...pca.zh, ...budget.zh, ...published.zh, ...limits.zh])
    assert.deepEqual(
      englishWords(text, ["PCA", "MB", "Spec", "uncertainty", "Published", "Excel", "--csv", "--json"]),
      [],
      text,
    );
});

test("the uncertain inputs, as the Sensitivity sheet describes them, in Chinese", () => {
  const result = computeIndex(
    [
      ["uCode", "uName", "A", "B", "C"],
      ["U1", "One", 1, 2, 3],
      ["U2", "Two", 2, 3, 1],
      ["U3", "Three", 3, 1, 2],
    ],
    goodFramework,
    {},
  );
  const model = buildInputModel(result, {
    weights: { factor: 0.25 },
    normalize: ["minmax", "zscore"],
    aggregate: ["arithmetic", "geometric"],
    winsorize: { min: 1, max: 3 },
  });
  assert.deepEqual(model.descriptions, [
    "weights of level 1 ±25 %",
    "weights of level 2 ±25 %",
    "normalization: minmax [1, 100] | zscore (mean 2.155, sd 1)",
    "aggregation: arithmetic | geometric",
    "winsorization limit 1 to 3",
  ]);
  const zh = model.descriptionTexts.map((text) => render("zh-CN", text));
  assert.deepEqual(zh, [
    "第 1 层的权重 ±25 %",
    "第 2 层的权重 ±25 %",
    "标准化：minmax [1, 100] | zscore (mean 2.155, sd 1)",
    "加总：arithmetic | geometric",
    "缩尾上限（winmax）1 到 3",
  ]);
  const refused = both(() => buildInputModel(result, { weights: { factor: 2 } }));
  assert.deepEqual(refused.en, [
    "Spec (uncertainty): the weight noise factor must be between 0 and 1 (0.25 = ±25 %), got 2",
  ]);
  assert.deepEqual(refused.zh, ["Spec (uncertainty)：权重扰动系数必须在 0 到 1 之间（0.25 = ±25 %），实际为 2"]);
  // Method names and their parameters (mean, sd) are option keys, typed as they are.
  const keys = ["minmax", "zscore", "mean", "sd", "arithmetic", "geometric", "winmax"];
  for (const text of [...zh, ...refused.zh])
    assert.deepEqual(englishWords(text, [...keys, "Spec", "uncertainty"]), [], text);
});

/** Every Chinese string literal in src/ (catalogues, pane, report, template). */
function chineseTexts(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|html)$/.test(name)) {
        for (const m of readFileSync(path, "utf8").matchAll(
          /"([^"\n]*[\u4e00-\u9fff][^"\n]*)"|`([^`]*[\u4e00-\u9fff][^`]*)`|>([^<]*[\u4e00-\u9fff][^<]*)</g,
        )) {
          out.push({ file: path, text: m[1] ?? m[2] ?? m[3]! });
        }
      }
    }
  };
  walk("src");
  return out;
}

test("one word per concept: no Chinese text in src/ uses a variant the glossary (docs/glossary-zh.md) rejects", () => {
  const rows = readFileSync("docs/glossary-zh.md", "utf8")
    .split("\n")
    .filter((line) => /^\|[^-|]/.test(line))
    .slice(1);
  const split = (cell: string) =>
    cell
      .split("、")
      .map((w) => w.trim())
      .filter(Boolean);
  const chosen = rows.flatMap((row) => split(row.split("|")[2] ?? ""));
  const rejected = rows.flatMap((row) => split(row.split("|")[3] ?? ""));
  assert.ok(
    chosen.includes("单位") && chosen.includes("加总") && rejected.includes("单元") && rejected.includes("聚合"),
    "the glossary decides 单位 and 加总",
  );
  const texts = chineseTexts();
  assert.ok(texts.length > 200, `the scan finds the Chinese texts (${texts.length})`);
  // A chosen term that contains a rejected one (单元格 contains 单元) is taken out first.
  const longestFirst = [...chosen].sort((a, b) => b.length - a.length);
  const bad: string[] = [];
  for (const { file, text } of texts) {
    let rest = text;
    for (const word of longestFirst) rest = rest.split(word).join("·");
    for (const word of rejected) if (rest.includes(word)) bad.push(`${file}: "${text}" uses ${word}`);
  }
  assert.deepEqual(bad, []);
  // And the check can fail: a rejected variant is found.
  assert.ok(rejected.some((word) => "数据聚合".split("单元格").join("·").includes(word)));
});

test("Chinese lists use the enumeration comma 、, not a comma", () => {
  assert.equal(
    render("zh-CN", msg("editions.notAnEdition", { wanted: 2030, times: [2022, 2023] })),
    "2030 不是数据表中的期次；现有期次：2022、2023",
  );
});
