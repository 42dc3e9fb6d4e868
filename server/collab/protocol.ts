import * as encoding from "lib0/encoding";
import { MessageType } from "./wire/message-types";

/** y-protocols sync sub-types. */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

/** y-protocols auth sub-type the provider understands. */
const AUTH_PERMISSION_DENIED = 0;

export function syncMessage(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The official provider logs this reason ("permission denied") and keeps the connection. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/**
 * Cumulative count of this connection's update messages stored so far, and
 * whether its handshake (SyncStep2, which carries offline edits) is stored.
 */
export function ackMessage(updatesStored: number, handshakeStored: boolean): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Ack);
  encoding.writeVarUint(encoder, updatesStored);
  encoding.writeVarUint(encoder, handshakeStored ? 1 : 0);
  return encoding.toUint8Array(encoder);
}

/** An update with no structs and no deletions: `[0, 0]`. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
