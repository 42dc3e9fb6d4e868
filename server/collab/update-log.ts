import { log } from "../lib/logger";
import { nextTurn } from "../lib/next-turn";
import type { DocStorage, LogRow } from "./storage";

/** Called synchronously right after the batch holding the update commits (or fails). */
export type CommitCallback = (error?: unknown) => void;

interface Pending extends LogRow {
  done: CommitCallback;
}

export interface BatchObserver {
  (batchSize: number, seconds: number): void;
}

/**
 * The write-ahead update log with group commit.
 *
 * `append` calls back once the update is durably stored. Appends that arrive
 * while a write is in flight are collected and written together in the next
 * single write, so throughput grows with load while an idle server commits
 * each update on the next turn of the event loop. All writes (appends and
 * compactions) go through one queue: SQLite has one writer.
 */
export class UpdateLog {
  private buffer: Pending[] = [];
  private writing = false;
  private scheduled = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: DocStorage,
    private readonly onBatch?: BatchObserver,
  ) {}

  /**
   * Queues `data` for the next batch. `done` runs synchronously after the
   * commit, in append order, before any later `exclusive` work starts: a
   * compaction therefore never sees a committed row that is not yet applied.
   */
  append(documentId: string, data: Uint8Array, done: CommitCallback): void {
    this.buffer.push({ documentId, data, done });
    this.schedule();
  }

  /**
   * Runs `work` in the writer queue, after every append made before the call,
   * and on a turn of its own: hundreds of documents unloading at once then
   * compact between other messages instead of all before them.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.drainNow();
    const run = this.tail.then(nextTurn, nextTurn).then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when everything appended so far is committed (or failed). */
  async flush(): Promise<void> {
    this.drainNow();
    await this.tail;
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drainNow();
    });
  }

  private drainNow(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = true;
    const write = this.tail.then(() => this.write(batch));
    this.tail = write.finally(() => {
      this.writing = false;
      if (this.buffer.length > 0) this.drainNow();
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    const started = performance.now();
    try {
      await this.storage.append(batch);
    } catch (error) {
      for (const p of batch) settle(p, error);
      return;
    }
    try {
      this.onBatch?.(batch.length, (performance.now() - started) / 1000);
    } catch (error) {
      // Metrics must never keep a committed batch from being applied.
      log.error("update-log: batch observer failed", { error: String(error) });
    }
    for (const p of batch) settle(p);
  }
}

function settle(p: Pending, error?: unknown): void {
  try {
    p.done(error);
  } catch (callbackError) {
    // One document's failure must not stop the rest of the batch from settling.
    log.error("update-log: commit callback failed", { error: String(callbackError) });
  }
}
