import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";

export type Db = PrismaClient;

/** Prisma's Bytes fields want ArrayBuffer-backed arrays; ours always are (never shared memory). */
export function asBytes(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data as Uint8Array<ArrayBuffer>;
}

/**
 * Opens the database. One client per process is the single writer path:
 * SQLite allows one writer, and concurrent Prisma transactions on SQLite can
 * deadlock, so everything (pages, collab log, hub) shares this client.
 */
export async function openDb(databaseFile: string): Promise<Db> {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: databaseFile, timeout: 5000 });
  const db = new PrismaClient({ adapter });
  // Prisma does not turn on WAL for SQLite; readers then never block the writer.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}
