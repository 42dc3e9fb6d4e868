import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["app/**/*.test.ts", "server/**/*.test.ts", "prisma/**/*.test.ts"],
    // PostgreSQL, Redis and several processes: `npm run test:cluster` (vitest.cluster.config.ts).
    exclude: ["server/postgres/**", "server/cluster/**", "**/node_modules/**"],
    globalSetup: ["server/test/global-setup.ts"],
    // Any unhandled promise rejection fails the test it happened in (see the file).
    setupFiles: ["server/test/fail-on-unhandled-rejection.ts"],
    pool: "forks",
    // One test file per core (Vitest's default leaves one core free): the tests spend much
    // of their time waiting on sockets, timers and child servers. 6.1 instead of 8.6 min here.
    maxWorkers: "100%",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
