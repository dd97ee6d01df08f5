import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // src/lib/api/generated: written by scripts/api-client.mjs from backend/openapi.json.
    ignores: ["dist", "node_modules", "coverage", "e2e/artifacts", "src/lib/api/generated"],
  },
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["e2e/**", "playwright.config.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks, "react-refresh": reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "react-refresh/only-export-components": ["warn", { allowConstantExport: true }],
      // Features never import each other: shared code goes to components/ or lib/.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../features/*", "../../features/*"],
              message: "Import features through @/features/<name>.",
            },
            {
              group: ["@/lib/api/generated", "@/lib/api/generated/*"],
              message:
                "Import the API from @/lib/api (calls, types, query options) or @/lib/api/schemas (zod).",
            },
          ],
        },
      ],
    },
  },
  {
    // The end-to-end suite runs in Node (Playwright); its fixtures call `use`,
    // which is no React hook.
    files: ["e2e/**/*.ts", "playwright.config.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    languageOptions: {
      globals: globals.node,
      parserOptions: { project: "./tsconfig.e2e.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An un-awaited expect(...) or action passes without checking anything.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // Playwright fixtures that need no other fixture start with `async ({}, use)`.
      "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }],
    },
  },
  {
    files: ["**/*.{js,mjs}", "scripts/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
