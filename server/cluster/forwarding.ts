import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { WebSocket } from "ws";
import { z } from "zod";
import * as decoding from "lib0/decoding";
import { SOCKET_OPEN, toBytes, type ClientSocket } from "../collab/client-socket";
import type { ConnectionContext } from "../collab/connection";
import { DEFAULT_COLLAB_LIMITS } from "../collab/limits";
import { syncMessage, SyncType } from "../collab/protocol";
import { decodeFrame, encodeFrame, Frame } from "../collab/relay-frames";
import { relayedContext } from "../collab/relayed-channels";
import { MessageType } from "../collab/wire/message-types";
import { CloseCode } from "../collab/wire/close-codes";
import { log } from "../lib/logger";

/** Where another process's connection for a document arrives. Never reachable without the cluster's secret. */
export const INTERNAL_COLLAB_PATH = /^\/internal\/collab\/([A-Za-z0-9_-]{1,64})$/;

/** A signed upgrade is good for this long: long enough to connect, too short to replay later. */
const SIGNATURE_TTL_MS = 30_000;
/** How long the owner has to store a change made on another process. */
const CHANGE_TIMEOUT_MS = 10_000;
/** What clients may send, together, while the connection to the owner opens. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

const SignedLink = z.object({ documentId: z.string(), expires: z.number() });

/** A relayed client as this process holds it: where the owner's answers go. */
interface RelayEnd {
  readonly ctx: ConnectionContext;
  deliver(message: Uint8Array): void;
  /** The owner closed it, or the owner was lost. */
  closed(code: number, reason: string): void;
  pause(): void;
  resume(): void;
}

/**
 * Serving clients whose document another process owns. The process a client
 * reached checks its session and access as always, then relays its frames,
 * unchanged, to the owner. All the clients of one document share one
 * internal WebSocket to the owner, signed with the cluster's secret, each as
 * a numbered channel (server/collab/relay-frames.ts); what the owner sends to
 * all of them crosses once. The owner applies every limit and the whole
 * write-ahead path; this process only relays.
 */
export class Forwarding {
  private readonly key: Buffer;
  /** One link per owner and document. */
  private readonly links = new Map<string, OwnerLink>();
  private readonly relayed = new Map<RelayEnd, ClientSocket>();

  /**
   * `secret`: the same on every process (the session secret is).
   * `ownerGone`: nothing listens at the owner's address any more (connection
   * refused): it died, and its documents need not wait for their leases to expire.
   */
  constructor(
    secret: string,
    private readonly ownerGone: (documentId: string, owner: string) => Promise<void> = () => Promise.resolve(),
  ) {
    this.key = createHmac("sha256", secret).update("keyroom collab forwarding").digest();
  }

  get openRelays(): number {
    return this.relayed.size;
  }

  /** Relays `client` (already upgraded; `waiting` is what it sent meanwhile) to the owner at `owner`. */
  relay(client: ClientSocket, ctx: ConnectionContext, owner: string, waiting: readonly Uint8Array[]): void {
    const link = this.link(owner, ctx.documentId);
    const end: RelayEnd = {
      ctx,
      deliver: (message) => {
        if (client.readyState !== SOCKET_OPEN) return;
        // As the owner does for its own clients (CollabConnection.send): a client that stopped reading is let go.
        if (client.bufferedAmount > DEFAULT_COLLAB_LIMITS.maxUnsentBytes) {
          return closeSafely(client, CloseCode.TryAgainLater, "too far behind: reconnect");
        }
        client.send(message);
      },
      closed: (code, reason) => closeSafely(client, code, reason),
      pause: () => client.pause(),
      resume: () => client.resume(),
    };
    this.relayed.set(end, client);
    const channel = link.open(end);
    for (const message of waiting) link.data(channel, message);
    client.on("message", (data) => link.data(channel, toBytes(data)));
    client.on("close", (code) => {
      this.relayed.delete(end);
      link.end(channel, code);
    });
  }

  /**
   * A change the server made here for a person (restoring a version) on a
   * document the owner at `owner` holds: sent as that person's update on a
   * channel of its own, resolved once the owner acknowledges it as stored.
   */
  sendChange(owner: string, ctx: ConnectionContext, update: Uint8Array): Promise<void> {
    const link = this.link(owner, ctx.documentId);
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        link.end(channel, 1000);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => finish(new Error("the document's owner did not store the change in time")),
        CHANGE_TIMEOUT_MS,
      );
      const channel = link.open({
        ctx: { ...ctx, wantsAcks: true },
        deliver: (message) => {
          const decoder = decoding.createDecoder(message);
          if (decoding.readVarUint(decoder) === MessageType.Ack && decoding.readVarUint(decoder) >= 1) finish();
        },
        closed: (code, reason) => finish(new Error(`the document's owner closed (${code} ${reason})`)),
        pause: () => undefined,
        resume: () => undefined,
      });
      link.data(channel, syncMessage(SyncType.Update, update));
    });
  }

  /** The document another process's connection was signed for, or null when it is not genuine or too old. */
  verify(req: IncomingMessage): string | null {
    const payload = req.headers["x-keyroom-context"];
    const signature = req.headers["x-keyroom-signature"];
    if (typeof payload !== "string" || typeof signature !== "string") return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parsed = SignedLink.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
      return parsed.expires < Date.now() ? null : parsed.documentId;
    } catch {
      return null;
    }
  }

  /** Closes the relayed clients that match (a session ended, access changed). */
  closeWhere(match: (ctx: ConnectionContext) => boolean, code: number, reason: string): void {
    for (const [end, client] of this.relayed) if (match(end.ctx)) closeSafely(client, code, reason);
  }

  close(): void {
    for (const client of this.relayed.values()) closeSafely(client, CloseCode.ServiceRestart, "server restarting");
    for (const link of this.links.values()) link.shutDown();
  }

  private link(owner: string, documentId: string): OwnerLink {
    const key = `${owner} ${documentId}`;
    const existing = this.links.get(key);
    if (existing) return existing;
    const payload = Buffer.from(JSON.stringify({ documentId, expires: Date.now() + SIGNATURE_TTL_MS })).toString(
      "base64url",
    );
    const ws = new WebSocket(`${owner}/internal/collab/${encodeURIComponent(documentId)}`, {
      headers: { "x-keyroom-context": payload, "x-keyroom-signature": this.sign(payload) },
      perMessageDeflate: false,
    });
    let leaseEnding: Promise<void> = Promise.resolve();
    ws.on("error", (error: NodeJS.ErrnoException) => {
      log.warn("cluster: relay to the document's owner failed", { documentId, owner, error: error.message });
      if (error.code !== "ECONNREFUSED") return;
      leaseEnding = this.ownerGone(documentId, owner).catch((failure: unknown) =>
        log.warn("cluster: ending a dead owner's lease failed", { documentId, error: String(failure) }),
      );
    });
    const link = new OwnerLink(
      ws,
      documentId,
      () => {
        if (this.links.get(key) === link) this.links.delete(key);
      },
      // The clients are told to reconnect once the dead owner's lease has ended: they then claim it at once.
      () => leaseEnding,
    );
    this.links.set(key, link);
    return link;
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}

/** This process's one connection to a document's owner, for all the clients it relays there. */
class OwnerLink {
  private readonly ends = new Map<number, RelayEnd>();
  private nextChannel = 1;
  /** Frames sent while the connection opens. */
  private queued: Buffer[] = [];
  private queuedBytes = 0;
  private done = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly documentId: string,
    private readonly gone: () => void,
    /** What must finish before the clients are told the owner is lost. */
    private readonly beforeTelling: () => Promise<void>,
  ) {
    ws.on("open", () => {
      for (const frame of this.queued) ws.send(frame);
      this.queued = [];
      this.queuedBytes = 0;
    });
    ws.on("message", (data) => this.receive(toBytes(data)));
    ws.on("close", (code, reason) => {
      this.done = true;
      this.gone();
      // The owner's own closing words pass through; a lost owner becomes "reconnect".
      const passOn = code >= 4000 || (code >= 1000 && code <= 1014 && code !== 1005 && code !== 1006);
      const ends = [...this.ends.values()];
      this.ends.clear();
      void this.beforeTelling().then(() => {
        for (const end of ends) {
          end.closed(
            passOn ? code : CloseCode.ServiceRestart,
            passOn ? reason.toString() : "document moving: reconnecting",
          );
        }
      });
    });
  }

  open(end: RelayEnd): number {
    const channel = this.nextChannel++;
    if (this.done) {
      // Told after the caller has its channel number, as an open link would tell it.
      queueMicrotask(() => end.closed(CloseCode.ServiceRestart, "document moving: reconnecting"));
      return channel;
    }
    this.ends.set(channel, end);
    this.send(encodeFrame.open(channel, relayedContext(end.ctx)));
    return channel;
  }

  data(channel: number, message: Uint8Array): void {
    if (this.ends.has(channel)) this.send(encodeFrame.data(channel, message));
  }

  /** The client went away: the owner forgets it, and the connection closes with its last client. */
  end(channel: number, code: number): void {
    if (!this.ends.delete(channel)) return;
    this.send(encodeFrame.end(channel, code >= 1000 && code < 5000 ? code : 1000));
    if (this.ends.size === 0) this.shutDown();
  }

  shutDown(): void {
    if (this.done) return;
    this.done = true;
    this.gone();
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close();
  }

  private send(frame: Buffer): void {
    if (this.ws.readyState === WebSocket.OPEN) return this.ws.send(frame);
    if (this.ws.readyState !== WebSocket.CONNECTING) return;
    this.queued.push(frame);
    this.queuedBytes += frame.byteLength;
    if (this.queuedBytes <= MAX_QUEUED_BYTES) return;
    log.warn("cluster: too much waiting for the document's owner; its relayed clients are closed", {
      documentId: this.documentId,
    });
    for (const end of [...this.ends.values()]) end.closed(CloseCode.TryAgainLater, "server busy: try again");
    this.ends.clear();
    this.shutDown();
  }

  private receive(bytes: Uint8Array): void {
    let frame;
    try {
      frame = decodeFrame(bytes);
    } catch (error) {
      log.warn("cluster: bad frame from the document's owner", { documentId: this.documentId, error: String(error) });
      this.ws.close(CloseCode.InvalidMessage, "bad relay frame");
      return;
    }
    switch (frame.kind) {
      case Frame.Data:
        this.ends.get(frame.channel)?.deliver(frame.payload);
        return;
      case Frame.Many:
        for (const channel of frame.channels) this.ends.get(channel)?.deliver(frame.payload);
        return;
      case Frame.Close: {
        const end = this.ends.get(frame.channel);
        this.ends.delete(frame.channel);
        end?.closed(frame.code, frame.reason);
        if (this.ends.size === 0) this.shutDown();
        return;
      }
      case Frame.Pause:
        this.ends.get(frame.channel)?.pause();
        return;
      case Frame.Resume:
        this.ends.get(frame.channel)?.resume();
        return;
      default:
        this.ws.close(CloseCode.InvalidMessage, "bad relay frame");
    }
  }
}

function closeSafely(ws: ClientSocket, code: number, reason: string): void {
  if (ws.readyState !== SOCKET_OPEN) return;
  // A close reason must fit in a control frame (123 bytes).
  ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
}
