import { useEffect, useState } from "react";
import type { CollabSession } from "./provider.client";

export type SyncStatus =
  | { state: "connecting" }
  | { state: "saved" }
  | { state: "saving" }
  | { state: "offline" }
  /** Waiting to reconnect after a retryable close; the next attempt is at `retryAt` (epoch ms). */
  | { state: "reconnecting"; code: number; retryAt: number }
  /** A final close: nothing more is sent from this page. `unsent`: edits the server never stored. */
  | { state: "closed"; code: number; unsent: boolean };

/**
 * Saved / saving / reconnecting / offline / closed, from the connection, the
 * provider's events and the server's acks. Each local edit made while
 * connected is one update message; the server acks the running count of those
 * it has stored, plus the handshake that carries edits made offline. "Saved"
 * means the server has all of them.
 *
 * A read-only reader (a viewer) has no edits for the server to store, which would refuse
 * them: local changes to its copy (the one kept on the device, replayed on a second visit)
 * are not counted, or the page would say "saving" for good.
 */
export function useSyncStatus(session: CollabSession | null, { readOnly = false } = {}): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>({ state: "connecting" });
  useEffect(() => {
    if (!session) return;
    const { provider, ydoc } = session;
    let sent = 0;
    let stored = 0;
    let offlineEdits = false;
    let handshakeStored = false;
    const refresh = () => {
      const connection = session.connection();
      const unsent = sent > stored || offlineEdits;
      if (connection.kind === "closed") return setStatus({ state: "closed", code: connection.code, unsent });
      if (connection.kind === "offline") return setStatus({ state: "offline" });
      if (connection.kind === "waiting") {
        return setStatus({ state: "reconnecting", code: connection.code, retryAt: connection.retryAt });
      }
      if (!provider.wsconnected || !provider.synced) return setStatus({ state: "connecting" });
      const pending = sent > stored || (offlineEdits && !handshakeStored);
      setStatus({ state: pending ? "saving" : "saved" });
    };
    const onStatus = ({ status: s }: { status: string }) => {
      if (s === "connected") {
        sent = 0;
        stored = 0;
        handshakeStored = false;
      } else if (s === "disconnected" && sent > stored) {
        // Edits sent on the lost connection but never acked are stored only if the next
        // handshake carries them: wait for its ack before saying "saved".
        offlineEdits = true;
      }
      refresh();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || readOnly) return;
      if (provider.wsconnected) sent++;
      else offlineEdits = true;
      refresh();
    };
    const offStored = session.onStored((progress) => {
      stored = progress.updatesStored;
      if (progress.handshakeStored) {
        handshakeStored = true;
        offlineEdits = false;
      }
      refresh();
    });
    const offConnection = session.onConnection(refresh);
    provider.on("status", onStatus);
    provider.on("sync", refresh);
    ydoc.on("update", onUpdate);
    refresh();
    return () => {
      provider.off("status", onStatus);
      provider.off("sync", refresh);
      ydoc.off("update", onUpdate);
      offStored();
      offConnection();
    };
  }, [session, readOnly]);
  return status;
}
