import { asBytes, type Db } from "~/utils/db.server";
import type { DocStorage } from "./collab/storage";

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

    async append(rows) {
      await db.docUpdate.createMany({
        data: rows.map((row) => ({ documentId: row.documentId, data: asBytes(row.data) })),
      });
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
