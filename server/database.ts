import { openDb, sqliteAccess, type Db } from "~/utils/db.server";
import type { DocStorage } from "./collab/storage";
import { openPostgres } from "./postgres/open";
import { postgresDocStorage } from "./postgres/doc-storage";
import { sqliteDocStorage } from "./sqlite-doc-storage";

/** Where Keyroom keeps its data: the embedded SQLite file, or PostgreSQL when DATABASE_URL names one. */
export interface DatabaseTarget {
  databaseFile: string;
  /** `postgresql://…`; unset for SQLite. */
  databaseUrl?: string;
}

export interface Database {
  engine: "sqlite" | "postgres";
  db: Db;
  /** The collaboration server's snapshot and update log. */
  docStorage: DocStorage;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.databaseUrl) {
    const postgres = await openPostgres(target.databaseUrl);
    return {
      engine: "postgres",
      db: postgres.db,
      docStorage: postgresDocStorage(postgres.pool),
      close: postgres.close,
    };
  }
  const db = await openDb(target.databaseFile);
  return { engine: "sqlite", db, docStorage: sqliteDocStorage(sqliteAccess(db)), close: () => db.$disconnect() };
}
