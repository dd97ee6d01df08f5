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
    files: ["**/*.{js,mjs}", "e2e/**/*.{js,mjs}", "scripts/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
