import * as decoding from "lib0/decoding";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { CloseCode, type CloseCodeValue } from "~/shared/close-codes";
import { Limits } from "~/shared/limits";
import { log } from "../logger";
import { guardAwarenessUpdate, type AwarenessIdentity, type AwarenessOwner } from "./awareness-guard";
import type { LiveDoc, Peer } from "./live-doc";
import { ackMessage, MessageType, permissionDeniedMessage, syncMessage, SyncType } from "./protocol";
import { TokenBucket } from "./rate-limiter";
import { InvalidUpdateError, readStateVector } from "./update-validator";

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

/** What a connection needs from the server to get an update stored. */
export interface UpdateSink {
  acceptUpdate(doc: LiveDoc, from: CollabConnection, update: Uint8Array, handshake: boolean): void;
}

/**
 * One browser (or API client) on one document. Parses y-websocket messages,
 * enforces the per-connection limits, and hands document updates to the
 * server's write-ahead pipeline. Any failure closes this connection only.
 */
export class CollabConnection implements Peer {
  readonly awarenessOwner: AwarenessOwner = { clientId: null, clockOffset: 0 };
  private readonly updateBucket: TokenBucket;
  private readonly awarenessBucket = new TokenBucket(Limits.awarenessPerSecond, Limits.awarenessBurst);
  private readonly awarenessRelayBucket = new TokenBucket(Limits.awarenessRelaysPerSecond, Limits.awarenessRelayBurst);
  private updatesStored = 0;
  private handshakeStored = false;
  private ackScheduled = false;
  private lastDeniedAt = -Infinity;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly ctx: ConnectionContext,
    private readonly doc: LiveDoc,
    private readonly sink: UpdateSink,
    limits: { updatesPerSecond: number; updateBurst: number },
    /** Shared by every connection of this user. */
    private readonly userBucket: TokenBucket,
  ) {
    this.updateBucket = new TokenBucket(limits.updatesPerSecond, limits.updateBurst);
  }

  /** Sends the server's state vector and the current awareness, as the protocol starts. */
  start(): void {
    this.send(syncMessage(SyncType.Step1, Y.encodeStateVector(this.doc.ydoc)));
    const awareness = this.doc.awarenessSnapshot();
    if (awareness) this.send(awareness);
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(message, (error) => {
      if (error) this.close(CloseCode.ServiceRestart, "send failed");
    });
  }

  close(code: CloseCodeValue, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Called by the server when an update of ours is durably stored and applied. */
  stored(handshake: boolean): void {
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
    try {
      this.dispatch(data);
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

  private dispatch(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        if (!this.updateBucket.take() || !this.userBucket.take()) return this.rateLimited();
        return this.handleSync(decoder);
      case MessageType.Awareness:
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
        this.sink.acceptUpdate(this.doc, this, payload, subType === SyncType.Step2);
        return;
      default:
        throw new InvalidUpdateError(`unknown sync message ${subType}`);
    }
  }

  private handleAwareness(update: Uint8Array): void {
    if (update.byteLength > Limits.maxAwarenessBytes) {
      throw new InvalidUpdateError("awareness update too large");
    }
    const guarded = guardAwarenessUpdate(update, this.ctx.identity, this.awarenessOwner, this.doc);
    if (!guarded) return; // only relays of other people's states: nothing to apply
    if (!this.awarenessBucket.take()) return this.rateLimited();
    awarenessProtocol.applyAwarenessUpdate(this.doc.awareness, guarded, this);
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
    log.warn("collab: rate limit exceeded", { documentId: this.ctx.documentId, userId: this.ctx.userId });
    this.close(CloseCode.RateLimited, "too many messages");
  }
}

/** An update with no structs and no deletions: `[0, 0]`. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
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
