import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { WebSocket, type RawData } from "ws";
import { z } from "zod";
import * as decoding from "lib0/decoding";
import type { ConnectionContext } from "../collab/connection";
import { syncMessage, SyncType } from "../collab/protocol";
import { MessageType } from "../collab/wire/message-types";
import { CloseCode } from "../collab/wire/close-codes";
import { log } from "../lib/logger";

/** Where another process's forwarded clients arrive. Never reachable without the cluster's secret. */
export const INTERNAL_COLLAB_PATH = /^\/internal\/collab\/([A-Za-z0-9_-]{1,64})$/;

/** A signed context is good for this long: long enough for one upgrade, too short to replay later. */
const SIGNATURE_TTL_MS = 30_000;
/** How long the owner has to store a change made on another process. */
const CHANGE_TIMEOUT_MS = 10_000;
/** What a client may send while the connection to the owner opens. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

const ForwardedContext = z.object({
  userId: z.string(),
  sessionId: z.string(),
  documentId: z.string(),
  accountId: z.string(),
  readOnly: z.boolean(),
  wantsAcks: z.boolean(),
  identity: z.object({ userId: z.string(), name: z.string(), department: z.string(), color: z.string() }),
  expires: z.number(),
});

/**
 * Serving a client whose document another process owns: the process the
 * client reached checks the session and access as always, then relays the
 * client's frames, unchanged, over an internal WebSocket to the owner, which
 * takes the signed context instead of a cookie. The owner applies every limit
 * and the whole write-ahead path; this process only relays.
 */
export class Forwarding {
  private readonly key: Buffer;
  private readonly relays = new Set<Relay>();

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
    return this.relays.size;
  }

  /** Relays `client` (already upgraded; `waiting` is what it sent meanwhile) to the owner at `owner`. */
  relay(client: WebSocket, ctx: ConnectionContext, owner: string, waiting: readonly Uint8Array[]): void {
    const upstream = this.open(owner, ctx);
    const relay: Relay = { ctx, client, upstream };
    this.relays.add(relay);
    const queued: Uint8Array[] = [...waiting];
    let queuedBytes = queued.reduce((sum, m) => sum + m.byteLength, 0);

    client.on("message", (data: RawData) => {
      const message = toBytes(data);
      if (upstream.readyState === WebSocket.OPEN) return upstream.send(message);
      queued.push(message);
      queuedBytes += message.byteLength;
      if (queuedBytes > MAX_QUEUED_BYTES) client.close(CloseCode.TryAgainLater, "server busy: try again");
    });
    upstream.on("open", () => {
      for (const message of queued.splice(0)) upstream.send(message);
    });
    upstream.on("message", (data: RawData) => {
      if (client.readyState === WebSocket.OPEN) client.send(toBytes(data));
    });
    upstream.on("close", (code, reason) => {
      this.relays.delete(relay);
      // The owner's own closing words pass through; a lost owner becomes "reconnect".
      const passOn = code >= 4000 || (code >= 1000 && code <= 1014 && code !== 1005 && code !== 1006);
      closeSafely(
        client,
        passOn ? code : CloseCode.ServiceRestart,
        passOn ? reason.toString() : "document moving: reconnecting",
      );
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      log.warn("cluster: relay to the document's owner failed", {
        documentId: ctx.documentId,
        owner,
        error: error.message,
      });
      if (error.code !== "ECONNREFUSED") return;
      // The client reconnects once told to; by then the document is free to claim.
      this.ownerGone(ctx.documentId, owner).catch((failure: unknown) =>
        log.warn("cluster: ending a dead owner's lease failed", { documentId: ctx.documentId, error: String(failure) }),
      );
    });
    client.on("close", () => {
      this.relays.delete(relay);
      if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
      else upstream.close();
    });
  }

  /**
   * A change the server made here for a person (restoring a version) on a
   * document the owner at `owner` holds: sent as that person's update over the
   * internal WebSocket, resolved once the owner acknowledges it as stored.
   */
  sendChange(owner: string, ctx: ConnectionContext, update: Uint8Array): Promise<void> {
    const upstream = this.open(owner, { ...ctx, wantsAcks: true });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error("the document's owner did not store the change in time")),
        CHANGE_TIMEOUT_MS,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        upstream.terminate();
        reject(error);
      };
      upstream.on("open", () => upstream.send(syncMessage(SyncType.Update, update)));
      upstream.on("message", (data: RawData) => {
        const decoder = decoding.createDecoder(toBytes(data));
        if (decoding.readVarUint(decoder) !== MessageType.Ack || decoding.readVarUint(decoder) < 1) return;
        clearTimeout(timer);
        upstream.close();
        resolve();
      });
      upstream.on("close", (code, reason) =>
        fail(new Error(`the document's owner closed (${code} ${reason.toString()})`)),
      );
      upstream.on("error", (error) => fail(error));
    });
  }

  /** The context another process signed for a forwarded client, or null when it is not genuine or too old. */
  verify(req: IncomingMessage): ConnectionContext | null {
    const payload = req.headers["x-keyroom-context"];
    const signature = req.headers["x-keyroom-signature"];
    if (typeof payload !== "string" || typeof signature !== "string") return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const parsed = ForwardedContext.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
      if (parsed.expires < Date.now()) return null;
      const { expires: _expires, ...ctx } = parsed;
      return ctx;
    } catch {
      return null;
    }
  }

  /** Closes the relayed connections that match (a session ended, access changed). */
  closeWhere(match: (ctx: ConnectionContext) => boolean, code: number, reason: string): void {
    for (const relay of this.relays) if (match(relay.ctx)) closeSafely(relay.client, code, reason);
  }

  close(): void {
    for (const relay of this.relays) closeSafely(relay.client, CloseCode.ServiceRestart, "server restarting");
  }

  /** An internal WebSocket to the owner, carrying `ctx` signed. */
  private open(owner: string, ctx: ConnectionContext): WebSocket {
    const payload = Buffer.from(JSON.stringify({ ...ctx, expires: Date.now() + SIGNATURE_TTL_MS })).toString(
      "base64url",
    );
    return new WebSocket(`${owner}/internal/collab/${encodeURIComponent(ctx.documentId)}`, {
      headers: { "x-keyroom-context": payload, "x-keyroom-signature": this.sign(payload) },
      perMessageDeflate: false,
    });
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}

interface Relay {
  ctx: ConnectionContext;
  client: WebSocket;
  upstream: WebSocket;
}

function closeSafely(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) return;
  // A close reason must fit in a control frame (123 bytes).
  ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
