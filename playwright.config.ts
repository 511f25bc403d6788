import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/fixtures/e2e-env";

/**
 * End-to-end tests run against the production build (`next build` + `next start`) with a fresh
 * database, a fresh local chain and the demo seed, in Debian's Chromium.
 */
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: E2E.baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node_modules/.bin/tsx --conditions=react-server scripts/serve.ts --prod --fresh",
    url: `${E2E.baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM lets the start script stop the Next.js server and the chain node it started.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      RPC_URL: E2E.rpcUrl,
      CHAIN_ID: "31337",
      PGLITE_DIR: ".test-data/e2e-pglite",
      TRIALPROOF_MODE: "embedded",
      DEMO_PASSWORD: E2E.demoPassword,
      DEMO_CREDENTIALS_PATH: ".test-data/e2e-demo-credentials.json",
      // Many sign-ins from one address in one run; the limiter itself is tested in the integration suite.
      SIGN_IN_RATE_LIMIT_MAX: "500",
      BETTER_AUTH_URL: E2E.baseURL,
    },
  },
});
