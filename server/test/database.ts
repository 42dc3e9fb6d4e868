import path from "node:path";
import { openDb, type Db } from "~/utils/db.server";

/** A database client a test opens itself, beside (or after) the server under test. */
export type TestDb = Db;

/** Opens the database in a data directory, as the server does. */
export function openDataDb(dataDir: string): Promise<TestDb> {
  return openDb(path.join(dataDir, "keyroom.db"));
}

/** The collaboration storage's access to the database, for tests that watch or hold its transactions. */
export { sqliteAccess } from "~/utils/db.server";
