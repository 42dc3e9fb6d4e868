import { Prisma } from "@prisma/client";
import { asBytes, type Db } from "~/utils/db.server";
import type { DocStorage } from "./collab/storage";

/**
 * Rows per INSERT: two parameters each, well under SQLite's 32,766 and PostgreSQL's 65,535
 * bound parameters, while a burst of typing still goes in one statement.
 */
const ROWS_PER_INSERT = 500;

/** The collaboration server's storage in SQLite: the DocSnapshot table and the DocUpdate log. */
export function prismaDocStorage(db: Db): DocStorage {
  return {
    async read(documentId) {
      const snapshot = await db.docSnapshot.findUnique({ where: { documentId } });
      const rows = await db.docUpdate.findMany({
        where: { documentId, id: { gt: snapshot?.lastUpdateId ?? 0 } },
        orderBy: { id: "asc" },
        select: { data: true },
      });
      return { snapshot: snapshot?.state ?? null, updates: rows.map((row) => row.data) };
    },

    /*
     * The hot path of every keystroke: one raw multi-row INSERT per batch. Through `createMany`
     * the ORM compiled and interpreted a query plan for every batch, a tenth of the server's CPU
     * with 200 people typing (docs/performance.md). Several statements share one transaction, so
     * a batch is stored whole or not at all.
     */
    async append(rows) {
      const inserts = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const values = rows
          .slice(i, i + ROWS_PER_INSERT)
          .map((row) => Prisma.sql`(${row.documentId}, ${asBytes(row.data)})`);
        inserts.push(db.$executeRaw`INSERT INTO "DocUpdate" ("documentId", "data") VALUES ${Prisma.join(values)}`);
      }
      if (inserts.length === 1) await inserts[0];
      else await db.$transaction(inserts);
    },

    /*
     * Rows are re-encoded from the live doc, never merged as raw updates
     * (Y.mergeUpdates can hang on crafted input).
     */
    async compact(documentId, encodeState) {
      const last = await db.docUpdate.findFirst({
        where: { documentId },
        orderBy: { id: "desc" },
        select: { id: true },
      });
      if (!last) return null;
      const state = asBytes(encodeState());
      await db.$transaction([
        db.docSnapshot.upsert({
          where: { documentId },
          create: { documentId, state, lastUpdateId: last.id },
          update: { state, lastUpdateId: last.id },
        }),
        db.docUpdate.deleteMany({ where: { documentId, id: { lte: last.id } } }),
      ]);
      return state.byteLength;
    },
  };
}
