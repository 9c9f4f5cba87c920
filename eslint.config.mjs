// Lint: the one-way layer graph (core ← excel/cli ← functions/commands/taskpane) plus basic checks.
// The layer rules look at import specifiers (relative paths), so a segment like "/excel/" is a layer.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const layer = (names) => `(^|/)(${names})(/|$)`;

/** One no-restricted-imports rule from [regex, message] pairs. */
const restrict = (...pairs) => ["error", { patterns: pairs.map(([regex, message]) => ({ regex, message })) }];

const UI = [
  layer("functions|commands|taskpane"),
  "excel and cli must not import the thin layers (functions, commands, taskpane).",
];

/** Core's public surface: outside core, only the package index files (src/core/<package>/index.ts). */
const CORE_PACKAGES = "engine|stats|analysis|report|sample";
const CORE = [
  `(^|/)core(/(?!(${CORE_PACKAGES})$).*)?$`,
  "outside core, import core only through its packages (their index.ts): " +
    "core/engine, core/stats, core/analysis, core/report, core/sample.",
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "dist-cli/", "out/", "test-output/", "test/fixtures/", "assets/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Control characters in patterns are deliberate (input sanitising); the fake's closures alias `this`;
      // comma expressions in one-line loops are this codebase's style.
      "no-control-regex": "off",
      "@typescript-eslint/no-this-alias": "off",
      "@typescript-eslint/no-unused-expressions": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  { files: ["**/*.mjs", "**/*.js", "**/*.cjs"], languageOptions: { globals: globals.node } },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        [layer("excel|cli|functions|commands|taskpane"), "core is the pure engine: it imports no other layer."],
        ["^(?!zod$|\\.)", "core imports nothing outside itself but zod (no Node, no Office, no other package)."],
      ),
    },
  },
  { files: ["src/excel/**/*.ts", "src/cli/**/*.ts"], rules: { "no-restricted-imports": restrict(UI, CORE) } },
  {
    files: ["src/*.ts", "src/functions/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts", "scripts/**/*.mjs"],
    rules: { "no-restricted-imports": restrict(CORE) },
  },
  {
    files: ["src/commands/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        [layer("taskpane"), "commands must not import the task pane."],
        [
          "(^|/)excel(/(?!service$|contract$).*)?$",
          "commands reach Excel only through src/excel/service (and contract).",
        ],
        CORE,
      ),
    },
  },
  {
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    rules: {
      "no-restricted-imports": restrict(
        [
          "(^|/)excel(/(?!service$|contract$).*)?$",
          "the task pane reaches Excel only through src/excel/service (and contract).",
        ],
        CORE,
      ),
    },
  },
);
