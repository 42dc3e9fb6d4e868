import * as Y from "yjs";

/** One update for the log. */
export interface LogRow {
  documentId: string;
  data: Uint8Array;
}

/**
 * Where the collaboration server keeps documents: a snapshot per document and
 * an append-only log of the updates after it. The server only ever calls these
 * from its update log's single writer queue (appends, compactions) or to load.
 */
export interface DocStorage {
  /** The document's snapshot (null before its first compaction) and the log rows after it, oldest first. */
  read(documentId: string): Promise<{ snapshot: Uint8Array | null; updates: Uint8Array[] }>;
  /** Appends the rows in one write, in order; rejects if none was stored. */
  append(rows: readonly LogRow[]): Promise<void>;
  /**
   * Replaces the snapshot with `encodeState()` and deletes every log row up to
   * the newest, in one transaction. Returns the snapshot's size in bytes, or
   * null when the log was empty (nothing written).
   */
  compact(documentId: string, encodeState: () => Uint8Array): Promise<number | null>;
}

export interface LoadedState {
  doc: Y.Doc;
  /** Stored bytes read (snapshot + log tail): an upper bound of the document's size, measured later. */
  bytes: number;
  /** Log rows not yet folded into the snapshot. */
  tailRows: number;
}

/** Builds a document from its snapshot and the update-log rows after it. */
export async function loadState(storage: DocStorage, documentId: string): Promise<LoadedState> {
  const { snapshot, updates } = await storage.read(documentId);
  const doc = new Y.Doc();
  let bytes = 0;
  doc.transact(() => {
    if (snapshot) {
      Y.applyUpdate(doc, snapshot);
      bytes += snapshot.byteLength;
    }
    for (const update of updates) {
      Y.applyUpdate(doc, update);
      bytes += update.byteLength;
    }
  });
  return { doc, bytes, tailRows: updates.length };
}
