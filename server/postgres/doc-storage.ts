import type pg from "pg";
import type { DocStorage, LogRow } from "../collab/storage";
import { FencedError } from "./leases";
import { patientlyWhileUnreachable } from "./unreachable";

/** How long the update log waits for PostgreSQL to come back (a restart) before its documents close. */
const WRITE_PATIENCE_MS = 30_000;

/** The epoch at which this process holds a document's lease (server/postgres/leases.ts). */
export interface Fence {
  epochOf(documentId: string): number | undefined;
}

/**
 * The collaboration server's storage in PostgreSQL: the same DocSnapshot
 * table and DocUpdate log as on SQLite, through the pool directly (named
 * prepared statements, no ORM on the keystroke path). Each call is one
 * transaction, so a batch is stored whole or not at all.
 *
 * With a `fence` (several processes), every write checks in the same
 * statement that this process still holds each document's lease at its
 * epoch, locking the lease rows so a takeover waits for it: a write after a
 * takeover stores nothing and fails with FencedError.
 */
export function postgresDocStorage(pool: pg.Pool, fence?: Fence): DocStorage {
  const epochs = (documentIds: Iterable<string>): { ids: string[]; epochs: number[] } => {
    const ids = [...new Set(documentIds)];
    const held = ids.map((id) => fence?.epochOf(id));
    const lost = ids.filter((_id, i) => held[i] === undefined);
    if (lost.length > 0) throw new FencedError(lost);
    return { ids, epochs: held as number[] };
  };

  const appendOnce = async (rows: readonly LogRow[]): Promise<void> => {
    const values = [rows.map((row) => row.documentId), rows.map((row) => buffer(row.data))];
    if (!fence) {
      // One statement: atomic on its own, and ids follow the order of the rows.
      await pool.query({
        name: "keyroom-doc-append",
        text: `INSERT INTO "DocUpdate" ("documentId", "data")
               SELECT "documentId", "data" FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS r("documentId", "data", "n")
               ORDER BY "n"`,
        values,
      });
      return;
    }
    const held = epochs(rows.map((row) => row.documentId));
    // Still one statement: the rows go in only if every lease holds.
    const stored = await pool.query({
      name: "keyroom-doc-append-fenced",
      text: `WITH "held" AS (
               SELECT d."documentId" FROM "DocLease" d
               JOIN unnest($3::text[], $4::int[]) AS l("documentId", "epoch")
                 ON d."documentId" = l."documentId" AND d."epoch" = l."epoch"
               FOR SHARE OF d
             )
             INSERT INTO "DocUpdate" ("documentId", "data")
             SELECT "documentId", "data" FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS r("documentId", "data", "n")
             WHERE (SELECT count(*) FROM "held") = cardinality($3::text[])
             ORDER BY "n"`,
      values: [...values, held.ids, held.epochs],
    });
    if (stored.rowCount !== rows.length) throw new FencedError(held.ids);
  };

  return {
    async read(documentId) {
      const client = await pool.connect();
      try {
        // One snapshot of the database for both reads: a compaction cannot land between them.
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const snapshot = await client.query<{ state: Buffer; lastUpdateId: number }>({
          name: "keyroom-doc-snapshot",
          text: `SELECT "state", "lastUpdateId" FROM "DocSnapshot" WHERE "documentId" = $1`,
          values: [documentId],
        });
        const row = snapshot.rows[0];
        const updates = await client.query<{ data: Buffer }>({
          name: "keyroom-doc-updates-after",
          text: `SELECT "data" FROM "DocUpdate" WHERE "documentId" = $1 AND "id" > $2 ORDER BY "id"`,
          values: [documentId, row?.lastUpdateId ?? 0],
        });
        await client.query("COMMIT");
        return { snapshot: row ? bytes(row.state) : null, updates: updates.rows.map((u) => bytes(u.data)) };
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async append(rows) {
      if (rows.length === 0) return;
      await patientlyWhileUnreachable("update log", WRITE_PATIENCE_MS, () => appendOnce(rows));
    },

    /* Rows are re-encoded from the live doc, never merged as raw updates (Y.mergeUpdates can hang on crafted input). */
    async compact(documentId, encodeState) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        if (fence) {
          const held = epochs([documentId]);
          const lease = await client.query({
            name: "keyroom-doc-compact-fence",
            text: `SELECT 1 FROM "DocLease" WHERE "documentId" = $1 AND "epoch" = $2 FOR SHARE`,
            values: [documentId, held.epochs[0]],
          });
          if (lease.rowCount !== 1) throw new FencedError([documentId]);
        }
        const last = await client.query<{ max: number | null }>({
          name: "keyroom-doc-last-update",
          text: `SELECT MAX("id") AS "max" FROM "DocUpdate" WHERE "documentId" = $1`,
          values: [documentId],
        });
        const upTo = last.rows[0]?.max ?? null;
        if (upTo === null) {
          await client.query("COMMIT");
          return null;
        }
        const state = encodeState();
        await client.query({
          name: "keyroom-doc-write-snapshot",
          text: `INSERT INTO "DocSnapshot" ("documentId", "state", "lastUpdateId", "updatedAt") VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC')
                 ON CONFLICT ("documentId") DO UPDATE SET
                   "state" = excluded."state", "lastUpdateId" = excluded."lastUpdateId", "updatedAt" = excluded."updatedAt"`,
          values: [documentId, buffer(state), upTo],
        });
        await client.query({
          name: "keyroom-doc-delete-folded",
          text: `DELETE FROM "DocUpdate" WHERE "documentId" = $1 AND "id" <= $2`,
          values: [documentId, upTo],
        });
        await client.query("COMMIT");
        return state.byteLength;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** A Uint8Array view of what pg returns (a Buffer), as Yjs and the rest of the server expect. */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** pg sends a Buffer as bytea; a Uint8Array would go as text. */
function buffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
