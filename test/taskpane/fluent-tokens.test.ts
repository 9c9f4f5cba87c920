/** The pane's Fluent 2 tokens (taskpane.css's generated block) are those of the installed @fluentui/tokens. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
// @ts-expect-error a plain .mjs script without types
import { withTokens } from "../../scripts/fluent-tokens.mjs";

const require = createRequire(import.meta.url);

test("taskpane.css carries the Fluent tokens it uses, light, dark and high contrast, as @fluentui/tokens defines them", () => {
  const css = readFileSync("src/taskpane/taskpane.css", "utf8");
  assert.equal(withTokens(css), css, "run node scripts/fluent-tokens.mjs");
  const { webLightTheme, webDarkTheme, teamsHighContrastTheme } = require("@fluentui/tokens") as Record<
    string,
    Record<string, string>
  >;
  // Spot checks against the package (independent of the generator): brand, text, background in each theme.
  const block = (selector: string) => css.slice(css.indexOf(`${selector} {`)).split("}")[0]!;
  assert.ok(block(":root").includes(`--colorBrandBackground: ${webLightTheme.colorBrandBackground};`));
  assert.ok(
    block(':root[data-theme="dark"]').includes(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1};`),
  );
  assert.ok(
    block(':root[data-theme="contrast"]').includes(
      `--colorNeutralForeground1: ${teamsHighContrastTheme.colorNeutralForeground1};`,
    ),
  );
  // Every var(--token) used is defined (no silent fallback to the browser's colours).
  const defined = new Set([...css.matchAll(/--([A-Za-z0-9]+):/g)].map((m) => m[1]));
  const used = [...css.matchAll(/var\(--([A-Za-z0-9]+)/g)].map((m) => m[1]!);
  assert.deepEqual(
    used.filter((name) => !defined.has(name)),
    [],
  );
});
