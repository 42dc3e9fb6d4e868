import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { InvalidUpdateError } from "./update-validator";

/** Who a connection is, as the server knows it from the session. */
export interface AwarenessIdentity {
  userId: string;
  name: string;
  department: string;
  color: string;
}

export const MAX_CLIENT_IDS_PER_CONNECTION = 8;

/**
 * Rewrites a client's awareness update so it cannot speak for anyone else.
 * Awareness is client-asserted in y-protocols: here every state's `user` field
 * is replaced with the session's identity, and each client id is bound to the
 * first connection that uses it. Throws InvalidUpdateError on a bad payload or
 * on a client id owned by another connection.
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  identity: AwarenessIdentity,
  ownedIds: Set<number>,
  isOwnedElsewhere: (clientId: number) => boolean,
): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  try {
    const count = decoding.readVarUint(decoder);
    encoding.writeVarUint(encoder, count);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (!ownedIds.has(clientId)) {
        if (isOwnedElsewhere(clientId)) throw new InvalidUpdateError(`client id ${clientId} belongs to another connection`);
        if (ownedIds.size >= MAX_CLIENT_IDS_PER_CONNECTION) throw new InvalidUpdateError("too many client ids");
        ownedIds.add(clientId);
      }
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) {
        throw new InvalidUpdateError("awareness state must be an object or null");
      }
      const stamped = state === null ? null : { ...state, user: identity };
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(stamped));
    }
  } catch (error) {
    if (error instanceof InvalidUpdateError) throw error;
    throw new InvalidUpdateError(error instanceof Error ? error.message : String(error));
  }
  if (decoder.pos !== update.length) throw new InvalidUpdateError("trailing bytes in awareness update");
  return encoding.toUint8Array(encoder);
}
