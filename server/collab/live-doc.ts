import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { AwarenessOwner, AwarenessView } from "./awareness-guard";
import { incoherence } from "./coherence";
import { awarenessMessage, syncMessage, SyncType } from "./protocol";
import { InvalidUpdateError, MissingDependencyError, type StateVector } from "./update-validator";

/**
 * In a room this big, updates are gathered for a short window before the
 * fan-out: every peer then applies one merged update instead of one per edit,
 * which is what keeps latency flat when hundreds of people type at once.
 */
const BIG_ROOM_PEERS = 100;
const BIG_ROOM_WINDOW_MS = 20;

/** The part of a connection a document needs to fan out to it. */
export interface Peer {
  send(message: Uint8Array): void;
  readonly awarenessOwner: AwarenessOwner;
}

/**
 * One loaded document: the Yjs doc, its awareness, its peers, and what the
 * server has accepted into the write-ahead log but not yet applied.
 */
export class LiveDoc implements AwarenessView {
  readonly ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  /** The doc's state vector plus every update queued in the log: new updates are checked against it. */
  readonly accepted: StateVector;
  /**
   * Estimated size: the last measured state plus the bytes of every update
   * accepted since. Never below the real size, but erased content still
   * counts until the next measurement (`measure`, `measured`).
   */
  bytes: number;
  /** `bytes` when it was last measured; -1 until then. */
  private bytesMeasured = -1;
  /** Log rows not folded into the snapshot yet. */
  tailRows: number;
  /** A compaction is queued or running. */
  compacting = false;
  /** After a failed compaction, no new try before this time (ms since the epoch). */
  compactionRetryAt = 0;
  /** Admitted updates waiting for their commit, oldest first. */
  private readonly queued: Uint8Array[] = [];
  /**
   * The doc plus every queued update. Each new update is applied here first:
   * the byte-level check cannot see every semantic fault (a parent that is not
   * a type, a same-client forward reference), and Yjs may throw halfway through
   * applying such an update. Failing on this copy costs nothing but a rebuild.
   */
  private shadow: Y.Doc;
  /** When Document.updatedAt was last written (0: not since load). */
  touchedAt = 0;
  private outbox: Array<{ update: Uint8Array; origin: Peer | null }> = [];
  private flushScheduled = false;

  constructor(
    readonly id: string,
    readonly accountId: string,
    ydoc: Y.Doc,
    bytes: number,
    tailRows: number,
  ) {
    this.ydoc = ydoc;
    this.bytes = bytes;
    this.tailRows = tailRows;
    this.accepted = Y.decodeStateVector(Y.encodeStateVector(ydoc));
    this.shadow = copyOf(ydoc, []);
    this.awareness = new awarenessProtocol.Awareness(ydoc);
    // The server is not a participant: no cursor of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on("update", (update: Uint8Array, origin: unknown) => {
      this.outbox.push({ update, origin: isPeer(origin) ? origin : null });
      this.scheduleFlush();
    });
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  /** Updates admitted but not yet stored and applied. */
  get inFlight(): number {
    return this.queued.length;
  }

  /**
   * Tries `update` on the shadow copy and queues it for the log; returns what
   * was queued. Parts the document already has are left out first: Yjs
   * re-reading a struct it knows can still split its neighbours, changing the
   * server's copy alone. Throws InvalidUpdateError if Yjs fails on it or the
   * result is incoherent (see coherence.ts), MissingDependencyError if it
   * would leave content pending; the live doc is untouched either way.
   */
  admit(update: Uint8Array): Uint8Array {
    let fresh: Uint8Array;
    try {
      fresh = Y.diffUpdate(update, Y.encodeStateVector(this.shadow));
      Y.applyUpdate(this.shadow, fresh);
    } catch (error) {
      this.rebuildShadow();
      throw new InvalidUpdateError(`Yjs refused it: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.shadow.store.pendingStructs || this.shadow.store.pendingDs) {
      this.rebuildShadow();
      throw new MissingDependencyError("it would leave pending content");
    }
    const problem = incoherence(this.shadow, fresh);
    if (problem) {
      this.rebuildShadow();
      throw new InvalidUpdateError(problem);
    }
    this.queued.push(fresh);
    return fresh;
  }

  /**
   * The oldest admitted update is stored: apply it to the live doc (which
   * broadcasts it to every peer but `origin`; null for a server-made change).
   */
  applyNextStored(origin: Peer | null): void {
    const update = this.queued.shift();
    if (update) Y.applyUpdate(this.ydoc, update, origin);
  }

  /**
   * The real size: the encoded state of the doc plus every queued update
   * (the shadow copy holds both). Costs one encoding, so it is skipped when
   * nothing was accepted since the last measurement.
   */
  measure(): number {
    if (this.bytes !== this.bytesMeasured) {
      this.bytes = Y.encodeStateAsUpdate(this.shadow).byteLength;
      this.bytesMeasured = this.bytes;
    }
    return this.bytes;
  }

  /** The doc's state was just encoded (`stateBytes` long) by a compaction: the estimate restarts from it. */
  measured(stateBytes: number): void {
    this.bytes = stateBytes + this.queued.reduce((sum, update) => sum + update.byteLength, 0);
    this.bytesMeasured = this.bytes;
  }

  private rebuildShadow(): void {
    this.shadow.destroy();
    this.shadow = copyOf(this.ydoc, this.queued);
    this.accepted.clear();
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.shadow)))
      this.accepted.set(client, clock);
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

  destroy(): void {
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.destroy();
    this.shadow.destroy();
    this.ydoc.destroy();
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

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    if (this.peers.size >= BIG_ROOM_PEERS) setTimeout(() => this.flush(), BIG_ROOM_WINDOW_MS);
    else setImmediate(() => this.flush());
  }

  /**
   * Fans out the updates applied this turn as one merged message per peer,
   * leaving out each peer's own updates: with N editors, N² small messages
   * per burst become N. Merging is safe here: these updates were produced by
   * our own Y.Doc, not taken from the wire.
   */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.outbox;
    this.outbox = [];
    if (batch.length === 0 || this.peers.size === 0) return;
    const origins = new Set(batch.map((b) => b.origin));
    const everything = syncMessage(SyncType.Update, merge(batch.map((b) => b.update)));
    for (const peer of this.peers) {
      if (!origins.has(peer)) {
        peer.send(everything);
        continue;
      }
      const others = batch.filter((b) => b.origin !== peer).map((b) => b.update);
      if (others.length > 0) peer.send(syncMessage(SyncType.Update, merge(others)));
    }
  }
}

function copyOf(doc: Y.Doc, queued: Uint8Array[]): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  for (const update of queued) Y.applyUpdate(copy, update);
  return copy;
}

function merge(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
}

function isPeer(value: unknown): value is Peer {
  return typeof value === "object" && value !== null && "awarenessOwner" in value && "send" in value;
}
