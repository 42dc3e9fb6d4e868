import { recordDocumentEdits } from "~/features/notifications/activity.server";
import { inBackground } from "~/utils/after-commit.server";
import { announceEditsAfterApproval } from "~/features/approvals/approval-notifications.server";
import type { Workflow } from "~/utils/services.server";
import { log } from "../lib/logger";

/**
 * Turns stored document updates into coalesced "edited" feed entries: counts
 * them in memory and writes at most one row change per person and document
 * every `flushMs`, off the update path. An edit to an approved document also
 * tells its pages that the status is now "changed since approved".
 */
export class EditActivity {
  private pending = new Map<string, { documentId: string; actorId: string; edits: number }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly workflow: Workflow,
    private readonly flushMs: number,
  ) {}

  record(documentId: string, actorId: string): void {
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
