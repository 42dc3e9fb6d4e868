import * as Y from "yjs";
import { asBytes, type Db } from "~/utils/db.server";

export interface LoadedState {
  doc: Y.Doc;
  /** Stored bytes read (snapshot + log tail): an upper bound of the document's size, measured later. */
  bytes: number;
  /** Log rows not yet folded into the snapshot. */
  tailRows: number;
}

/** Builds a document from its snapshot and the update-log rows after it. */
export async function loadState(db: Db, documentId: string): Promise<LoadedState> {
  const snapshot = await db.docSnapshot.findUnique({ where: { documentId } });
  const rows = await db.docUpdate.findMany({
    where: { documentId, id: { gt: snapshot?.lastUpdateId ?? 0 } },
    orderBy: { id: "asc" },
    select: { data: true },
  });
  const doc = new Y.Doc();
  let bytes = 0;
  doc.transact(() => {
    if (snapshot) {
      Y.applyUpdate(doc, snapshot.state);
      bytes += snapshot.state.byteLength;
    }
    for (const row of rows) {
      Y.applyUpdate(doc, row.data);
      bytes += row.data.byteLength;
    }
  });
  return { doc, bytes, tailRows: rows.length };
}

/**
 * Folds every log row of the document into its snapshot. Must run in the
 * update log's writer queue, when every committed row has been applied to
 * `doc`; rows are re-encoded from the doc, never merged as raw updates
 * (Y.mergeUpdates can hang on crafted input, yjs#687). Returns the size of
 * the snapshot written (the document's real encoded size), or null when
 * there was nothing to fold.
 */
export async function compact(db: Db, documentId: string, doc: Y.Doc): Promise<number | null> {
  const last = await db.docUpdate.findFirst({
    where: { documentId },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  if (!last) return null;
  const state = asBytes(Y.encodeStateAsUpdate(doc));
  await db.$transaction([
    db.docSnapshot.upsert({
      where: { documentId },
      create: { documentId, state, lastUpdateId: last.id },
      update: { state, lastUpdateId: last.id },
    }),
    db.docUpdate.deleteMany({ where: { documentId, id: { lte: last.id } } }),
  ]);
  return state.byteLength;
}
