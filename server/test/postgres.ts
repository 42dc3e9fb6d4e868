import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/**
 * The machine's PostgreSQL (ARCHITECTURE.md: 127.0.0.1:5432, trust auth), as
 * an administrator that creates and drops the tests' own databases.
 */
export const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test: empty, or a copy of `template` (the
 * migrated, demo-seeded one the cluster suite's global setup builds).
 */
export async function createDatabase(template?: string): Promise<TestDatabase> {
  const name = `keyroom_test_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((client) => dropWhenLeft(client, name)),
  };
}

/**
 * Drops a test's database once the connections its code closed are gone. A
 * pool's `end()` resolves before its sockets have closed; forcing the drop at
 * that moment would send those still-closing clients an error nobody listens
 * to any more (an uncaught exception in the test run). Connections still open
 * after a while (a process the test killed) are cut.
 */
async function dropWhenLeft(client: pg.Client, name: string): Promise<void> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1",
      [name],
    );
    if (Number(rows[0].n) === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A copy of the seeded template database (see server/test/postgres-setup.ts). */
export function seededDatabase(): Promise<TestDatabase> {
  return createDatabase(inject("postgresTemplate"));
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}
