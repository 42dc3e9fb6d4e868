import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * The frames of the one internal WebSocket a process keeps to a document's
 * owner for all the clients it relays there. Each relayed client is a
 * numbered channel; its own y-websocket messages travel unchanged as the
 * payload, after a short header. What the owner sends to several channels at
 * once (an update, a cursor) crosses once, as `Many`.
 */
export const Frame = {
  /** relay → owner: a client arrives, with the context its process checked. */
  Open: 0,
  /** both ways: one y-websocket message of one channel. */
  Data: 1,
  /** relay → owner: the client went away. */
  End: 2,
  /** owner → relay: one message for several channels. */
  Many: 3,
  /** owner → relay: close this client, with this code and reason. */
  Close: 4,
  /** owner → relay: stop reading this client (over its budget) until `Resume`. */
  Pause: 5,
  Resume: 6,
} as const;

export type RelayFrame =
  | { kind: typeof Frame.Open; channel: number; context: string }
  | { kind: typeof Frame.Data; channel: number; payload: Uint8Array }
  | { kind: typeof Frame.End; channel: number; code: number }
  | { kind: typeof Frame.Many; channels: number[]; payload: Uint8Array }
  | { kind: typeof Frame.Close; channel: number; code: number; reason: string }
  | { kind: typeof Frame.Pause | typeof Frame.Resume; channel: number };

/** Header fields, then the payload as is (no length: it runs to the end of the frame). */
function frame(fields: (encoder: encoding.Encoder) => void, payload?: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  fields(encoder);
  const header = encoding.toUint8Array(encoder);
  return payload ? Buffer.concat([header, payload]) : Buffer.from(header);
}

export const encodeFrame = {
  open: (channel: number, context: string) =>
    frame((e) => {
      encoding.writeVarUint(e, Frame.Open);
      encoding.writeVarUint(e, channel);
      encoding.writeVarString(e, context);
    }),
  data: (channel: number, payload: Uint8Array) =>
    frame((e) => {
      encoding.writeVarUint(e, Frame.Data);
      encoding.writeVarUint(e, channel);
    }, payload),
  end: (channel: number, code: number) =>
    frame((e) => {
      encoding.writeVarUint(e, Frame.End);
      encoding.writeVarUint(e, channel);
      encoding.writeVarUint(e, code);
    }),
  many: (channels: readonly number[], payload: Uint8Array) =>
    frame((e) => {
      encoding.writeVarUint(e, Frame.Many);
      encoding.writeVarUint(e, channels.length);
      for (const channel of channels) encoding.writeVarUint(e, channel);
    }, payload),
  close: (channel: number, code: number, reason: string) =>
    frame((e) => {
      encoding.writeVarUint(e, Frame.Close);
      encoding.writeVarUint(e, channel);
      encoding.writeVarUint(e, code);
      encoding.writeVarString(e, reason);
    }),
  flow: (kind: typeof Frame.Pause | typeof Frame.Resume, channel: number) =>
    frame((e) => {
      encoding.writeVarUint(e, kind);
      encoding.writeVarUint(e, channel);
    }),
};

/** Throws on a frame no process of ours would send. */
export function decodeFrame(bytes: Uint8Array): RelayFrame {
  const decoder = decoding.createDecoder(bytes);
  const kind = decoding.readVarUint(decoder);
  const rest = () => bytes.subarray(decoder.pos);
  switch (kind) {
    case Frame.Open:
      return { kind, channel: decoding.readVarUint(decoder), context: decoding.readVarString(decoder) };
    case Frame.Data:
      return { kind, channel: decoding.readVarUint(decoder), payload: rest() };
    case Frame.End:
      return { kind, channel: decoding.readVarUint(decoder), code: decoding.readVarUint(decoder) };
    case Frame.Many: {
      const count = decoding.readVarUint(decoder);
      const channels: number[] = [];
      for (let i = 0; i < count; i++) channels.push(decoding.readVarUint(decoder));
      return { kind, channels, payload: rest() };
    }
    case Frame.Close:
      return {
        kind,
        channel: decoding.readVarUint(decoder),
        code: decoding.readVarUint(decoder),
        reason: decoding.readVarString(decoder),
      };
    case Frame.Pause:
    case Frame.Resume:
      return { kind, channel: decoding.readVarUint(decoder) };
    default:
      throw new Error(`unknown relay frame ${kind}`);
  }
}
