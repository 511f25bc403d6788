import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // Next registers the jsx-a11y plugin with six of its rules; turn on the whole recommended set.
  {
    files: ["**/*.{jsx,tsx}"],
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable region must be reachable by keyboard (WCAG 2.1.1; axe's scrollable-region-focusable):
      // focusable regions carry role="region" and a name.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["region"] }],
    },
  },
  {
    rules: {
      // `_name` marks a value taken out on purpose (rest destructuring, unused tuple slots).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  // Playwright fixtures receive a function called `use`; it is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Hardhat loads its configuration as CommonJS.
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    ".data/**",
    ".test-data/**",
    "test-results/**",
    "playwright-report/**",
    "lib/chain/generated/**",
    "contracts/test/generated/**",
    "drizzle/**",
    "testdata/**",
    "next-env.d.ts",
  ]),
]);
