import { log } from "../lib/logger";

/** A loaded document, as hooks see it. */
export interface DocumentRef {
  readonly id: string;
  readonly accountId: string;
}

/** What an `afterStore` hook may read of a document and ask of it. */
export interface StoredDocument extends DocumentRef {
  /** Log rows not folded into the snapshot yet. */
  readonly logRows: number;
  /** Folds the log into the snapshot, in the writer queue; a no-op while one runs or shortly after one failed. */
  compact(): void;
}

/** An update on its way through the write-ahead path. */
export interface UpdateEvent {
  readonly document: StoredDocument;
  /** Whose change it is: the connection's user, or the person a server-made change is for. */
  readonly userId: string;
  /** The update as stored: only what the document did not have. */
  readonly update: Uint8Array;
}

export interface ConnectionEvent {
  readonly documentId: string;
  readonly userId: string;
}

export interface DisconnectEvent extends ConnectionEvent {
  /** The close code the socket reported, or the server's own when it turned the connection away. */
  readonly code: number;
}

/**
 * A plug-in on the collaboration server. The write-ahead path itself is fixed
 * (validate → append → group commit → apply → broadcast → ack) and takes no
 * hooks; hooks hear about it and act beside it (metrics, the activity feed,
 * edit times, compaction, later search indexing or cross-process fan-out).
 *
 * Every hook of a kind runs in registration order, synchronously, at the
 * moment described. A hook that throws, or whose returned promise rejects, is
 * logged with its name and skipped: the update, the other hooks and the
 * connection go on. A returned promise is never awaited, so slow work never
 * holds up a write, an acknowledgement or an unload.
 */
export interface CollabHook {
  /** Names the hook in the log when it fails. */
  readonly name: string;
  /** A document was read from storage and is live; its first connection is about to be served. */
  onLoad?(document: DocumentRef): void | Promise<void>;
  /** A document message had to wait for its connection's or user's rate budget (slowed, not refused). */
  onThrottle?(event: ConnectionEvent): void | Promise<void>;
  /** An update passed validation and was queued for the log (before its commit). */
  afterAdmit?(event: UpdateEvent): void | Promise<void>;
  /** A batch of updates was committed to the log, before any of them is applied. */
  afterCommit?(batch: { size: number; seconds: number }): void | Promise<void>;
  /** A non-empty update was committed and applied, its broadcast and its sender's acknowledgement are queued. */
  afterStore?(event: UpdateEvent): void | Promise<void>;
  /** A connection closed, or was turned away while its document loaded. */
  onDisconnect?(event: DisconnectEvent): void | Promise<void>;
  /** A document left memory: unloaded when idle or at shutdown (after its last compaction), or dropped after a storage failure. */
  onUnload?(document: DocumentRef): void | Promise<void>;
}

type HookKind = Exclude<keyof CollabHook, "name">;
type EventOf<K extends HookKind> = Parameters<NonNullable<CollabHook[K]>>[0];

/** The registered hooks, run in order with each failure isolated. */
export class CollabHooks {
  constructor(private readonly hooks: readonly CollabHook[]) {}

  run<K extends HookKind>(kind: K, event: EventOf<K>): void {
    for (const hook of this.hooks) {
      const handler = hook[kind] as ((event: EventOf<K>) => void | Promise<void>) | undefined;
      if (!handler) continue;
      try {
        const result = handler.call(hook, event);
        if (result instanceof Promise) result.catch((error: unknown) => failed(hook, kind, error));
      } catch (error) {
        failed(hook, kind, error);
      }
    }
  }
}

function failed(hook: CollabHook, kind: HookKind, error: unknown): void {
  log.error("collab: a hook failed; the document goes on", { hook: hook.name, kind, error: String(error) });
}
