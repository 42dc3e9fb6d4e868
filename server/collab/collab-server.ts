import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import * as Y from "yjs";
import { CloseCode, type CloseCodeValue } from "./wire/close-codes";
import { Limits } from "~/shared/limits";
import type { Db } from "~/utils/db.server";
import { log } from "../lib/logger";
import type { Metrics } from "../metrics";
import { CollabConnection, isEmptyUpdate, type ConnectionContext, type UpdateSink } from "./connection";
import { compact, loadState } from "./doc-store";
import { LiveDoc } from "./live-doc";
import { UserBuckets } from "../lib/rate-limiter";
import type { UpdateLog } from "./update-log";
import { advance, MissingDependencyError, scanUpdate } from "./update-validator";

/** How often a document's "last edited" time is written while people type. */
const TOUCH_INTERVAL_MS = 60_000;

/** After a failed compaction the log stays whole; the next try waits this long. */
const COMPACTION_RETRY_MS = 5_000;

const REFUSAL_CODES: ReadonlySet<number> = new Set([
  CloseCode.MessageTooBig,
  CloseCode.InvalidMessage,
  CloseCode.DocumentTooLarge,
  CloseCode.RateLimited,
  CloseCode.Resync,
  CloseCode.TryAgainLater,
]);

/** Root shared types a document may contain: TipTap's fragment only. */
const ROOT_NAMES: ReadonlySet<string> = new Set(["default"]);

export interface CollabOptions {
  /** How long a document with no connections stays loaded. */
  idleUnloadMs: number;
  /** Document messages per second per connection, sustained, and the burst allowed. */
  updatesPerSecond: number;
  updateBurst: number;
  /** Fold the log into the snapshot after this many rows. */
  compactAfterRows: number;
  /** Largest document (measured state plus accepted updates, bytes); default Limits.maxDocumentBytes. */
  maxDocumentBytes?: number;
  /** Told after each non-empty update a person's connection stored (feeds the activity log). */
  onStored?: (documentId: string, userId: string) => void;
}

/**
 * The collaboration server: a registry of live documents and the write-ahead
 * pipeline every update goes through:
 *
 *   validate (strict decode, dependencies, size) → append to the log →
 *   (group commit) → apply to the doc → broadcast to the other peers → ack.
 *
 * Nothing reaches the doc, the other clients or a new client's sync before it
 * is stored, so anything a client has received survives a crash.
 */
export class CollabServer implements UpdateSink {
  private readonly wss: WebSocketServer;
  private readonly docs = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly connections = new Set<CollabConnection>();
  private readonly userBuckets: UserBuckets;
  /** Messages (and their bytes) waiting for documents to load, over all connections. */
  private loadingMessages = 0;
  private loadingBytes = 0;
  private closing = false;

  constructor(
    private readonly db: Db,
    private readonly log_: UpdateLog,
    private readonly options: CollabOptions,
    private readonly metrics: Metrics,
  ) {
    // ws answers an oversized frame with close 1009 before we ever see it.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Limits.maxCollabMessageBytes });
    this.userBuckets = new UserBuckets(
      options.updatesPerSecond * Limits.userUpdateMultiple,
      options.updateBurst * Limits.userUpdateMultiple,
    );
  }

  get loadedDocuments(): number {
    return this.docs.size;
  }

  get openConnections(): number {
    return this.connections.size;
  }

  /** Completes an upgrade that auth has already accepted. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ctx: ConnectionContext): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.attach(ws, ctx).catch((error: unknown) => {
        log.error("collab: attaching a connection failed", { documentId: ctx.documentId, error: String(error) });
        ws.close(CloseCode.InternalError, "internal error");
      });
    });
  }

  /** Closes every live connection of a session (sign-out, expiry). */
  closeSession(sessionId: string): void {
    for (const conn of this.connections) {
      if (conn.ctx.sessionId === sessionId) conn.close(CloseCode.Unauthorized, "signed out");
    }
  }

  /** Closes a user's connections to the account's documents (removed from the team). */
  closeAccountAccess(userId: string, accountId: string): void {
    for (const conn of this.connections) {
      if (conn.ctx.userId === userId && conn.ctx.accountId === accountId) {
        conn.close(CloseCode.Forbidden, "removed from the team");
      }
    }
  }

  /**
   * Makes a user's connections to the account's documents reconnect (their
   * role changed): read-only is fixed per connection at the upgrade, which the
   * provider passes through again on its automatic reconnect after Resync.
   */
  reconnectAccount(userId: string, accountId: string): void {
    for (const conn of this.connections) {
      if (conn.ctx.userId === userId && conn.ctx.accountId === accountId) {
        conn.close(CloseCode.Resync, "access changed");
      }
    }
  }

  private async attach(ws: WebSocket, ctx: ConnectionContext): Promise<void> {
    // Messages that arrive while the document loads wait, in order, up to a
    // bound per connection and over all connections: a slow load must not let
    // clients pile up memory.
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let overflowed = false;
    const releaseEarly = () => {
      this.loadingMessages -= early.length;
      this.loadingBytes -= earlyBytes;
      early.length = 0;
      earlyBytes = 0;
    };
    const buffer = (data: RawData) => {
      if (overflowed) return;
      const bytes = toBytes(data);
      if (
        early.length >= Limits.maxLoadingMessages ||
        earlyBytes + bytes.byteLength > Limits.maxLoadingBytes ||
        this.loadingMessages >= Limits.maxLoadingMessagesTotal ||
        this.loadingBytes + bytes.byteLength > Limits.maxLoadingBytesTotal
      ) {
        overflowed = true;
        releaseEarly();
        log.warn("collab: too much arrived while the document loaded; connection closed", {
          documentId: ctx.documentId,
          userId: ctx.userId,
        });
        this.metrics.updatesRefused.inc({ code: CloseCode.TryAgainLater });
        ws.close(CloseCode.TryAgainLater, "server busy: try again");
        return;
      }
      early.push(bytes);
      earlyBytes += bytes.byteLength;
      this.loadingMessages++;
      this.loadingBytes += bytes.byteLength;
    };
    ws.on("message", buffer);
    ws.once("close", releaseEarly);
    ws.on("error", (error) => log.warn("collab: socket error", { documentId: ctx.documentId, error: error.message }));
    let doc: LiveDoc;
    try {
      doc = await this.acquire(ctx.documentId, ctx.accountId);
    } catch (error) {
      releaseEarly();
      log.error("collab: document failed to load", { documentId: ctx.documentId, error: String(error) });
      ws.close(CloseCode.StorageUnavailable, "document unavailable");
      return;
    }
    ws.off("message", buffer);
    ws.off("close", releaseEarly);
    const waiting = early.slice();
    releaseEarly();
    if (ws.readyState !== ws.OPEN) return this.releaseIfIdle(doc);
    const conn = new CollabConnection(ws, ctx, doc, this, this.options, this.userBuckets.acquire(ctx.userId));
    this.connections.add(conn);
    doc.peers.add(conn);
    ws.on("message", (data) => conn.handleMessage(toBytes(data)));
    ws.on("close", (code) => {
      if (REFUSAL_CODES.has(code)) this.metrics.updatesRefused.inc({ code });
      this.connections.delete(conn);
      this.userBuckets.release(ctx.userId);
      doc.removePeer(conn);
      this.releaseIfIdle(doc);
    });
    conn.start();
    for (const message of waiting) conn.handleMessage(message);
  }

  acceptUpdate(doc: LiveDoc, from: CollabConnection, update: Uint8Array, handshake: boolean): void {
    if (isEmptyUpdate(update)) {
      // Nothing to store (an empty handshake): acknowledge at once.
      from.stored(handshake);
      return;
    }
    const admitted = this.admit(doc, update, from.ctx.userId);
    if ("refusal" in admitted) {
      from.close(admitted.refusal.code, admitted.refusal.reason);
      return;
    }
    this.store(doc, admitted.stored, from, from.ctx.userId, () => from.stored(handshake));
  }

  throttled(): void {
    this.metrics.updatesThrottled.inc();
  }

  /** The document as stored now: the live doc holds exactly the committed updates; else it is read from the log. */
  async currentState(documentId: string): Promise<Uint8Array> {
    const live = this.docs.get(documentId);
    if (live) return Y.encodeStateAsUpdate(live.ydoc);
    const { doc } = await loadState(this.db, documentId);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }

  /**
   * A change made by the server for a person (restoring a version): `edit`
   * changes a copy of the current document, and the difference goes through
   * the same pipeline as a client's update — validated, stored, then applied
   * and broadcast to everyone with the document open.
   */
  async changeDocument(
    documentId: string,
    accountId: string,
    userId: string,
    edit: (copy: Y.Doc) => void,
  ): Promise<void> {
    const doc = await this.acquire(documentId, accountId);
    try {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc.ydoc));
      const before = Y.encodeStateVector(copy);
      edit(copy);
      const update = Y.encodeStateAsUpdate(copy, before);
      copy.destroy();
      if (isEmptyUpdate(update)) return;
      const admitted = this.admit(doc, update, userId);
      if ("refusal" in admitted) throw new Error(`server change refused: ${admitted.refusal.reason}`);
      await new Promise<void>((resolve, reject) => this.store(doc, admitted.stored, null, userId, resolve, reject));
    } finally {
      this.releaseIfIdle(doc);
    }
  }

  /**
   * Checks an update against the doc (size, strict decode, dependencies,
   * coherence) and queues it; returns what to store (the update without the
   * parts the doc already has), or why not.
   */
  private admit(
    doc: LiveDoc,
    update: Uint8Array,
    userId: string,
  ): { stored: Uint8Array } | { refusal: { code: CloseCodeValue; reason: string } } {
    const limit = this.options.maxDocumentBytes ?? Limits.maxDocumentBytes;
    // The estimate only grows between measurements (pasting and erasing adds
    // to it), so measure the real state once before refusing anyone.
    if (doc.bytes + update.byteLength > limit && doc.measure() + update.byteLength > limit) {
      log.warn("collab: document size limit reached", { documentId: doc.id, userId, bytes: doc.bytes });
      return {
        refusal: { code: CloseCode.DocumentTooLarge, reason: "document too large: remove content or split it" },
      };
    }
    let stored: Uint8Array;
    try {
      const scanned = scanUpdate(update, doc.accepted, ROOT_NAMES);
      stored = doc.admit(update);
      advance(doc.accepted, scanned.ends);
    } catch (error) {
      if (!(error instanceof MissingDependencyError)) throw error;
      log.warn("collab: update with missing dependencies; asking client to resync", {
        documentId: doc.id,
        userId,
        reason: error.message,
      });
      return { refusal: { code: CloseCode.Resync, reason: "resync needed" } };
    }
    doc.bytes += stored.byteLength;
    this.metrics.updatesReceived.inc();
    return { stored };
  }

  /** Appends an admitted update to the log; once committed, applies and broadcasts it. */
  private store(
    doc: LiveDoc,
    update: Uint8Array,
    origin: CollabConnection | null,
    userId: string,
    stored: () => void,
    failed?: (error: unknown) => void,
  ): void {
    this.log_.append(doc.id, update, (error) => {
      if (error) {
        failed?.(error);
        return this.storageFailed(doc, error);
      }
      // Still applied while the doc unloads: its compaction runs after this commit.
      if (this.docs.get(doc.id) !== doc) return stored();
      doc.applyNextStored(origin);
      doc.tailRows++;
      stored();
      this.options.onStored?.(doc.id, userId);
      this.touch(doc);
      if (doc.tailRows >= this.options.compactAfterRows) this.scheduleCompaction(doc);
    });
  }

  /** Stops accepting, flushes the log, compacts and closes every socket with "restarting". */
  async close(): Promise<void> {
    this.closing = true;
    for (const conn of this.connections) conn.close(CloseCode.ServiceRestart, "server restarting");
    await this.log_.flush();
    await Promise.all([...this.docs.values()].map((doc) => this.unload(doc)));
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    // Peers that did not answer the close handshake must not hold the process open.
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private async acquire(id: string, accountId: string): Promise<LiveDoc> {
    const pendingUnload = this.unloading.get(id);
    if (pendingUnload) await pendingUnload;
    const live = this.docs.get(id);
    if (live) {
      this.cancelIdle(id);
      return live;
    }
    let loading = this.loading.get(id);
    if (!loading) {
      loading = loadState(this.db, id).then(({ doc, bytes, tailRows }) => {
        const liveDoc = new LiveDoc(id, accountId, doc, bytes, tailRows);
        this.docs.set(id, liveDoc);
        return liveDoc;
      });
      // A failed load leaves nothing behind: the next connection tries again.
      const cleanup = () => this.loading.delete(id);
      loading.then(cleanup, cleanup);
      this.loading.set(id, loading);
    }
    const doc = await loading;
    this.cancelIdle(id);
    return doc;
  }

  private releaseIfIdle(doc: LiveDoc): void {
    // A doc dropped after a storage failure is gone already; unloading it would
    // compact its stale state over whatever a reload has stored since.
    if (this.docs.get(doc.id) !== doc) return;
    if (doc.peers.size > 0 || this.closing || this.idleTimers.has(doc.id)) return;
    this.idleTimers.set(
      doc.id,
      setTimeout(() => {
        this.idleTimers.delete(doc.id);
        // unload() logs its own failures and never rejects.
        if (doc.peers.size === 0 && this.docs.get(doc.id) === doc) void this.unload(doc);
      }, this.options.idleUnloadMs),
    );
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
    const work = this.compactAndRelease(doc)
      .catch((error: unknown) => log.error("collab: unloading failed", { documentId: doc.id, error: String(error) }))
      .finally(() => this.unloading.delete(doc.id));
    this.unloading.set(doc.id, work);
    return work;
  }

  private async compactAndRelease(doc: LiveDoc): Promise<void> {
    try {
      if (this.docs.get(doc.id) === doc && (doc.tailRows > 0 || doc.inFlight > 0)) {
        await this.log_.exclusive(() => compact(this.db, doc.id, doc.ydoc));
      }
    } catch (error) {
      // The log rows are still there: nothing is lost, the next load replays them.
      log.error("collab: compaction on unload failed", { documentId: doc.id, error: String(error) });
    } finally {
      if (this.docs.get(doc.id) === doc) this.docs.delete(doc.id);
      doc.destroy();
    }
  }

  /** Keeps Document.updatedAt roughly current (lists sort by it) without a write per keystroke. */
  private touch(doc: LiveDoc): void {
    const now = Date.now();
    if (now - doc.touchedAt < TOUCH_INTERVAL_MS) return;
    doc.touchedAt = now;
    this.db.document.update({ where: { id: doc.id }, data: { updatedAt: new Date(now) } }).catch((error: unknown) => {
      // Not written: try again with the next edit rather than a minute later.
      if (doc.touchedAt === now) doc.touchedAt = 0;
      log.warn("collab: could not record the edit time", { documentId: doc.id, error: String(error) });
    });
  }

  /**
   * Folds the log into the snapshot in the writer queue. The doc's counters
   * change only once the compaction has committed: a failed one leaves the
   * rows (and the count that brings the next try) as they were.
   */
  private scheduleCompaction(doc: LiveDoc): void {
    if (doc.compacting || Date.now() < doc.compactionRetryAt) return;
    doc.compacting = true;
    this.log_
      .exclusive(async () => {
        // Dropped after a storage failure, or unloading (which compacts itself).
        if (this.docs.get(doc.id) !== doc) return;
        // The queue runs this after the callbacks of every row committed so far: all are counted.
        const folded = doc.tailRows;
        const stateBytes = await compact(this.db, doc.id, doc.ydoc);
        doc.tailRows -= folded;
        if (stateBytes !== null) doc.measured(stateBytes);
      })
      .then(
        () => {
          doc.compacting = false;
        },
        (error: unknown) => {
          doc.compacting = false;
          doc.compactionRetryAt = Date.now() + COMPACTION_RETRY_MS;
          log.error("collab: compaction failed; the log is kept whole", { documentId: doc.id, error: String(error) });
        },
      );
  }

  /**
   * The log refused a write (disk full, read-only database). Nothing of the
   * batch was applied; the doc is dropped so the next load starts from what is
   * stored, and its clients reconnect and resend their changes.
   */
  private storageFailed(doc: LiveDoc, error: unknown): void {
    if (this.docs.get(doc.id) !== doc) return;
    log.error("collab: storing an update failed; document closed", { documentId: doc.id, error: String(error) });
    this.docs.delete(doc.id);
    for (const peer of [...doc.peers]) {
      if (peer instanceof CollabConnection) peer.close(CloseCode.StorageUnavailable, "storage unavailable");
    }
    doc.destroy();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
