import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
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
  let connected: Adapter | undefined;
  const adapter = rollbackTolerant(new PrismaBetterSQLite3({ url: databaseFile, timeout: 5000 }), (a) => {
    connected = a;
  });
  const db: Db = new PrismaClient({ adapter, omit: SECRET_COLUMNS });
  // Prisma does not turn on WAL for SQLite; readers then never block the writer.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  // The PRAGMAs above made Prisma connect.
  if (connected) sqliteConnections.set(db, directAccess(connected));
  return db;
}

/**
 * The connection under Prisma, for the collaboration log's prepared
 * statements: through the ORM, every keystroke's append and every document
 * load paid its query compiler and interpreter (docs/performance.md).
 */
export interface SqliteAccess {
  /** Prisma's own connection: one writer, and statements here see what Prisma committed. */
  readonly connection: BetterSqlite3.Database;
  /**
   * Runs `work` (synchronous statements on `connection`) in a transaction of
   * its own, once Prisma's transaction lock is free. On the shared connection a
   * statement run while an interactive Prisma transaction waits would join it
   * and vanish with its rollback.
   */
  transaction<T>(work: () => T): Promise<T>;
}

const sqliteConnections = new WeakMap<Db, SqliteAccess>();

export function sqliteAccess(db: Db): SqliteAccess {
  const access = sqliteConnections.get(db);
  if (!access) throw new Error("not a database opened by openDb");
  return access;
}

function directAccess(adapter: Adapter): SqliteAccess {
  // The adapter's connection; its type does not show it.
  const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
  const commit = connection.prepare("COMMIT");
  return {
    connection,
    async transaction(work) {
      // Takes Prisma's lock and sends BEGIN; its commit() only gives the lock back.
      const lock = await adapter.startTransaction();
      try {
        const result = work();
        commit.run();
        return result;
      } catch (error) {
        // A full disk or an I/O error rolls back on its own.
        if (connection.inTransaction) connection.exec("ROLLBACK");
        throw error;
      } finally {
        await lock.commit();
      }
    },
  };
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
function rollbackTolerant(factory: AdapterFactory, onConnect: (adapter: Adapter) => void): AdapterFactory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    onConnect(adapter);
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
