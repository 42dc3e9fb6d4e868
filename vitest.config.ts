import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "server/**/*.test.ts", "prisma/**/*.test.ts"],
    globalSetup: ["server/test/global-setup.ts"],
    // Any unhandled promise rejection fails the test it happened in (see the file).
    setupFiles: ["server/test/fail-on-unhandled-rejection.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
