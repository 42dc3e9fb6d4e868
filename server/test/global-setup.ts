import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDb } from "~/utils/db.server";
import { seedDemoWorkspace } from "../../prisma/seed";

/**
 * Builds one migrated, demo-seeded SQLite file per run; every test server
 * starts from a copy of it (Epic Stack ADR 038), so tests never share a
 * database and never pay for migrations or password hashing twice.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-template-"));
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATA_DIR: dir },
    stdio: "ignore",
  });
  const file = path.join(dir, "keyroom.db");
  const db = await openDb(file);
  await seedDemoWorkspace(db);
  // Fold the WAL into the main file so a plain copy is complete.
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.$disconnect();
  project.provide("templateDatabase", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
