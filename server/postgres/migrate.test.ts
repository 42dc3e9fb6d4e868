import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase, type TestDatabase } from "../test/postgres";
import { migratePostgres, MIGRATIONS_DIR } from "./migrate";

describe("the PostgreSQL migration runner", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function empty(): Promise<TestDatabase> {
    const database = await createDatabase();
    cleanup.push(database.drop);
    return database;
  }

  function pool(url: string): pg.Pool {
    const p = new pg.Pool({ connectionString: url });
    cleanup.push(() => p.end());
    return p;
  }

  it("lets one of two nodes starting at once migrate, and the other find nothing to do", async () => {
    const { url } = await empty();
    const committed = fs.readdirSync(MIGRATIONS_DIR).filter((name) => !name.includes("."));
    const [a, b] = await Promise.all([migratePostgres(pool(url)), migratePostgres(pool(url))]);
    expect([...a, ...b].sort()).toEqual(committed.sort());
    expect(a.length === 0 || b.length === 0).toBe(true);
    expect(await migratePostgres(pool(url))).toEqual([]);
    const tables = await pool(url).query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('User', 'Document', 'DocUpdate')`,
    );
    expect(Number(tables.rows[0].n)).toBe(3);
  });

  it("rolls back a failing migration whole, names it, and keeps the ones before it", async () => {
    const { url } = await empty();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-migrations-"));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, sql: string) => {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    write("0001_good", `CREATE TABLE "Good" ("id" TEXT PRIMARY KEY);`);
    write("0002_bad", `CREATE TABLE "Half" ("id" TEXT PRIMARY KEY); SELECT * FROM "Missing";`);
    const db = pool(url);
    await expect(migratePostgres(db, dir)).rejects.toThrow(/0002_bad failed/);
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('Good', 'Half')`,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(["Good"]);
    const applied = await db.query<{ name: string }>(`SELECT "name" FROM "_keyroom_migrations"`);
    expect(applied.rows.map((row) => row.name)).toEqual(["0001_good"]);
  });
});
