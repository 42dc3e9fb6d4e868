import * as Y from "yjs";
import { incoherence } from "./coherence";
import { InvalidUpdateError, MissingDependencyError, type StateVector } from "./update-validator";

/**
 * The updates a document admitted into the write-ahead log and has not
 * applied yet (their commit is pending), and the shadow copy they were tried on.
 */
export class AdmittedUpdates {
  /** The doc's state vector plus every update queued in the log: new updates are checked against it. */
  readonly accepted: StateVector;
  /** Admitted updates waiting for their commit, oldest first. */
  private readonly queued: Uint8Array[] = [];
  /**
   * The doc plus every queued update. Each new update is applied here first:
   * the byte-level check cannot see every semantic fault (a parent that is not
   * a type, a same-client forward reference), and Yjs may throw halfway through
   * applying such an update. Failing on this copy costs nothing but a rebuild.
   */
  private shadow: Y.Doc;

  constructor(private readonly ydoc: Y.Doc) {
    this.accepted = Y.decodeStateVector(Y.encodeStateVector(ydoc));
    this.shadow = copyOf(ydoc, []);
  }

  /** Updates admitted but not yet stored and applied. */
  get inFlight(): number {
    return this.queued.length;
  }

  get queuedBytes(): number {
    return this.queued.reduce((sum, update) => sum + update.byteLength, 0);
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
  applyNextStored(origin: unknown): void {
    const update = this.queued.shift();
    if (update) Y.applyUpdate(this.ydoc, update, origin);
  }

  /** The encoded size of the doc plus every queued update (the shadow copy holds both). */
  encodedSize(): number {
    return Y.encodeStateAsUpdate(this.shadow).byteLength;
  }

  destroy(): void {
    this.shadow.destroy();
  }

  private rebuildShadow(): void {
    this.shadow.destroy();
    this.shadow = copyOf(this.ydoc, this.queued);
    this.accepted.clear();
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.shadow)))
      this.accepted.set(client, clock);
  }
}

function copyOf(doc: Y.Doc, queued: Uint8Array[]): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  for (const update of queued) Y.applyUpdate(copy, update);
  return copy;
}
