import type { SqliteAccess } from "~/utils/db.server";
import type { DocStorage } from "./collab/storage";

/**
 * The collaboration server's storage in SQLite: the DocSnapshot table and the
 * DocUpdate log, as prepared statements on Prisma's connection. Every
 * keystroke's append and every document load runs here; through the ORM the
 * append compiled and interpreted a query plan per batch, and a cold open spent
 * 10 to 20 ms having 500 log rows handed back (docs/performance.md).
 *
 * Each call is one transaction: a batch is stored whole or not at all, and a
 * load never reads half of a compaction.
 */
export function sqliteDocStorage(sqlite: SqliteAccess): DocStorage {
  const { connection } = sqlite;
  const snapshotOf = connection.prepare<[string], { state: Uint8Array; lastUpdateId: number | bigint }>(
    `SELECT "state", "lastUpdateId" FROM "DocSnapshot" WHERE "documentId" = ?`,
  );
  const rowsAfter = connection
    .prepare<[string, number | bigint], Uint8Array>(
      `SELECT "data" FROM "DocUpdate" WHERE "documentId" = ? AND "id" > ? ORDER BY "id"`,
    )
    .pluck();
  const insert = connection.prepare<[string, Uint8Array]>(
    `INSERT INTO "DocUpdate" ("documentId", "data") VALUES (?, ?)`,
  );
  const lastRow = connection
    .prepare<[string], number | bigint>(`SELECT MAX("id") FROM "DocUpdate" WHERE "documentId" = ?`)
    .pluck();
  const writeSnapshot = connection.prepare<[string, Uint8Array, number | bigint, string]>(
    `INSERT INTO "DocSnapshot" ("documentId", "state", "lastUpdateId", "updatedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("documentId") DO UPDATE SET
       "state" = excluded."state", "lastUpdateId" = excluded."lastUpdateId", "updatedAt" = excluded."updatedAt"`,
  );
  const deleteUpTo = connection.prepare<[string, number | bigint]>(
    `DELETE FROM "DocUpdate" WHERE "documentId" = ? AND "id" <= ?`,
  );

  return {
    read(documentId) {
      return sqlite.transaction(() => {
        const snapshot = snapshotOf.get(documentId);
        const updates = rowsAfter.all(documentId, snapshot?.lastUpdateId ?? 0);
        return { snapshot: snapshot?.state ?? null, updates };
      });
    },

    append(rows) {
      return sqlite.transaction(() => {
        for (const row of rows) insert.run(row.documentId, row.data);
      });
    },

    /*
     * Rows are re-encoded from the live doc, never merged as raw updates
     * (Y.mergeUpdates can hang on crafted input).
     */
    compact(documentId, encodeState) {
      return sqlite.transaction(() => {
        const last = lastRow.get(documentId);
        if (last === null || last === undefined) return null;
        const state = encodeState();
        // The text form Prisma writes for a DateTime.
        writeSnapshot.run(documentId, state, last, new Date().toISOString().replace("Z", "+00:00"));
        deleteUpTo.run(documentId, last);
        return state.byteLength;
      });
    },
  };
}
