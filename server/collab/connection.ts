import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { log } from "../lib/logger";
import { TokenBucket } from "../lib/rate-limiter";
import { SOCKET_OPEN, type ClientSocket } from "./client-socket";
import { guardAwarenessUpdate, type AwarenessIdentity, type AwarenessOwner } from "./awareness-guard";
import type { Peer } from "./fan-out";
import type { CollabHooks } from "./hooks";
import type { CollabLimits } from "./limits";
import type { LiveDoc } from "./live-doc";
import { ackMessage, isEmptyUpdate, permissionDeniedMessage, syncMessage, SyncType } from "./protocol";
import { InvalidUpdateError, readStateVector } from "./update-validator";
import { CloseCode, type CloseCodeValue } from "./wire/close-codes";
import { MessageType } from "./wire/message-types";

/** A read-only client is told its change was refused at most this often. */
const DENIED_NOTICE_INTERVAL_MS = 5000;

/** Who is connected, and what they may do, as decided at the upgrade. */
export interface ConnectionContext {
  userId: string;
  sessionId: string;
  documentId: string;
  accountId: string;
  readOnly: boolean;
  wantsAcks: boolean;
  identity: AwarenessIdentity;
}

/**
 * One browser (or API client) on one document. Parses y-websocket messages,
 * enforces the per-connection limits, and hands document updates to the
 * document's write-ahead path. Any failure closes this connection only.
 */
export class CollabConnection implements Peer {
  readonly awarenessOwner: AwarenessOwner = { clientId: null, clockOffset: 0 };
  private readonly updateBucket: TokenBucket;
  private readonly awarenessBucket: TokenBucket;
  private readonly awarenessRelayBucket: TokenBucket;
  /** Document messages waiting for the budget, oldest first; the socket is not read while any wait. */
  private readonly backlog: Uint8Array[] = [];
  private backlogBytes = 0;
  private readonly maxBacklog: number;
  private drainTimer: NodeJS.Timeout | null = null;
  /** The newest change of this connection's own cursor that did not fit the budget; only the newest counts. */
  private pendingAwareness: Uint8Array | null = null;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private updatesStored = 0;
  private handshakeStored = false;
  private ackScheduled = false;
  private lastDeniedAt = -Infinity;
  private closed = false;

  constructor(
    readonly ws: ClientSocket,
    readonly ctx: ConnectionContext,
    private readonly doc: LiveDoc,
    private readonly hooks: CollabHooks,
    private readonly limits: CollabLimits,
    /** Shared by every connection of this user. */
    private readonly userBucket: TokenBucket,
  ) {
    this.updateBucket = new TokenBucket(limits.updatesPerSecond, limits.updateBurst);
    this.awarenessBucket = new TokenBucket(limits.awarenessPerSecond, limits.awarenessBurst);
    this.awarenessRelayBucket = new TokenBucket(limits.awarenessRelaysPerSecond, limits.awarenessRelayBurst);
    this.maxBacklog = Math.max(limits.updateBurst, Math.ceil(limits.updatesPerSecond * limits.updateBacklogSeconds));
    ws.once("close", () => this.dispose());
  }

  /** Sends the server's state vector and the current awareness, as the protocol starts. */
  start(): void {
    this.send(syncMessage(SyncType.Step1, Y.encodeStateVector(this.doc.ydoc)));
    const awareness = this.doc.awarenessSnapshot();
    if (awareness) this.send(awareness);
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== SOCKET_OPEN) return;
    // What already waits, not this message: one big sync always goes out to a client that reads.
    if (this.ws.bufferedAmount > this.limits.maxUnsentBytes) {
      log.warn("collab: a client stopped reading; closed", {
        documentId: this.ctx.documentId,
        userId: this.ctx.userId,
      });
      return this.close(CloseCode.TryAgainLater, "too far behind: reconnect");
    }
    this.ws.send(message, (error) => {
      if (error) this.close(CloseCode.ServiceRestart, "send failed");
    });
  }

  close(code: CloseCodeValue, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.dispose();
    // A paused socket would never read the client's answering close frame.
    this.ws.resume();
    this.ws.close(code, reason);
  }

  /** Drops what waits for the budget: a closed connection's unacknowledged messages are resent on reconnect. */
  private dispose(): void {
    this.closed = true;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.drainTimer = null;
    this.awarenessTimer = null;
    this.backlog.length = 0;
    this.backlogBytes = 0;
    this.pendingAwareness = null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** An update of ours is durably stored and applied. */
  private stored(handshake: boolean): void {
    if (handshake) this.handshakeStored = true;
    else this.updatesStored++;
    if (!this.ctx.wantsAcks || this.ackScheduled) return;
    this.ackScheduled = true;
    setImmediate(() => {
      this.ackScheduled = false;
      this.send(ackMessage(this.updatesStored, this.handshakeStored));
    });
  }

  handleMessage(data: Uint8Array): void {
    if (this.closed) return;
    this.guarded(() => {
      const type = decoding.readVarUint(decoding.createDecoder(data));
      if (type === MessageType.Sync) this.throttle(data);
      else this.dispatch(data);
    });
  }

  /** Runs `work`; a failure closes this connection only. */
  private guarded(work: () => void): void {
    try {
      work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn("collab: closing connection after a bad message", {
        documentId: this.ctx.documentId,
        userId: this.ctx.userId,
        reason,
      });
      this.close(CloseCode.InvalidMessage, truncateReason(reason));
    }
  }

  /**
   * Document messages spend a token of this connection's budget and of its
   * user's. Over budget they wait, in order, and the socket is paused so the
   * client's own send buffer holds the rest: a long paste or an offline queue
   * is slowed, not cut. Only a backlog past its bound (a flood) closes, with
   * the retryable 4429.
   */
  private throttle(data: Uint8Array): void {
    if (this.backlog.length === 0 && this.takeUpdateToken()) return this.dispatch(data);
    if (
      this.backlog.length >= this.maxBacklog ||
      this.backlogBytes + data.byteLength > this.limits.maxUpdateBacklogBytes
    ) {
      return this.rateLimited();
    }
    this.backlog.push(data);
    this.backlogBytes += data.byteLength;
    this.hooks.run("onThrottle", { documentId: this.ctx.documentId, userId: this.ctx.userId });
    this.ws.pause();
    this.scheduleDrain();
  }

  private takeUpdateToken(): boolean {
    // Both or neither: a token taken from one bucket alone would be lost.
    if (!this.updateBucket.ready() || !this.userBucket.ready()) return false;
    this.updateBucket.take();
    this.userBucket.take();
    return true;
  }

  private scheduleDrain(): void {
    if (this.drainTimer || this.closed) return;
    const wait = Math.max(this.updateBucket.msUntilToken(), this.userBucket.msUntilToken());
    this.drainTimer = setTimeout(
      () => {
        this.drainTimer = null;
        this.drain();
      },
      Math.max(1, Math.ceil(wait)),
    );
  }

  private drain(): void {
    while (!this.closed && this.backlog.length > 0 && this.takeUpdateToken()) {
      const data = this.backlog.shift() as Uint8Array;
      this.backlogBytes -= data.byteLength;
      this.guarded(() => this.dispatch(data));
    }
    if (this.closed) return;
    if (this.backlog.length > 0) return this.scheduleDrain();
    this.ws.resume();
  }

  private dispatch(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        return this.handleSync(decoder);
      case MessageType.Awareness:
        // Every awareness message, relays included: a full room fits; past it the client floods.
        if (!this.awarenessRelayBucket.take()) return this.rateLimited();
        return this.handleAwareness(readPayload(decoder));
      case MessageType.QueryAwareness: {
        expectEnd(decoder);
        const snapshot = this.doc.awarenessSnapshot();
        if (snapshot) this.send(snapshot);
        return;
      }
      default:
        throw new InvalidUpdateError(`unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const subType = decoding.readVarUint(decoder);
    const payload = readPayload(decoder);
    switch (subType) {
      case SyncType.Step1: {
        const stateVector = Y.encodeStateVector(readStateVector(payload));
        this.send(syncMessage(SyncType.Step2, Y.encodeStateAsUpdate(this.doc.ydoc, stateVector)));
        return;
      }
      case SyncType.Step2:
      case SyncType.Update:
        // A viewer's local changes ride in its handshake too: both are dropped.
        if (this.ctx.readOnly) return this.denyWrite(payload);
        return this.submit(payload, subType === SyncType.Step2);
      default:
        throw new InvalidUpdateError(`unknown sync message ${subType}`);
    }
  }

  private submit(update: Uint8Array, handshake: boolean): void {
    // Nothing to store (an empty handshake): acknowledge at once.
    if (isEmptyUpdate(update)) return this.stored(handshake);
    const refusal = this.doc.submit(update, this, this.ctx.userId, () => this.stored(handshake));
    if (refusal) this.close(refusal.code, refusal.reason);
  }

  private handleAwareness(update: Uint8Array): void {
    if (update.byteLength > this.limits.maxAwarenessBytes) {
      throw new InvalidUpdateError("awareness update too large");
    }
    const guarded = guardAwarenessUpdate(update, this.ctx.identity, this.awarenessOwner, this.doc);
    if (!guarded) return; // only relays of other people's states: nothing to apply
    if (this.pendingAwareness === null && this.awarenessBucket.take()) {
      awarenessProtocol.applyAwarenessUpdate(this.doc.awareness, guarded, this);
      return;
    }
    // Cursors are ephemeral and a newer state replaces an older one: keep only
    // the newest and apply it when the budget allows, so the others see where
    // this person ended up, at the budget's pace.
    this.pendingAwareness = guarded;
    this.scheduleAwareness();
  }

  private scheduleAwareness(): void {
    if (this.awarenessTimer || this.closed) return;
    this.awarenessTimer = setTimeout(
      () => {
        this.awarenessTimer = null;
        const pending = this.pendingAwareness;
        if (this.closed || pending === null) return;
        if (!this.awarenessBucket.take()) return this.scheduleAwareness();
        this.pendingAwareness = null;
        this.guarded(() => awarenessProtocol.applyAwarenessUpdate(this.doc.awareness, pending, this));
      },
      Math.max(1, Math.ceil(this.awarenessBucket.msUntilToken())),
    );
  }

  private denyWrite(update: Uint8Array): void {
    if (isEmptyUpdate(update)) return;
    const now = performance.now();
    if (now - this.lastDeniedAt < DENIED_NOTICE_INTERVAL_MS) return;
    this.lastDeniedAt = now;
    log.info("collab: dropped an update from a read-only connection", {
      documentId: this.ctx.documentId,
      userId: this.ctx.userId,
    });
    this.send(permissionDeniedMessage("read-only: your changes are not saved"));
  }

  private rateLimited(): void {
    log.warn("collab: flood past the rate limit's backlog; connection closed", {
      documentId: this.ctx.documentId,
      userId: this.ctx.userId,
    });
    this.close(CloseCode.RateLimited, "too many messages: slow down and reconnect");
  }
}

function readPayload(decoder: decoding.Decoder): Uint8Array {
  const payload = decoding.readVarUint8Array(decoder);
  expectEnd(decoder);
  return payload;
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new InvalidUpdateError("trailing bytes after message");
}

function truncateReason(reason: string): string {
  // A close reason must fit in 123 bytes.
  return Buffer.from(reason).subarray(0, 120).toString();
}
