import { defineConfig, devices } from "@playwright/test";
import { STRIPE_E2E_ENV } from "./e2e/stripe-env";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

// Debian's Chromium (installed by .ci/run), never a downloaded browser.
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: ".data/test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    // The production build through Parley's server (scripts/serve.mjs, as `npm start` runs it),
    // started directly with node (not through npx, which would outlive a kill).
    command: `node scripts/serve.mjs start -p ${PORT}`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      NEXTAUTH_URL: baseURL,
      // The suite signs in many times from one address; the per-IP limit has its own test.
      AUTH_IP_MAX_ATTEMPTS: process.env.AUTH_IP_MAX_ATTEMPTS ?? "1000",
      // A stand-in reverse proxy: e2e/http.spec.ts connects from 127.0.0.2 (also loopback) with
      // X-Forwarded-For to play remote clients; everything else connects from 127.0.0.1.
      TRUSTED_PROXIES: "127.0.0.2",
      // Journeys that send mail read it where a developer would: the dev outbox page.
      PARLEY_DEV_OUTBOX: "1",
      SMTP_URL: "",
      // Billing on, against the Stripe double e2e/billing.spec.ts runs (e2e/stripe-env.ts).
      ...STRIPE_E2E_ENV,
    },
  },
});
