import type { CollabHook, DocumentRef, UpdateEvent } from "../collab/hooks";
import { log } from "../lib/logger";
import { nextTurn } from "../lib/next-turn";

interface Pending {
  timer: NodeJS.Timeout | undefined;
  /** The indexing under way, if any. */
  running: Promise<void> | undefined;
  /** A change arrived while indexing ran: index again after it. */
  again: boolean;
}

/** One thing derived from a document's content: its blocks, its text for search. */
export interface DocumentIndex {
  name: string;
  index(documentId: string, state: Uint8Array): Promise<void>;
  /** Documents never indexed (made before this index existed, or imported). */
  unindexed(): Promise<string[]>;
}

/**
 * Re-indexes a document (its blocks, its search text) a moment after people
 * stop changing it (debounced per document), off the write path: the stored
 * document is read back once for all indexes, so indexing can never hold up,
 * fail or reorder an edit. An unloaded document is indexed at once, and
 * shutdown waits for what is pending.
 */
export class DocumentIndexer implements CollabHook {
  readonly name = "document-index";
  private readonly pending = new Map<string, Pending>();
  private caughtUp: Promise<void> | undefined;
  private closing = false;

  constructor(
    private readonly indexes: readonly DocumentIndex[],
    private readonly readState: (documentId: string) => Promise<Uint8Array>,
    private readonly delayMs = 1500,
  ) {}

  afterStore({ document }: UpdateEvent): void {
    const entry = this.entry(document.id);
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.run(document.id), this.delayMs).unref();
  }

  onUnload(document: DocumentRef): void {
    if (this.pending.get(document.id)?.timer) void this.run(document.id);
  }

  /** Indexes, one by one in the background, the documents that never were (after an upgrade). */
  catchUp(): Promise<void> {
    this.caughtUp ??= (async () => {
      const never = await Promise.all(this.indexes.map((index) => index.unindexed()));
      for (const id of new Set(never.flat())) {
        if (this.closing) return;
        await this.run(id);
      }
    })().catch((error: unknown) => log.warn("indexing: catch-up stopped", { error: String(error) }));
    return this.caughtUp;
  }

  /** At shutdown: indexes every document with a change waiting, and waits for indexing under way. */
  async flush(): Promise<void> {
    // Shutting down: what was never indexed waits for the next start.
    this.closing = true;
    const ids = [...this.pending.keys()];
    await Promise.all(ids.map((id) => this.run(id)));
    await this.caughtUp;
  }

  private entry(documentId: string): Pending {
    let entry = this.pending.get(documentId);
    if (!entry) {
      entry = { timer: undefined, running: undefined, again: false };
      this.pending.set(documentId, entry);
    }
    return entry;
  }

  private run(documentId: string): Promise<void> {
    const entry = this.entry(documentId);
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.running) {
      entry.again = true;
      return entry.running;
    }
    entry.running = (async () => {
      do {
        entry.again = false;
        // Hundreds of documents unloading at once each index here: one at a time between other work.
        await nextTurn();
        try {
          const state = await this.readState(documentId);
          for (const index of this.indexes) {
            // Derived data: a failure leaves one index a step behind until the next change, never the document.
            await index.index(documentId, state).catch((error: unknown) => {
              log.warn("indexing: document not indexed", { index: index.name, documentId, error: String(error) });
            });
          }
        } catch (error) {
          log.warn("indexing: document not read", { documentId, error: String(error) });
        }
      } while (entry.again);
    })().finally(() => {
      entry.running = undefined;
      if (!entry.timer) this.pending.delete(documentId);
    });
    return entry.running;
  }
}
