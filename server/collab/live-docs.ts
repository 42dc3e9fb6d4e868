import { log } from "../lib/logger";
import { LiveDoc, type LiveDocDeps } from "./live-doc";
import { OwnedElsewhere, type DocOwnership } from "./ownership";
import { loadState } from "./storage";

/**
 * The loaded documents: one LiveDoc per id, loaded once however many
 * connections ask at the same time, and unloaded after sitting idle.
 */
export class LiveDocs {
  private readonly docs = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private closing = false;

  constructor(
    private readonly deps: Omit<LiveDocDeps, "forget">,
    /** How long a document with no connections stays loaded. */
    private readonly idleUnloadMs: number,
    private readonly ownership: DocOwnership,
  ) {
    ownership.onLost((id) => this.docs.get(id)?.relinquish());
  }

  get size(): number {
    return this.docs.size;
  }

  get(id: string): LiveDoc | undefined {
    return this.docs.get(id);
  }

  /** The live document, loaded if need be (after any unload of it still running). */
  async acquire(id: string, accountId: string): Promise<LiveDoc> {
    const pendingUnload = this.unloading.get(id);
    if (pendingUnload) await pendingUnload;
    const live = this.docs.get(id);
    if (live) {
      this.cancelIdle(id);
      return live;
    }
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.load(id, accountId);
      // A failed load leaves nothing behind: the next connection tries again.
      const cleanup = () => this.loading.delete(id);
      loading.then(cleanup, cleanup);
      this.loading.set(id, loading);
    }
    const doc = await loading;
    this.cancelIdle(id);
    return doc;
  }

  /** Starts the idle countdown of a document nobody is connected to. */
  releaseIfIdle(doc: LiveDoc): void {
    // A doc dropped after a storage failure is gone already; unloading it would
    // compact its stale state over whatever a reload has stored since.
    if (doc.isReleased) return;
    if (doc.peers.size > 0 || this.closing || this.idleTimers.has(doc.id)) return;
    this.idleTimers.set(
      doc.id,
      setTimeout(() => {
        this.idleTimers.delete(doc.id);
        // unload() logs its own failures and never rejects.
        if (doc.peers.size === 0 && !doc.isReleased) void this.unload(doc);
      }, this.idleUnloadMs),
    );
  }

  /** Stops idle unloading, flushes the log, then compacts and unloads every document. */
  async close(): Promise<void> {
    this.closing = true;
    await this.deps.log.flush();
    await Promise.all([...this.docs.values()].map((doc) => this.unload(doc)));
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
  }

  /** Only the document's owner loads it: after claiming it, so it reads everything the last owner stored. */
  private async load(id: string, accountId: string): Promise<LiveDoc> {
    const claim = await this.ownership.claim(id);
    if (!claim.owned) throw new OwnedElsewhere(id, claim.owner);
    let state;
    try {
      state = await loadState(this.deps.storage, id);
    } catch (error) {
      this.giveBack(id);
      throw error;
    }
    const doc = new LiveDoc(id, accountId, state, { ...this.deps, forget: (gone) => this.forget(gone) });
    this.docs.set(id, doc);
    this.deps.hooks.run("onLoad", { id, accountId });
    return doc;
  }

  /** The doc left memory (unloaded, dropped, or relinquished): its lease goes too. */
  private forget(doc: LiveDoc): void {
    if (this.docs.get(doc.id) !== doc) return;
    this.docs.delete(doc.id);
    this.giveBack(doc.id);
  }

  private giveBack(id: string): void {
    this.ownership.release(id).catch((error: unknown) => {
      // It expires on its own; until then a reconnecting client waits for it.
      log.warn("collab: releasing a document's lease failed", { documentId: id, error: String(error) });
    });
  }

  private cancelIdle(id: string): void {
    const timer = this.idleTimers.get(id);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(id);
  }

  private unload(doc: LiveDoc): Promise<void> {
    const existing = this.unloading.get(doc.id);
    if (existing) return existing;
    // .finally runs on a later tick, so the entry is always set before it is removed.
    const work = doc
      .unload()
      .catch((error: unknown) => log.error("collab: unloading failed", { documentId: doc.id, error: String(error) }))
      .finally(() => this.unloading.delete(doc.id));
    this.unloading.set(doc.id, work);
    return work;
  }
}
