import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { log } from "../lib/logger";
import { AdmittedUpdates } from "./admitted-updates";
import type { AwarenessView } from "./awareness-guard";
import { FanOut, type Peer } from "./fan-out";
import type { CollabHooks, DocumentRef, StoredDocument } from "./hooks";
import { awarenessMessage } from "./protocol";
import type { DocStorage, LoadedState } from "./storage";
import type { UpdateLog } from "./update-log";
import { advance, MissingDependencyError, scanUpdate } from "./update-validator";
import { CloseCode, type CloseCodeValue } from "./wire/close-codes";

/** Root shared types a document may contain: TipTap's fragment only. */
const ROOT_NAMES: ReadonlySet<string> = new Set(["default"]);

/** After a failed compaction the log stays whole; the next try waits this long. */
const COMPACTION_RETRY_MS = 5_000;

/** Why an update is not taken: the connection is closed with this code. */
export interface Refusal {
  code: CloseCodeValue;
  reason: string;
}

/** What a live document needs from the server around it. */
export interface LiveDocDeps {
  storage: DocStorage;
  log: UpdateLog;
  hooks: CollabHooks;
  maxDocumentBytes: number;
  /** Takes the document out of the registry: it was dropped or unloaded. */
  forget(doc: LiveDoc): void;
}

/**
 * One loaded document and the only owner of its state: the Yjs doc, its
 * awareness and peers, what it admitted to the write-ahead log but has not
 * applied yet, its estimated size, its log tail and its compaction, and its
 * departure from memory. Updates reach it only through `submit`.
 */
export class LiveDoc implements AwarenessView, StoredDocument {
  readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  private readonly admitted: AdmittedUpdates;
  /**
   * Estimated size: the last measured state plus the bytes of every update
   * accepted since. Never below the real size, but erased content still
   * counts until the next measurement (`measure`, `measured`).
   */
  private bytes: number;
  /** `bytes` when it was last measured; -1 until then. */
  private bytesMeasured = -1;
  /** Log rows not folded into the snapshot yet. */
  private tailRows: number;
  /** A compaction is queued or running. */
  private compacting = false;
  /** After a failed compaction, no new try before this time (ms since the epoch). */
  private compactionRetryAt = 0;
  /** Dropped after a storage failure, or unloaded: nothing more is applied or compacted. */
  private released = false;

  constructor(
    readonly id: string,
    readonly accountId: string,
    loaded: LoadedState,
    private readonly deps: LiveDocDeps,
  ) {
    this.ydoc = loaded.doc;
    this.bytes = loaded.bytes;
    this.tailRows = loaded.tailRows;
    this.admitted = new AdmittedUpdates(this.ydoc);
    this.awareness = new awarenessProtocol.Awareness(this.ydoc);
    // The server is not a participant: no cursor of its own.
    this.awareness.setLocalState(null);
    // Listens to the doc: every applied update goes on to the peers from here.
    new FanOut(this.ydoc, this.peers);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  get logRows(): number {
    return this.tailRows;
  }

  get isReleased(): boolean {
    return this.released;
  }

  /**
   * The write-ahead path, the same for a client's update and a server-made
   * change: validate (size, strict decode, dependencies, coherence) → append
   * to the log → group commit → apply to the doc → broadcast to every peer but
   * `origin` → `stored` (which acknowledges). Nothing reaches the doc, the other
   * peers or a new peer's sync before it is stored, so anything a client has
   * received survives a crash.
   *
   * Returns why the update is refused, or null once it is on its way to the
   * log; throws InvalidUpdateError for an update that is not valid. If the
   * log refuses the write, `failed` runs instead of `stored` and the document
   * is dropped (see `storageFailed`).
   */
  submit(
    update: Uint8Array,
    origin: Peer | null,
    userId: string,
    stored: () => void,
    failed?: (error: unknown) => void,
  ): Refusal | null {
    const admitted = this.admit(update, userId);
    if ("code" in admitted) return admitted;
    this.deps.hooks.run("afterAdmit", { document: this, userId, update: admitted });
    this.deps.log.append(this.id, admitted, (error) => {
      if (error) {
        failed?.(error);
        return this.storageFailed(error);
      }
      // Still applied while the doc unloads: its compaction runs after this commit.
      if (this.released) return stored();
      this.admitted.applyNextStored(origin);
      this.tailRows++;
      stored();
      this.deps.hooks.run("afterStore", { document: this, userId, update: admitted });
    });
    return null;
  }

  /**
   * Folds the log into the snapshot in the writer queue. The counters change
   * only once the compaction has committed: a failed one leaves the rows (and
   * the count that brings the next try) as they were.
   */
  compact(): void {
    if (this.compacting || Date.now() < this.compactionRetryAt) return;
    this.compacting = true;
    this.deps.log
      .exclusive(async () => {
        // Dropped after a storage failure, or unloaded (its unload compacted it).
        if (this.released) return;
        // The queue runs this after the callbacks of every row committed so far: all are counted.
        const folded = this.tailRows;
        const stateBytes = await this.foldLog();
        this.tailRows -= folded;
        if (stateBytes !== null) this.measured(stateBytes);
      })
      .then(
        () => {
          this.compacting = false;
        },
        (error: unknown) => {
          this.compacting = false;
          this.compactionRetryAt = Date.now() + COMPACTION_RETRY_MS;
          log.error("collab: compaction failed; the log is kept whole", { documentId: this.id, error: String(error) });
        },
      );
  }

  /** Compacts what the log holds of this doc, then leaves memory. Never rejects. */
  async unload(): Promise<void> {
    try {
      if (!this.released && (this.tailRows > 0 || this.admitted.inFlight > 0)) {
        await this.deps.log.exclusive(() => this.foldLog());
      }
    } catch (error) {
      // The log rows are still there: nothing is lost, the next load replays them.
      log.error("collab: compaction on unload failed", { documentId: this.id, error: String(error) });
    } finally {
      if (!this.released) this.leave();
    }
  }

  /**
   * Another process took the document over (its lease was lost): nothing more
   * is written from here. The peers reconnect and are served by the new owner,
   * which has every update this one stored; what was in flight is refused by
   * the fence and resent by its clients.
   */
  relinquish(): void {
    if (this.released) return;
    for (const peer of [...this.peers]) peer.close(CloseCode.ServiceRestart, "document moved: reconnecting");
    this.leave();
  }

  /** The full awareness state, for a peer that just joined or asked. */
  awarenessSnapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return null;
    return awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  isTaken(clientId: number): boolean {
    if (this.awareness.getStates().has(clientId)) return true;
    for (const peer of this.peers) if (peer.awarenessOwner.clientId === clientId) return true;
    return false;
  }

  clockOf(clientId: number): number | undefined {
    return this.awareness.meta.get(clientId)?.clock;
  }

  removePeer(peer: Peer): void {
    this.peers.delete(peer);
    const { clientId } = peer.awarenessOwner;
    if (clientId !== null) awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], null);
  }

  /**
   * Checks an update against the doc (size, strict decode, dependencies,
   * coherence) and queues it; returns what to store (the update without the
   * parts the doc already has), or why not.
   */
  private admit(update: Uint8Array, userId: string): Uint8Array | Refusal {
    const limit = this.deps.maxDocumentBytes;
    // The estimate only grows between measurements (pasting and erasing adds
    // to it), so measure the real state once before refusing anyone.
    if (this.bytes + update.byteLength > limit && this.measure() + update.byteLength > limit) {
      log.warn("collab: document size limit reached", { documentId: this.id, userId, bytes: this.bytes });
      return { code: CloseCode.DocumentTooLarge, reason: "document too large: remove content or split it" };
    }
    let stored: Uint8Array;
    try {
      const scanned = scanUpdate(update, this.admitted.accepted, ROOT_NAMES);
      stored = this.admitted.admit(update);
      advance(this.admitted.accepted, scanned.ends);
    } catch (error) {
      if (!(error instanceof MissingDependencyError)) throw error;
      log.warn("collab: update with missing dependencies; asking client to resync", {
        documentId: this.id,
        userId,
        reason: error.message,
      });
      return { code: CloseCode.Resync, reason: "resync needed" };
    }
    this.bytes += stored.byteLength;
    return stored;
  }

  /**
   * The real size: the encoded state of the doc plus every queued update.
   * Costs one encoding, so it is skipped when nothing was accepted since the
   * last measurement.
   */
  private measure(): number {
    if (this.bytes !== this.bytesMeasured) {
      this.bytes = this.admitted.encodedSize();
      this.bytesMeasured = this.bytes;
    }
    return this.bytes;
  }

  /** The doc's state was just encoded (`stateBytes` long) by a compaction: the estimate restarts from it. */
  private measured(stateBytes: number): void {
    this.bytes = stateBytes + this.admitted.queuedBytes;
    this.bytesMeasured = this.bytes;
  }

  /**
   * Writes the doc as the new snapshot and deletes the log rows it holds. Runs
   * in the writer queue, when every committed row has been applied to the doc.
   */
  private foldLog(): Promise<number | null> {
    return this.deps.storage.compact(this.id, () => Y.encodeStateAsUpdate(this.ydoc));
  }

  /**
   * The log refused a write (disk full, read-only database). Nothing of the
   * batch was applied; the doc is dropped so the next load starts from what is
   * stored, and its clients reconnect and resend their changes.
   */
  private storageFailed(error: unknown): void {
    if (this.released) return;
    log.error("collab: storing an update failed; document closed", { documentId: this.id, error: String(error) });
    for (const peer of [...this.peers]) peer.close(CloseCode.StorageUnavailable, "storage unavailable");
    this.leave();
  }

  private leave(): void {
    this.released = true;
    this.deps.forget(this);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.admitted.destroy();
    this.ydoc.destroy();
    const gone: DocumentRef = { id: this.id, accountId: this.accountId };
    this.deps.hooks.run("onUnload", gone);
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  };
}
