import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CloseCode } from "../../../../server/collab/wire/close-codes";
import { MessageType } from "../../../../server/collab/wire/message-types";
import { DEFAULT_BACKOFF, ReconnectBackoff } from "./reconnect";

export interface StoredProgress {
  updatesStored: number;
  handshakeStored: boolean;
}

/** Where the connection to the collab server stands, as Keyroom's client decided it. */
export type ConnectionState =
  | { kind: "connecting" }
  | { kind: "connected" }
  /** The server closed with a retryable code; the next attempt is at `retryAt` (epoch ms). */
  | { kind: "waiting"; code: number; retryAt: number }
  /** The browser says it is offline; the next attempt is when it says online. */
  | { kind: "offline" }
  /** The server closed with a final code: no more attempts in this page. */
  | { kind: "closed"; code: number };

export interface CollabSession {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** Called with the server's cumulative ack; see use-sync-status. */
  onStored(listener: (progress: StoredProgress) => void): () => void;
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Skips the wait before the next attempt (the "Retry now" button). */
  retryNow(): void;
  /** Stops syncing and deletes this device's copy, with the edits the server refused. */
  discardLocal(): Promise<void>;
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
  const localName = `${LOCAL_PREFIX}${userId}:${documentId}`;
  const local = new IndexeddbPersistence(localName, ydoc);
  const provider = openProvider(documentId, ydoc);
  const onStored = listenForAcks(provider);
  const connection = new Connection(provider);
  return {
    ydoc,
    provider,
    onStored,
    connection: connection.current,
    onConnection: connection.onChange,
    retryNow: connection.retryNow,
    async discardLocal() {
      connection.halt();
      await local.destroy();
      await deleteDatabase(localName);
    },
    destroy() {
      connection.dispose();
      provider.destroy();
      void local.destroy();
      ydoc.destroy();
    },
  };
}

function openProvider(documentId: string, ydoc: Y.Doc): WebsocketProvider {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return new WebsocketProvider(`${scheme}://${window.location.host}/collab`, documentId, ydoc, {
    params: { acks: "1" },
    // Every edit goes through the server, which stores it before anyone sees it.
    disableBc: true,
    // The provider would stop for good on every 4400–4499 close (4429 included) and retry
    // everything else on its own schedule: every server close is decided below instead.
    shouldReconnect: () => false,
  });
}

/** Tells listeners the server's cumulative ack, each time one arrives. */
function listenForAcks(provider: WebsocketProvider): CollabSession["onStored"] {
  const listeners = new Set<(progress: StoredProgress) => void>();
  provider.messageHandlers[MessageType.Ack] = (_encoder, decoder) => {
    const progress = {
      updatesStored: decoding.readVarUint(decoder),
      handshakeStored: decoding.readVarUint(decoder) === 1,
    };
    for (const listener of listeners) listener(progress);
  };
  return (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
}

/**
 * Keyroom's side of reconnecting: every close is decided here (retry after a
 * backoff, wait for the network, or stop for good), and the browser's own
 * online and offline signals are followed.
 */
class Connection {
  private readonly backoff = new ReconnectBackoff({ ...DEFAULT_BACKOFF, random: Math.random });
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private state: ConnectionState = { kind: "connecting" };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  // Whether the current attempt's socket opened: a refused upgrade never does.
  private opened = false;

  constructor(private readonly provider: WebsocketProvider) {
    provider.on("status", ({ status }) => {
      if (status !== "connected") return;
      this.opened = true;
      this.setState({ kind: "connected" });
    });
    provider.on("sync", (synced) => {
      if (synced) this.backoff.synced(Date.now());
    });
    provider.on("closed", ({ code }) => this.closed(code));
    window.addEventListener("offline", this.goOffline);
    window.addEventListener("online", this.goOnline);
  }

  readonly current = (): ConnectionState => this.state;

  readonly onChange = (listener: (state: ConnectionState) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly retryNow = () => {
    if (this.state.kind === "waiting") this.connectNow();
  };

  /** Stops trying, and closes the socket. */
  halt(): void {
    clearTimeout(this.retryTimer);
    this.provider.disconnect();
  }

  /** Stops trying and telling; the caller destroys the provider. */
  dispose(): void {
    clearTimeout(this.retryTimer);
    this.listeners.clear();
    window.removeEventListener("offline", this.goOffline);
    window.removeEventListener("online", this.goOnline);
  }

  private setState(next: ConnectionState): void {
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  private readonly connectNow = () => {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.opened = false;
    this.setState({ kind: "connecting" });
    // The handshake (SyncStep2) carries every edit the server has not stored yet.
    this.provider.connect();
  };

  private closed(code: number): void {
    if (this.state.kind === "closed" || this.state.kind === "offline") return;
    const decision = this.backoff.closed(code, Date.now());
    if (decision.kind === "final") return this.setState({ kind: "closed", code });
    if (!navigator.onLine) return this.setState({ kind: "offline" });
    this.setState({ kind: "waiting", code, retryAt: Date.now() + decision.delayMs });
    this.retryTimer = setTimeout(this.connectNow, decision.delayMs);
    if (code === CloseCode.Abnormal && !this.opened) {
      void refusalNow().then((final) => {
        if (final === null || this.state.kind !== "waiting") return;
        clearTimeout(this.retryTimer);
        this.provider.disconnect();
        this.setState({ kind: "closed", code: final });
      });
    }
  }

  // A socket can look open long after the network is gone; trust the browser's
  // own signal, and reconnect when it returns. A final close stays final.
  private readonly goOffline = () => {
    if (this.state.kind === "closed") return;
    clearTimeout(this.retryTimer);
    this.provider.disconnect();
    this.setState({ kind: "offline" });
  };

  private readonly goOnline = () => {
    if (this.state.kind === "offline") this.connectNow();
  };
}

/**
 * A browser reports a refused upgrade (HTTP 401, 403 or 404 before the socket
 * opens: signed out, removed or deleted while disconnected) as a bare 1006,
 * like a lost network. Asks the page itself what the server says now, so a
 * final refusal is told as one instead of retried forever. Null: retry.
 */
async function refusalNow(): Promise<number | null> {
  try {
    const response = await fetch(window.location.href, { cache: "no-store", headers: { Accept: "text/html" } });
    void response.body?.cancel();
    if (response.status === 401 || (response.redirected && new URL(response.url).pathname === "/login")) {
      return CloseCode.Unauthorized;
    }
    if (response.status === 403) return CloseCode.Forbidden;
    if (response.status === 404) return CloseCode.NotFound;
    return null;
  } catch {
    return null; // the network is down: keep trying
  }
}

/**
 * Forgets every document kept on this device: customer data does not stay
 * in the browser after its user signs out.
 */
export async function forgetLocalDocuments(): Promise<void> {
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.filter((db) => db.name?.startsWith(LOCAL_PREFIX)).map((db) => deleteDatabase(db.name ?? "")),
  );
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
