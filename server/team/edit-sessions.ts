import { appendAudit } from "~/features/audit/audit-log.server";
import type { Db } from "~/utils/db.server";
import type { CollabHook, DisconnectEvent, DocumentRef, UpdateEvent } from "../collab/hooks";
import { log } from "../lib/logger";

/** A person's run of edits on a document ends after this long without one. */
const SESSION_IDLE_MS = 5 * 60 * 1000;

interface Session {
  documentId: string;
  accountId: string;
  userId: string;
  startedAt: Date;
  lastAt: number;
  updates: number;
}

/**
 * Puts document edits in the audit log one entry per session of editing, not
 * per keystroke: a person's stored updates on a document are counted until
 * they stop for five minutes, leave it, or it unloads, and then logged as one
 * `document.edit` with when it began and how many updates it held.
 */
export class EditSessions implements CollabHook {
  readonly name = "edit-sessions";
  private readonly open = new Map<string, Session>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly idleMs = SESSION_IDLE_MS,
  ) {}

  afterStore({ document, userId }: UpdateEvent): void {
    const key = `${document.id}\u0000${userId}`;
    const session = this.open.get(key);
    if (session) {
      session.updates++;
      session.lastAt = Date.now();
      return;
    }
    const now = new Date();
    this.open.set(key, {
      documentId: document.id,
      accountId: document.accountId,
      userId,
      startedAt: now,
      lastAt: now.getTime(),
      updates: 1,
    });
    this.timer ??= setInterval(() => this.closeIdle(), Math.min(this.idleMs, 60_000)).unref();
  }

  onDisconnect({ documentId, userId }: DisconnectEvent): void {
    this.close((session) => session.documentId === documentId && session.userId === userId);
  }

  onUnload(document: DocumentRef): void {
    this.close((session) => session.documentId === document.id);
  }

  /** Logs every open session (shutdown). */
  flush(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.close(() => true);
    return this.writing;
  }

  private closeIdle(): void {
    const before = Date.now() - this.idleMs;
    this.close((session) => session.lastAt <= before);
  }

  private close(which: (session: Session) => boolean): void {
    const ended: Session[] = [];
    for (const [key, session] of this.open) {
      if (!which(session)) continue;
      this.open.delete(key);
      ended.push(session);
    }
    if (ended.length === 0) return;
    this.writing = this.writing.then(async () => {
      for (const session of ended) {
        await appendAudit(this.db, {
          channel: "collab",
          action: "document.edit",
          actor: { id: session.userId },
          accountId: session.accountId,
          objectType: "document",
          objectId: session.documentId,
          at: new Date(session.lastAt),
          detail: { updates: session.updates, startedAt: session.startedAt.toISOString() },
        }).catch((error: unknown) => {
          log.error("audit: edit session not logged", { documentId: session.documentId, error: String(error) });
        });
      }
    });
  }
}
