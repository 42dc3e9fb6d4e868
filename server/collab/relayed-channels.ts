import { EventEmitter } from "node:events";
import type { WebSocket } from "ws";
import { z } from "zod";
import { log } from "../lib/logger";
import { SOCKET_OPEN, toBytes, type ClientSocket } from "./client-socket";
import type { ConnectionContext } from "./connection";
import { decodeFrame, encodeFrame, Frame } from "./relay-frames";
import { CloseCode } from "./wire/close-codes";

const RelayedContext = z.object({
  userId: z.string(),
  sessionId: z.string(),
  documentId: z.string(),
  accountId: z.string(),
  readOnly: z.boolean(),
  wantsAcks: z.boolean(),
  identity: z.object({ userId: z.string(), name: z.string(), department: z.string(), color: z.string() }),
});

/** The context a relaying process sends with each client it opens (it checked the session and access). */
export function relayedContext(ctx: ConnectionContext): string {
  return JSON.stringify(RelayedContext.parse(ctx));
}

/**
 * The owner's end of the one connection another process keeps here for a
 * document: every client that process relays is a channel, served like a
 * direct client (`attach`). What the document fans out to several of these
 * channels in one turn crosses once, as one frame naming them all, and that
 * process hands it to each.
 */
export class RelayedChannels {
  private readonly channels = new Map<number, RelayedChannel>();
  /** This turn's messages in order, each with the channels it goes to. */
  private outbox: Array<{ message: Uint8Array; channels: number[] }> = [];
  /** For each message, its group in `outbox`; for each channel, the last group it is in. */
  private readonly groupOf = new Map<Uint8Array, number>();
  private readonly lastGroupOf = new Map<number, number>();

  constructor(
    private readonly ws: WebSocket,
    private readonly documentId: string,
    private readonly attach: (channel: ClientSocket, ctx: ConnectionContext) => void,
  ) {
    ws.on("message", (data) => this.receive(toBytes(data)));
    ws.on("close", () => {
      // The relaying process went away (or lost us): its clients reconnect.
      for (const channel of this.channels.values()) channel.ended(1006);
      this.channels.clear();
      this.outbox = [];
    });
    ws.on("error", (error) => log.warn("collab: relay connection failed", { documentId, error: error.message }));
  }

  private receive(bytes: Uint8Array): void {
    let frame;
    try {
      frame = decodeFrame(bytes);
    } catch (error) {
      log.warn("collab: bad frame from a relaying process", { documentId: this.documentId, error: String(error) });
      this.ws.close(CloseCode.InvalidMessage, "bad relay frame");
      return;
    }
    switch (frame.kind) {
      case Frame.Open: {
        const ctx = parseContext(frame.context);
        if (!ctx || ctx.documentId !== this.documentId || this.channels.has(frame.channel)) {
          this.ws.send(encodeFrame.close(frame.channel, CloseCode.InvalidMessage, "bad relayed context"));
          return;
        }
        const channel = new RelayedChannel(this, frame.channel);
        this.channels.set(frame.channel, channel);
        this.attach(channel, ctx);
        return;
      }
      case Frame.Data:
        this.channels.get(frame.channel)?.emit("message", frame.payload);
        return;
      case Frame.End:
        this.channels.get(frame.channel)?.ended(frame.code);
        this.channels.delete(frame.channel);
        return;
      default:
        // Frames only an owner sends: a confused peer.
        this.ws.close(CloseCode.InvalidMessage, "bad relay frame");
    }
  }

  /**
   * Sends at the end of this turn. A message sent to several channels goes
   * out once, unless one of them was sent something else after it first
   * appeared (each channel keeps its order).
   */
  send(channel: number, message: Uint8Array): void {
    if (this.outbox.length === 0) queueMicrotask(() => this.flush());
    const group = this.groupOf.get(message);
    if (group !== undefined && (this.lastGroupOf.get(channel) ?? -1) < group) {
      this.outbox[group].channels.push(channel);
    } else {
      this.groupOf.set(message, this.outbox.length);
      this.outbox.push({ message, channels: [channel] });
    }
    this.lastGroupOf.set(channel, this.groupOf.get(message) as number);
  }

  /** Control frames go after what the channel was sent before them. */
  control(frame: Buffer, channel: number, closing: boolean): void {
    this.flush();
    if (closing) this.channels.delete(channel);
    if (this.ws.readyState === SOCKET_OPEN) this.ws.send(frame);
  }

  private flush(): void {
    const outbox = this.outbox;
    this.outbox = [];
    this.groupOf.clear();
    this.lastGroupOf.clear();
    if (this.ws.readyState !== SOCKET_OPEN) return;
    for (const { message, channels } of outbox) {
      this.ws.send(
        channels.length === 1 ? encodeFrame.data(channels[0], message) : encodeFrame.many(channels, message),
      );
    }
  }
}

/** One relayed client, as the collaboration server sees it: a socket like any other. */
class RelayedChannel extends EventEmitter implements ClientSocket {
  readyState = SOCKET_OPEN;
  /** The relaying process bounds what waits for its client (server/cluster/forwarding.ts). */
  readonly bufferedAmount = 0;
  private paused = false;

  constructor(
    private readonly relay: RelayedChannels,
    private readonly id: number,
  ) {
    super();
  }

  send(message: Uint8Array): void {
    if (this.readyState === SOCKET_OPEN) this.relay.send(this.id, message);
  }

  close(code: number, reason: string): void {
    if (this.readyState !== SOCKET_OPEN) return;
    this.relay.control(encodeFrame.close(this.id, code, reason), this.id, true);
    this.ended(code);
  }

  pause(): void {
    if (this.paused || this.readyState !== SOCKET_OPEN) return;
    this.paused = true;
    this.relay.control(encodeFrame.flow(Frame.Pause, this.id), this.id, false);
  }

  resume(): void {
    if (!this.paused || this.readyState !== SOCKET_OPEN) return;
    this.paused = false;
    this.relay.control(encodeFrame.flow(Frame.Resume, this.id), this.id, false);
  }

  /** Closed, by us or by the client: told as a socket tells it, after the current turn. */
  ended(code: number): void {
    if (this.readyState !== SOCKET_OPEN) return;
    this.readyState = 3;
    process.nextTick(() => this.emit("close", code));
  }
}

function parseContext(json: string): ConnectionContext | null {
  try {
    return RelayedContext.parse(JSON.parse(json));
  } catch {
    return null;
  }
}
