import fs from "node:fs";
import path from "node:path";
import type pg from "pg";

/** Committed SQL, written by scripts/postgres-schema.ts from the SQLite schema. */
export const MIGRATIONS_DIR = path.resolve("prisma", "postgresql", "migrations");

/** Any constant both nodes agree on: the advisory lock that lets one node migrate at a time. */
const MIGRATION_LOCK = 7_041_955_310;

/**
 * Applies the committed migrations that this database has not seen, in name
 * order, each in its own transaction. `prisma migrate deploy` cannot run on
 * PostgreSQL offline here (ADR 017), so this is the runner. Nodes starting
 * together queue on a session advisory lock: the first migrates, the others
 * then find nothing to do.
 *
 * Returns the names it applied.
 */
export async function migratePostgres(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_keyroom_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await client.query<{ name: string }>(`SELECT "name" FROM "_keyroom_migrations"`)).rows.map((row) => row.name),
    );
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_keyroom_migrations" ("name") VALUES ($1)`, [name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`PostgreSQL migration ${name} failed: ${String(error)}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
