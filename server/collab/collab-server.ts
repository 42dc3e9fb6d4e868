import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData } from "ws";
import * as Y from "yjs";
import { log } from "../lib/logger";
import { UserBuckets } from "../lib/rate-limiter";
import { SOCKET_OPEN, toBytes, type ClientSocket } from "./client-socket";
import { CollabConnection, type ConnectionContext } from "./connection";
import { EarlyMessages, LoadingBudget } from "./early-messages";
import { CollabHooks, type CollabHook } from "./hooks";
import type { CollabLimits } from "./limits";
import type { LiveDoc } from "./live-doc";
import { LiveDocs } from "./live-docs";
import { OwnedElsewhere, SOLE_OWNER, type DocOwnership } from "./ownership";
import { isEmptyUpdate } from "./protocol";
import { RelayedChannels } from "./relayed-channels";
import { loadState, type DocStorage } from "./storage";
import { UpdateLog } from "./update-log";
import { CloseCode } from "./wire/close-codes";

export interface CollabOptions {
  /** How long a document with no connections stays loaded. */
  idleUnloadMs: number;
  limits: CollabLimits;
  /** Plug-ins around the write-ahead path, run in this order (see hooks.ts). */
  hooks: readonly CollabHook[];
  /** Who may load which document (several processes); default: this process owns every one. */
  ownership?: DocOwnership;
  /**
   * Serves a client through the process that owns its document (`owner`):
   * `waiting` is what the client sent meanwhile. Without it such a client is
   * asked to come back later.
   */
  forward?: (ws: ClientSocket, ctx: ConnectionContext, owner: string, waiting: Uint8Array[]) => void;
  /** Sends a server-made change of a document owned elsewhere to its owner, as `userId`'s update. */
  forwardChange?: (
    owner: string,
    change: { documentId: string; accountId: string; userId: string },
    update: Uint8Array,
  ) => Promise<void>;
}

/**
 * The collaboration server: completes the upgrades auth has accepted, routes
 * each connection to its live document (loading it, with what arrives
 * meanwhile held within bounds), and closes connections when sessions or
 * access end. The documents own their state and their write-ahead path
 * (live-doc.ts); the connections parse and pace what clients send
 * (connection.ts).
 */
export class CollabServer {
  private readonly wss: WebSocketServer;
  /** Other processes' connections for the clients they relay here: room for the frame header on a largest message. */
  private readonly relayWss: WebSocketServer;
  private readonly hooks: CollabHooks;
  private readonly docs: LiveDocs;
  private readonly connections = new Set<CollabConnection>();
  private readonly userBuckets: UserBuckets;
  private readonly loadingBudget: LoadingBudget;

  constructor(
    private readonly storage: DocStorage,
    private readonly options: CollabOptions,
  ) {
    const { limits } = options;
    this.hooks = new CollabHooks(options.hooks);
    const updateLog = new UpdateLog(storage, (size, seconds) => this.hooks.run("afterCommit", { size, seconds }));
    this.docs = new LiveDocs(
      { storage, log: updateLog, hooks: this.hooks, maxDocumentBytes: limits.maxDocumentBytes },
      options.idleUnloadMs,
      options.ownership ?? SOLE_OWNER,
    );
    // ws answers an oversized frame with close 1009 before we ever see it.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxCollabMessageBytes });
    this.relayWss = new WebSocketServer({ noServer: true, maxPayload: limits.maxCollabMessageBytes + 1024 });
    this.userBuckets = new UserBuckets(
      limits.updatesPerSecond * limits.userUpdateMultiple,
      limits.updateBurst * limits.userUpdateMultiple,
    );
    this.loadingBudget = new LoadingBudget(limits);
  }

  get loadedDocuments(): number {
    return this.docs.size;
  }

  /** Other processes' connections for the clients they relay here (one per process and document). */
  get relayLinks(): number {
    return this.relayWss.clients.size;
  }

  get openConnections(): number {
    return this.connections.size;
  }

  /** Completes an upgrade that auth has already accepted. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ctx: ConnectionContext): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.attach(ws, ctx, false).catch((error: unknown) => {
        log.error("collab: attaching a connection failed", { documentId: ctx.documentId, error: String(error) });
        ws.close(CloseCode.InternalError, "internal error");
      });
    });
  }

  /**
   * Another process's connection for the clients of `documentId` it relays
   * here, believing this process owns the document (its signature checked).
   */
  handleRelayUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, documentId: string): void {
    this.relayWss.handleUpgrade(req, socket, head, (ws) => {
      new RelayedChannels(ws, documentId, (channel, ctx) => {
        this.attach(channel, ctx, true).catch((error: unknown) => {
          log.error("collab: attaching a relayed client failed", { documentId, error: String(error) });
          channel.close(CloseCode.InternalError, "internal error");
        });
      });
    });
  }

  /** Closes every live connection of a session (sign-out, expiry). */
  closeSession(sessionId: string): void {
    for (const conn of this.connections) {
      if (conn.ctx.sessionId === sessionId) conn.close(CloseCode.Unauthorized, "signed out");
    }
  }

  /** Closes every connection of a user, whatever session or token opened it (deactivation). */
  closeUser(userId: string): void {
    for (const conn of this.connections) {
      if (conn.ctx.userId === userId) conn.close(CloseCode.Unauthorized, "account deactivated");
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

  /** The document as stored now: the live doc holds exactly the committed updates; else it is read from the log. */
  async currentState(documentId: string): Promise<Uint8Array> {
    const live = this.docs.get(documentId);
    if (live) return Y.encodeStateAsUpdate(live.ydoc);
    const { doc } = await loadState(this.storage, documentId);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }

  /**
   * A change made by the server for a person (restoring a version): `edit`
   * changes a copy of the current document, and the difference goes through
   * the same write-ahead path as a client's update — validated, stored, then
   * applied and broadcast to everyone with the document open.
   */
  async changeDocument(
    documentId: string,
    accountId: string,
    userId: string,
    edit: (copy: Y.Doc) => void,
  ): Promise<void> {
    let doc: LiveDoc;
    try {
      doc = await this.docs.acquire(documentId, accountId);
    } catch (error) {
      if (!(error instanceof OwnedElsewhere) || !this.options.forwardChange) throw error;
      // Made against what is stored, which every update anyone has seen is part of.
      const { doc: stored } = await loadState(this.storage, documentId);
      const update = changeOnCopy(stored, edit);
      stored.destroy();
      if (isEmptyUpdate(update)) return;
      return this.options.forwardChange(error.owner, { documentId, accountId, userId }, update);
    }
    try {
      const update = changeOnCopy(doc.ydoc, edit);
      if (isEmptyUpdate(update)) return;
      await new Promise<void>((resolve, reject) => {
        const refusal = doc.submit(update, null, userId, resolve, reject);
        if (refusal) reject(new Error(`server change refused: ${refusal.reason}`));
      });
    } finally {
      this.docs.releaseIfIdle(doc);
    }
  }

  /** Stops accepting, flushes the log, compacts and closes every socket with "restarting". */
  async close(): Promise<void> {
    for (const conn of this.connections) conn.close(CloseCode.ServiceRestart, "server restarting");
    await this.docs.close();
    // Peers that did not answer the close handshake must not hold the process open.
    for (const ws of [...this.wss.clients, ...this.relayWss.clients]) ws.terminate();
    this.wss.close();
    this.relayWss.close();
  }

  private async attach(ws: ClientSocket, ctx: ConnectionContext, forwarded: boolean): Promise<void> {
    const early = new EarlyMessages(this.loadingBudget, () => this.turnAway(ws, ctx));
    const hold = (data: RawData) => early.hold(toBytes(data));
    ws.on("message", hold);
    ws.once("close", early.release);
    ws.on("error", (error) => log.warn("collab: socket error", { documentId: ctx.documentId, error: error.message }));
    let doc: LiveDoc;
    try {
      doc = await this.docs.acquire(ctx.documentId, ctx.accountId);
    } catch (error) {
      if (error instanceof OwnedElsewhere) return this.serveThroughOwner(ws, ctx, error.owner, early, hold, forwarded);
      early.release();
      log.error("collab: document failed to load", { documentId: ctx.documentId, error: String(error) });
      ws.close(CloseCode.StorageUnavailable, "document unavailable");
      return;
    }
    ws.off("message", hold);
    ws.off("close", early.release);
    const waiting = early.take();
    if (ws.readyState !== SOCKET_OPEN) return this.docs.releaseIfIdle(doc);
    const conn = this.connect(ws, ctx, doc);
    for (const message of waiting) conn.handleMessage(message);
  }

  /**
   * Another process owns the document. A relayed client is never relayed on
   * (no loops while ownership moves): it is asked to reconnect, and its own
   * process looks the owner up again.
   */
  private serveThroughOwner(
    ws: ClientSocket,
    ctx: ConnectionContext,
    owner: string,
    early: EarlyMessages,
    hold: (data: RawData) => void,
    forwarded: boolean,
  ): void {
    ws.off("message", hold);
    ws.off("close", early.release);
    const waiting = early.take();
    if (ws.readyState !== SOCKET_OPEN) return;
    if (forwarded || !this.options.forward) {
      ws.close(CloseCode.TryAgainLater, "document moving: try again");
      return;
    }
    this.options.forward(ws, ctx, owner, waiting);
  }

  /** Too much arrived while the document loaded. */
  private turnAway(ws: ClientSocket, ctx: ConnectionContext): void {
    log.warn("collab: too much arrived while the document loaded; connection closed", {
      documentId: ctx.documentId,
      userId: ctx.userId,
    });
    this.hooks.run("onDisconnect", { documentId: ctx.documentId, userId: ctx.userId, code: CloseCode.TryAgainLater });
    ws.close(CloseCode.TryAgainLater, "server busy: try again");
  }

  /** Joins the connection to its loaded document and starts the protocol. */
  private connect(ws: ClientSocket, ctx: ConnectionContext, doc: LiveDoc): CollabConnection {
    const conn = new CollabConnection(
      ws,
      ctx,
      doc,
      this.hooks,
      this.options.limits,
      this.userBuckets.acquire(ctx.userId),
    );
    this.connections.add(conn);
    doc.peers.add(conn);
    ws.on("message", (data) => conn.handleMessage(toBytes(data)));
    ws.on("close", (code) => {
      this.hooks.run("onDisconnect", { documentId: ctx.documentId, userId: ctx.userId, code });
      this.connections.delete(conn);
      this.userBuckets.release(ctx.userId);
      doc.removePeer(conn);
      this.docs.releaseIfIdle(doc);
    });
    conn.start();
    return conn;
  }
}

/** The update that `edit` makes to a copy of `doc`. */
function changeOnCopy(doc: Y.Doc, edit: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}
