/** Task pane and command texts in English and Simplified Chinese; `{name}` marks a value filled in at run time. */
import { methodMessages } from "../core/methods";

import type { Language } from "../core/language";

const en = {
  // Method names ("method.minmax") come from the method registry (src/core/methods).
  ...methodMessages("en"),
  title: "Index Studio",
  languageLabel: "Language",
  sourcesHeading: "Data",
  detect: "Detect sheets",
  dataLabel: "Data (sheet, table or range)",
  frameworkLabel: "Framework (sheet, table or range)",
  settingsLabel: "Settings",
  settingsFromSheet: "Use the Settings sheet",
  settingsFromPane: "Use the options below",
  useSelection: "Use selected range",
  sourcePlaceholder: "e.g. Data or Data!A1:Z38",
  sourceRequired: "Enter a sheet name, a table name or a range such as Data!A1:Z38.",
  detected: "Found: {sources}",
  nothingDetected: "No Data or Framework sheet found. Create one from a template or type the ranges.",
  templateHeading: "New index from template",
  templateIeci: "IECI sample (37 cities)",
  templateBlank: "Blank skeleton",
  templateCreate: "Create",
  templateDone: "Template sheets created. Review them, then compute.",
  optionsHeading: "Method",
  optionsFromSheet: "The method comes from the Settings sheet; choose \"Use the options below\" to set it here.",
  impute: "Missing values",
  imputeGroup: "Group column",
  treat: "Outliers",
  winmax: "Max. points winsorized",
  skewThreshold: "Skewness limit",
  kurtThreshold: "Kurtosis limit",
  normalize: "Normalization",
  low: "Low",
  high: "High",
  mean: "Mean",
  sd: "Standard deviation",
  scale: "Scale",
  cap: "Cap at target",
  aggregate: "Aggregation",
  power: "Power p",
  compute: "Compute",
  refresh: "Refresh",
  autoRefresh: "Refresh automatically when Data or Framework change",
  running: "Computing…",
  done: "Done: {sheets} updated in {syncs} round trips.",
  topHeading: "Top 10",
  edition: "Edition",
  rankChange: "Change",
  rank: "Rank",
  unit: "Unit",
  score: "Score",
  warnings: "Warnings",
  exceptionsHeading: "Indicators with their own method",
  exceptionNormalize: "normalization: {method}",
  exceptionTreat: "outliers: {method}",
  exceptionFromSpec: "Settings",
  exceptionFromFramework: "Framework column",
  errorsHeading: "Please fix",
  analysisHeading: "Analysis",
  analysisEmpty: "Sensitivity and correlation tools appear here after a run.",
  notInExcel: "Open this page from Excel (Home › Show Index Studio) to use it.",
  unexpected: "Something went wrong: {message}",
  "stage.read": "Reading the workbook",
  "stage.compute": "Computing",
  "stage.write": "Writing results",
  "stage.charts": "Drawing charts",
  "stage.done": "Finished",
} as const;

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  ...methodMessages("zh"),
  title: "指数工作室",
  languageLabel: "语言",
  sourcesHeading: "数据",
  detect: "检测工作表",
  dataLabel: "数据（工作表、表格或区域）",
  frameworkLabel: "框架（工作表、表格或区域）",
  settingsLabel: "设置",
  settingsFromSheet: "使用 Settings 工作表",
  settingsFromPane: "使用下方选项",
  useSelection: "使用所选区域",
  sourcePlaceholder: "例如 Data 或 Data!A1:Z38",
  sourceRequired: "请输入工作表名、表格名或区域，例如 Data!A1:Z38。",
  detected: "已找到：{sources}",
  nothingDetected: "未找到 Data 或 Framework 工作表。请从模板创建，或输入区域。",
  templateHeading: "从模板新建指数",
  templateIeci: "IECI 示例（37 个城市）",
  templateBlank: "空白框架",
  templateCreate: "创建",
  templateDone: "模板工作表已创建。检查后即可计算。",
  optionsHeading: "方法",
  optionsFromSheet: "方法取自 Settings 工作表；如需在此设置，请选择“使用下方选项”。",
  impute: "缺失值",
  imputeGroup: "分组列",
  treat: "异常值",
  winmax: "最多缩尾点数",
  skewThreshold: "偏度上限",
  kurtThreshold: "峰度上限",
  normalize: "标准化",
  low: "下限",
  high: "上限",
  mean: "均值",
  sd: "标准差",
  scale: "比例",
  cap: "以目标为上限",
  aggregate: "加总",
  power: "幂 p",
  compute: "计算",
  refresh: "刷新",
  autoRefresh: "数据或框架更改时自动刷新",
  running: "正在计算…",
  done: "完成：已更新 {sheets}，共 {syncs} 次往返。",
  topHeading: "前 10 名",
  edition: "期次",
  rankChange: "变化",
  rank: "排名",
  unit: "单位",
  score: "得分",
  warnings: "警告",
  exceptionsHeading: "使用单独方法的指标",
  exceptionNormalize: "标准化：{method}",
  exceptionTreat: "异常值处理：{method}",
  exceptionFromSpec: "设置",
  exceptionFromFramework: "框架列",
  errorsHeading: "请修正",
  analysisHeading: "分析",
  analysisEmpty: "计算后，敏感性和相关性工具将显示在这里。",
  notInExcel: "请从 Excel 打开此页面（开始 › 显示指数工作室）。",
  unexpected: "出现错误：{message}",
  "stage.read": "正在读取工作簿",
  "stage.compute": "正在计算",
  "stage.write": "正在写入结果",
  "stage.charts": "正在绘制图表",
  "stage.done": "已完成",
};

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/** Office's display language ("zh-CN", "zh-SG", "en-US", ...) to one of ours; Chinese variants get Simplified Chinese. */
export function pickLanguage(displayLanguage: string | undefined | null): Language {
  return /^zh\b/i.test(displayLanguage ?? "") ? "zh-CN" : "en";
}

/** One text with its `{name}` slots filled; an unknown key is a programming error, so it shows as the key itself. */
export function t(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  const template = MESSAGES[language][key] ?? MESSAGES.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}

/** The text for a progress stage reported by the adapter; unknown stages are shown as given. */
export function stageText(language: Language, stage: string): string {
  const key = `stage.${stage}`;
  return key in en ? t(language, key as MessageKey) : stage;
}
