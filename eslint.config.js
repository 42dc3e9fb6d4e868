import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import i18next from "eslint-plugin-i18next";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "node_modules/",
      ".cache/",
      "data/",
      "scratch/",
      "e2e/artifacts/",
      "test-results/",
      "bench/results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // User-visible English in components must come from the catalogs (issue 21): JSX text, literals
    // inside JSX, and the attributes a person reads or hears. Class names, keys, ids, routes, test ids
    // and typographic symbols are not language.
    files: ["app/**/*.tsx"],
    // Types let the rule pass literals whose type is a union of literals (message keys, field names).
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            include: [
              "aria-label",
              "aria-description",
              "aria-roledescription",
              "aria-valuetext",
              "title",
              "placeholder",
              "alt",
              "label",
            ],
            exclude: [".*"],
          },
          "jsx-components": { include: [], exclude: ["Trans", "code", "kbd", "pre", "style", "script"] },
          callees: {
            // The plugin's defaults, plus our form helpers that take a field or intent name.
            exclude: [
              "i18n(ext)?",
              "t",
              "translate",
              "require",
              "addEventListener",
              "removeEventListener",
              "postMessage",
              "getElementById",
              "dispatch",
              "commit",
              "includes",
              "indexOf",
              "endsWith",
              "startsWith",
              "replace",
              "field",
              "problem",
              "described",
              "action",
              "refusalFor",
              "formatKpiValue",
            ],
          },
          words: {
            exclude: [
              // Symbols, numbers and punctuation in any script (—, ·, ×, →, …), and CONSTANT_CASE.
              /^[\p{P}\p{S}\p{N}\s]+$/u,
              /^[A-Z0-9_-]+$/,
              /^\p{Emoji}+$/u,
              // Code-like tokens without spaces: class names (a__b--c), URLs, e-mail and CSV samples.
              /^(?=.*[_.@:/,\n-])[\w.@,:/\n…-]+$/u,
            ],
          },
        },
      ],
    },
  },
);
