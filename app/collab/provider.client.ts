import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** Keyroom's "your updates are stored" message (server/collab/protocol.ts). */
const MESSAGE_ACK = 100;

export interface StoredProgress {
  updatesStored: number;
  handshakeStored: boolean;
}

export interface CollabSession {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** Called with the server's cumulative ack; see use-sync-status. */
  onStored(listener: (progress: StoredProgress) => void): () => void;
  destroy(): void;
}

/** IndexedDB databases holding documents kept on this device start with this. */
const LOCAL_PREFIX = "keyroom-doc:";

/**
 * Opens a document over the official y-websocket provider. The browser sends
 * its session cookie with the upgrade; nothing secret goes in the URL. A copy
 * is kept in IndexedDB (per user and document), so edits made offline survive
 * a reload and merge when the connection returns.
 */
export function openCollabSession(documentId: string, userId: string): CollabSession {
  const ydoc = new Y.Doc();
  const local = new IndexeddbPersistence(`${LOCAL_PREFIX}${userId}:${documentId}`, ydoc);
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, documentId, ydoc, {
    params: { acks: "1" },
    // Every edit goes through the server, which stores it before anyone sees it.
    disableBc: true,
    maxBackoffTime: 10_000,
  });
  const listeners = new Set<(progress: StoredProgress) => void>();
  provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder) => {
    const progress = {
      updatesStored: decoding.readVarUint(decoder),
      handshakeStored: decoding.readVarUint(decoder) === 1,
    };
    for (const listener of listeners) listener(progress);
  };
  // A socket can look open long after the network is gone; trust the browser's
  // own signal, and reconnect (handshake carries the offline edits) when it returns.
  const goOffline = () => provider.disconnect();
  const goOnline = () => provider.connect();
  window.addEventListener("offline", goOffline);
  window.addEventListener("online", goOnline);
  return {
    ydoc,
    provider,
    onStored(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.destroy();
      void local.destroy();
      ydoc.destroy();
    },
  };
}

/**
 * Forgets every document kept on this device: customer data does not stay
 * in the browser after its user signs out.
 */
export async function forgetLocalDocuments(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .filter((db) => db.name?.startsWith(LOCAL_PREFIX))
      .map(
        (db) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(db.name ?? "");
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}
