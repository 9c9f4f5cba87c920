/** Sheet names, headers and chart titles of the editions sheets, in English and Simplified Chinese. */
import type { Language } from "../language";

const en = {
  sheetEditions: "Editions",
  sheetTrends: "Trends",
  sheetPublished: "Published vs computed",
  rankIn: "Rank {time}",
  scoreIn: "{index} {time}",
  changeSince: "Change since {time}",
  change: "Rank change",
  edition: "Edition",
  chartTrends: "{index} over editions: top {n} in {time}",
  chartMovers: "Largest rank changes, {before} → {time}",
  axisEdition: "Edition",
  axisRankChange: "Rank change (▲ up, ▼ down)",
  publishedRank: "Published rank",
  computedRank: "Computed rank",
  difference: "Difference (computed − published)",
  chartPublished: "Published vs computed rank",
  notComputed: "not in the computed ranking",
  equalRanks: "Equal ranks: {k} of {n}",
} as const;

export type EditionsText = { readonly [K in keyof typeof en]: string };

const zhCN: EditionsText = {
  sheetEditions: "各期",
  sheetTrends: "趋势",
  sheetPublished: "公布与计算对比",
  rankIn: "{time} 排名",
  scoreIn: "{index} {time}",
  changeSince: "较 {time} 变化",
  change: "排名变化",
  edition: "期次",
  chartTrends: "{index}各期走势：{time} 年前 {n} 名",
  chartMovers: "排名变化最大者，{before} → {time}",
  axisEdition: "期次",
  axisRankChange: "排名变化（▲ 上升，▼ 下降）",
  publishedRank: "公布排名",
  computedRank: "计算排名",
  difference: "差值（计算 − 公布）",
  chartPublished: "公布排名与计算排名",
  notComputed: "不在计算排名中",
  equalRanks: "排名一致：{k} / {n}",
};

export function editionsText(language: Language): EditionsText {
  return language === "zh-CN" ? zhCN : en;
}

/** A rank change as Excel shows it: ▲3 up, ▼2 down, 0 unchanged (the cell stays a number). */
export const RANK_CHANGE_FORMAT = '"▲"0;"▼"0;0';
