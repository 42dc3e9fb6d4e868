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
    // A worker runs its files one after another in one module graph instead of importing
    // the server and the Remix build afresh for each: 3 instead of 6 min here. So a test
    // file must not count on module state being new (browser-catalog.test.ts re-imports
    // what it needs fresh) and must put back process-wide settings it changes.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
