import { test } from "node:test";
import assert from "node:assert/strict";
import { MESSAGES, pickLanguage, stageText, t } from "../../src/taskpane/i18n";

test("English and Simplified Chinese have the same keys, all non-empty, with the same {slots}", () => {
  const en = MESSAGES.en;
  const zh = MESSAGES["zh-CN"];
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    assert.ok(en[key].trim() && zh[key].trim(), `empty text for ${key}`);
    assert.deepEqual(slots(zh[key]), slots(en[key]), `slots differ for ${key}`);
  }
  // The Chinese table is a translation, not a copy: most texts contain CJK characters.
  const translated = Object.values(zh).filter((text) => /[\u4e00-\u9fff]/.test(text)).length;
  assert.ok(translated / Object.keys(zh).length > 0.8, `only ${translated} Chinese texts`);
});

test("Office display languages map to en or zh-CN", () => {
  assert.equal(pickLanguage("zh-CN"), "zh-CN");
  assert.equal(pickLanguage("zh-SG"), "zh-CN");
  assert.equal(pickLanguage("ZH-cn"), "zh-CN");
  assert.equal(pickLanguage("zh"), "zh-CN");
  assert.equal(pickLanguage("en-US"), "en");
  assert.equal(pickLanguage("fr-FR"), "en");
  assert.equal(pickLanguage(""), "en");
  assert.equal(pickLanguage(undefined), "en");
});

test("t fills slots, keeps unknown slots visible; stageText translates known stages only", () => {
  assert.equal(t("en", "ranked", { count: 51 }), "Ranked 51 units");
  assert.equal(t("zh-CN", "ranked", { count: 3 }), "已为 3 个单位排名");
  assert.equal(t("en", "detected"), "Found: {sources}");
  assert.equal(stageText("zh-CN", "write"), "正在写入结果");
  assert.equal(stageText("en", "custom step"), "custom step");
});
