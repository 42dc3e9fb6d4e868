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

/** The one awareness client id a connection speaks for (the provider's doc.clientID). */
export interface AwarenessOwner {
  clientId: number | null;
  /** Added to the client's clocks so a reconnecting client outranks its own removal. */
  clockOffset: number;
}

export interface AwarenessView {
  /** True when another live connection speaks for this id, or it is present now. */
  isTaken(clientId: number): boolean;
  /** The server's last clock for this id, if it has seen it. */
  clockOf(clientId: number): number | undefined;
}

/**
 * Rewrites a client's awareness update so it cannot speak for anyone else.
 * Awareness is client-asserted in y-protocols, and the official provider
 * relays every state it hears back to the server. So each connection owns one
 * client id (the first free one it sends), entries for other ids are dropped
 * silently, and the owned state's `user` field is replaced with the session's
 * identity. Returns the update to apply, or null when nothing is left.
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  identity: AwarenessIdentity,
  owner: AwarenessOwner,
  view: AwarenessView,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  let kept: { clientId: number; clock: number; state: unknown } | null = null;
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) {
        throw new InvalidUpdateError("awareness state must be an object or null");
      }
      if (owner.clientId === null && state !== null && !view.isTaken(clientId)) {
        owner.clientId = clientId;
        const known = view.clockOf(clientId);
        owner.clockOffset = known !== undefined && known >= clock ? known + 1 - clock : 0;
      }
      if (clientId === owner.clientId) kept = { clientId, clock, state };
    }
  } catch (error) {
    if (error instanceof InvalidUpdateError) throw error;
    throw new InvalidUpdateError(error instanceof Error ? error.message : String(error));
  }
  if (decoder.pos !== update.length) throw new InvalidUpdateError("trailing bytes in awareness update");
  if (!kept) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, kept.clientId);
  encoding.writeVarUint(encoder, kept.clock + owner.clockOffset);
  encoding.writeVarString(encoder, JSON.stringify(kept.state === null ? null : { ...kept.state, user: identity }));
  return encoding.toUint8Array(encoder);
}
