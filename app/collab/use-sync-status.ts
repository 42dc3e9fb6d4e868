import { useEffect, useState } from "react";
import type { CollabSession } from "./provider.client";

export type SyncStatus =
  | { state: "connecting" }
  | { state: "saved" }
  | { state: "saving" }
  | { state: "offline" }
  | { state: "closed"; code: number };

/**
 * Connected / saving / offline, from the provider's events and the server's
 * acks. Each local edit made while connected is one update message; the
 * server acks the running count of those it has stored, plus the handshake
 * that carries edits made offline. "Saved" means the server has all of them.
 */
export function useSyncStatus(session: CollabSession | null): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>({ state: "connecting" });
  useEffect(() => {
    if (!session) return;
    const { provider, ydoc } = session;
    let sent = 0;
    let stored = 0;
    let offlineEdits = false;
    let handshakeStored = false;
    let closed: number | null = null;
    const refresh = () => {
      if (closed !== null) return setStatus({ state: "closed", code: closed });
      if (!provider.wsconnected) return setStatus({ state: provider.wsconnecting ? "connecting" : "offline" });
      if (!provider.synced) return setStatus({ state: "connecting" });
      const pending = sent > stored || (offlineEdits && !handshakeStored);
      setStatus({ state: pending ? "saving" : "saved" });
    };
    const onStatus = ({ status: s }: { status: string }) => {
      if (s === "connected") {
        sent = 0;
        stored = 0;
        handshakeStored = false;
      }
      refresh();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
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
    const onClosed = (event: { code: number }) => {
      closed = event.code;
      refresh();
    };
    provider.on("status", onStatus);
    provider.on("sync", refresh);
    provider.on("closed", onClosed);
    ydoc.on("update", onUpdate);
    refresh();
    return () => {
      provider.off("status", onStatus);
      provider.off("sync", refresh);
      provider.off("closed", onClosed);
      ydoc.off("update", onUpdate);
      offStored();
    };
  }, [session]);
  return status;
}
