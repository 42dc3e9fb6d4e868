import type pg from "pg";
import { openDb, sqliteAccess, type Db } from "~/utils/db.server";
import type { DocStorage } from "./collab/storage";
import { openPostgres } from "./postgres/open";
import { postgresDocStorage, type Fence } from "./postgres/doc-storage";
import { sqliteDocStorage } from "./sqlite-doc-storage";

/** Where Keyroom keeps its data: the embedded SQLite file, or PostgreSQL when DATABASE_URL names one. */
export interface DatabaseTarget {
  databaseFile: string;
  /** `postgresql://…`; unset for SQLite. */
  databaseUrl?: string;
}

export type Database =
  | { engine: "sqlite"; db: Db; docStorage(): DocStorage; close(): Promise<void> }
  | {
      engine: "postgres";
      db: Db;
      /** The same database without the ORM (collab log, leases). */
      pool: pg.Pool;
      /** The collaboration server's snapshot and update log; with a fence, every write checks the lease. */
      docStorage(fence?: Fence): DocStorage;
      close(): Promise<void>;
    };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.databaseUrl) {
    const { db, pool, close } = await openPostgres(target.databaseUrl);
    return { engine: "postgres", db, pool, docStorage: (fence) => postgresDocStorage(pool, fence), close };
  }
  const db = await openDb(target.databaseFile);
  return {
    engine: "sqlite",
    db,
    docStorage: () => sqliteDocStorage(sqliteAccess(db)),
    close: () => db.$disconnect(),
  };
}
