import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:cluster`: Keyroom on the machine's PostgreSQL and Redis, several
 * processes behind HAProxy. Kept out of `npm test`, which needs neither.
 */
/**
 * Feature suites that also run on PostgreSQL (startTestServer picks it when
 * the global setup provides a template): the ones whose queries are written
 * in SQL, where the two engines could disagree.
 */
const ON_BOTH_ENGINES = [
  "server/http/access-matrix.test.ts",
  "app/features/accounts/portfolio.test.ts",
  "app/features/kpis/kpis.test.ts",
  "app/features/blocks/block-index.test.ts",
  "app/features/reviews/reviews.test.ts",
  "app/features/approvals/approvals.test.ts",
  "app/features/assessments/assessments.test.ts",
  "app/features/search/search.test.ts",
  "app/features/sharing/share-links.test.ts",
  "app/features/api/api-endpoints.test.ts",
  "app/features/api-tokens/api-tokens.test.ts",
  "app/features/audit/audit-log.test.ts",
  "app/features/admin/users.test.ts",
  "app/features/admin/accounts-departments.test.ts",
  "app/features/imports/account-import.test.ts",
  "app/features/webhooks/webhooks.test.ts",
];

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["server/postgres/**/*.test.ts", "server/cluster/**/*.test.ts", ...ON_BOTH_ENGINES],
    globalSetup: ["server/test/postgres-setup.ts"],
    setupFiles: ["server/test/fail-on-unhandled-rejection.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
