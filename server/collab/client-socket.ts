import type { RawData } from "ws";

/**
 * What the collaboration server needs of a client's connection. A `ws`
 * WebSocket is one; a client another process relays here is another: one
 * channel of that process's single connection for the document
 * (server/cluster/relayed-channels.ts).
 */
export interface ClientSocket {
  readonly readyState: number;
  /** Bytes queued to send and not yet handed to the network. */
  readonly bufferedAmount: number;
  send(message: Uint8Array, done?: (error?: Error) => void): void;
  close(code: number, reason: string): void;
  /** Stops reading what the client sends (its own buffers hold the rest) until `resume`. */
  pause(): void;
  resume(): void;
  on(event: "message", listener: (data: RawData) => void): unknown;
  on(event: "close", listener: (code: number) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  once(event: "close", listener: () => void): unknown;
  off(event: "message", listener: (data: RawData) => void): unknown;
  off(event: "close", listener: () => void): unknown;
}

/** `readyState` of an open socket (the WebSocket standard's value). */
export const SOCKET_OPEN = 1;

export function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
