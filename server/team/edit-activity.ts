import { recordDocumentEdits } from "~/features/notifications/activity.server";
import { inBackground } from "~/utils/after-commit.server";
import { announceEditsAfterApproval } from "~/features/approvals/approval-notifications.server";
import type { Db } from "~/utils/db.server";
import type { Workflow } from "~/utils/services.server";
import type { CollabHook, DocumentRef, UpdateEvent } from "../collab/hooks";
import { log } from "../lib/logger";

/** How often a document's "last edited" time is written while people type. */
const TOUCH_INTERVAL_MS = 60_000;

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

/** Keeps Document.updatedAt roughly current (lists sort by it) without a write per keystroke. */
export class EditTimes implements CollabHook {
  readonly name = "edit-times";
  /** When each loaded document's updatedAt was last written (absent: not since it loaded). */
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly db: Db) {}

  afterStore({ document }: UpdateEvent): void {
    const now = Date.now();
    if (now - (this.touchedAt.get(document.id) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(document.id, now);
    this.db.document
      .update({ where: { id: document.id }, data: { updatedAt: new Date(now) } })
      .catch((error: unknown) => {
        // Not written: try again with the next edit rather than a minute later.
        if (this.touchedAt.get(document.id) === now) this.touchedAt.delete(document.id);
        log.warn("collab: could not record the edit time", { documentId: document.id, error: String(error) });
      });
  }

  onUnload({ id }: DocumentRef): void {
    this.touchedAt.delete(id);
  }
}
