import { recordDocumentEdits } from "~/features/notifications/activity.server";
import { inBackground } from "~/utils/after-commit.server";
import { announceEditsAfterApproval } from "~/features/approvals/approval-notifications.server";
import type { Db } from "~/utils/db.server";
import type { Workflow } from "~/utils/services.server";
import type { CollabHook, DocumentRef, UpdateEvent } from "../collab/hooks";
import { Prisma } from "@prisma/client";
import { log } from "../lib/logger";
import { nextTurn } from "../lib/next-turn";

/** How often a document's "last edited" time is written while people type. */
const TOUCH_INTERVAL_MS = 60_000;
/** Edit times are gathered this long, then written in one statement. */
const TOUCH_WRITE_DELAY_MS = 1_000;
/** Ids per UPDATE: well under SQLite's and PostgreSQL's limits on bound parameters. */
const IDS_PER_UPDATE = 500;

/**
 * Turns stored document updates into coalesced "edited" feed entries: counts
 * them in memory and writes at most one row change per person and document
 * every `flushMs`, off the update path. An edit to an approved document also
 * tells its pages that the status is now "changed since approved".
 */
export class EditActivity implements CollabHook {
  readonly name = "edit-activity";
  private pending = new Map<string, { documentId: string; actorId: string; edits: number }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly workflow: Workflow,
    private readonly flushMs: number,
  ) {}

  afterStore({ document, userId }: UpdateEvent): void {
    this.record(document.id, userId);
  }

  private record(documentId: string, actorId: string): void {
    const key = `${documentId}\u0000${actorId}`;
    const entry = this.pending.get(key);
    if (entry) entry.edits++;
    else this.pending.set(key, { documentId, actorId, edits: 1 });
    this.timer ??= setTimeout(
      () => inBackground("activity: flush failed", {}, () => this.flush()),
      this.flushMs,
    ).unref();
  }

  /** Writes everything counted so far. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.flushing = this.flushing.then(async () => {
      for (const edit of batch) {
        await nextTurn();
        try {
          await recordDocumentEdits(this.workflow, edit);
        } catch (error) {
          // The feed is a courtesy: losing an entry must never touch the document.
          log.warn("activity: edit entry not recorded", { documentId: edit.documentId, error: String(error) });
        }
      }
      try {
        await announceEditsAfterApproval(this.workflow, [...new Set(batch.map((edit) => edit.documentId))]);
      } catch (error) {
        log.warn("activity: approval status not announced", { error: String(error) });
      }
    });
    return this.flushing;
  }
}

/**
 * Keeps Document.updatedAt roughly current (lists sort by it) without a write
 * per keystroke: at most once a minute per document, and the documents due in
 * the same second share one UPDATE. One write per document when 500 documents
 * start being edited at once held every keystroke's commit behind them.
 */
export class EditTimes implements CollabHook {
  readonly name = "edit-times";
  /** When each loaded document's updatedAt was last written (absent: not since it loaded). */
  private readonly touchedAt = new Map<string, number>();
  /** Documents whose time is due, with the edit that made it due. */
  private readonly due = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  afterStore({ document }: UpdateEvent): void {
    const now = Date.now();
    if (now - (this.touchedAt.get(document.id) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(document.id, now);
    this.due.set(document.id, now);
    this.timer ??= setTimeout(() => void this.flush(), TOUCH_WRITE_DELAY_MS).unref();
  }

  onUnload({ id }: DocumentRef): void {
    this.touchedAt.delete(id);
  }

  /** Writes every time that is due. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const due = [...this.due.entries()];
    this.due.clear();
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < due.length; i += IDS_PER_UPDATE) {
        await this.write(due.slice(i, i + IDS_PER_UPDATE));
      }
    });
    return this.writing;
  }

  private async write(due: Array<[string, number]>): Promise<void> {
    // One time for all of them, the latest: a second's difference does not change how lists sort.
    const at = new Date(Math.max(...due.map(([, time]) => time)));
    const ids = due.map(([id]) => id);
    try {
      await this.db.$executeRaw`UPDATE "Document" SET "updatedAt" = ${at} WHERE "id" IN (${Prisma.join(ids)})`;
    } catch (error) {
      // Not written: try again with the next edit rather than a minute later.
      for (const [id, time] of due) if (this.touchedAt.get(id) === time) this.touchedAt.delete(id);
      log.warn("collab: could not record edit times", { documents: ids.length, error: String(error) });
    }
  }
}
