import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "@prisma/client";
import { SECRET_COLUMNS } from "./secret-columns.server";

/** The client type carries the omitted secret columns, so reading one without asking for it fails to compile. */
export type Db = PrismaClient<{ omit: typeof SECRET_COLUMNS }>;

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
  const adapter = rollbackTolerant(new PrismaBetterSQLite3({ url: databaseFile, timeout: 5000 }));
  const db: Db = new PrismaClient({ adapter, omit: SECRET_COLUMNS });
  // Prisma does not turn on WAL for SQLite; readers then never block the writer.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}

type AdapterFactory = InstanceType<typeof PrismaBetterSQLite3>;
type Adapter = Awaited<ReturnType<AdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * When SQLite fails a statement with "disk full" (or an I/O error) it rolls the
 * transaction back itself, so the ROLLBACK Prisma then sends fails with "no
 * transaction is active" — and Prisma stops before releasing the adapter's
 * transaction lock, which hangs every later write until a restart. Treating
 * that ROLLBACK as done lets Prisma finish, so writes work again once space
 * is back.
 */
function rollbackTolerant(factory: AdapterFactory): AdapterFactory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx: Transaction = await startTransaction(isolationLevel);
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (error) {
          if (query.sql === "ROLLBACK" && /no transaction is active/.test(String(error))) return 0;
          throw error;
        }
      };
      return tx;
    };
    return adapter;
  };
  return factory;
}

/**
 * Which accounts a portfolio-wide query covers: every one (an executive's
 * view), or these. Whole-portfolio queries are written in SQL, where a list of
 * a thousand ids would only slow SQLite down.
 */
export type AccountScope = "all" | readonly string[];

/** The SQL condition keeping `column` (a quoted column name written in code, never input) to the scope. */
export function inScope(column: string, scope: AccountScope): Prisma.Sql {
  if (scope === "all") return Prisma.sql`1 = 1`;
  if (scope.length === 0) return Prisma.sql`1 = 0`;
  return Prisma.sql`${Prisma.raw(column)} IN (${Prisma.join([...scope])})`;
}
