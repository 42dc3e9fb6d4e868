import { cutPage, newestFirst, olderThan, parseOlderCursor } from "~/utils/newest-first.server";
import type { Prisma } from "@prisma/client";
import type { ActivityKind, ActivityPayload } from "~/shared/hub";
import type { Db } from "~/utils/db.server";
import type { Workflow } from "~/utils/services.server";
import { afterCommit } from "~/utils/after-commit.server";

/** Edits by one person on one document within this window are one feed entry. */
export const EDIT_COALESCE_MS = 30 * 60 * 1000;
const FEED_LIMIT = 40;

export interface NewActivity {
  accountId: string;
  actorId: string | null;
  kind: ActivityKind;
  documentId?: string | null;
  subject: string;
  detail?: string;
}

const include = { actor: { select: { name: true } } } as const;
type Row = Prisma.ActivityGetPayload<{ include: typeof include }>;

function toPayload(row: Row): ActivityPayload {
  return {
    id: row.id,
    accountId: row.accountId,
    kind: row.kind as ActivityKind,
    actorName: row.actor?.name ?? null,
    documentId: row.documentId,
    subject: row.subject,
    detail: row.detail,
    count: row.count,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Stores one feed entry and pushes it to the account room. Callers record
 * a change they stored already, so this never throws: the feed is a
 * courtesy, and a lost entry is logged rather than failing the change.
 */
export async function recordActivity(workflow: Workflow, entry: NewActivity): Promise<void> {
  await afterCommit("activity: entry not recorded", { accountId: entry.accountId, kind: entry.kind }, async () => {
    const row = await workflow.db.activity.create({
      data: { ...entry, documentId: entry.documentId ?? null, detail: entry.detail ?? "" },
      include,
    });
    workflow.hub.toAccount(entry.accountId, "activity", toPayload(row));
  });
}

/**
 * Adds `edits` stored updates by one person to the document's feed: into the
 * entry of their current editing session when there is one, else a new entry.
 */
export async function recordDocumentEdits(
  workflow: Workflow,
  edit: { documentId: string; actorId: string; edits: number },
): Promise<void> {
  const { db } = workflow;
  const document = await db.document.findUnique({
    where: { id: edit.documentId },
    select: { accountId: true, title: true },
  });
  if (!document) return;
  const now = new Date();
  const current = await db.activity.findFirst({
    where: {
      documentId: edit.documentId,
      actorId: edit.actorId,
      kind: "doc_edited",
      updatedAt: { gt: new Date(now.getTime() - EDIT_COALESCE_MS) },
    },
    orderBy: { updatedAt: "desc" },
    select: { id: true },
  });
  const row = current
    ? await db.activity.update({
        where: { id: current.id },
        data: { count: { increment: edit.edits }, updatedAt: now, subject: document.title },
        include,
      })
    : await db.activity.create({
        data: {
          accountId: document.accountId,
          actorId: edit.actorId,
          kind: "doc_edited",
          documentId: edit.documentId,
          subject: document.title,
          count: edit.edits,
        },
        include,
      });
  workflow.hub.toAccount(document.accountId, "activity", toPayload(row));
}

/** A page of the account's feed, latest activity first, and where the next (older) page starts. */
export interface ActivityPage {
  entries: ActivityPayload[];
  /** Pass as `before` for the entries after these; null at the feed's start. */
  older: string | null;
}

/** The account's feed, latest activity first, a page at a time (`before`: a page's `older`). */
export async function listActivity(db: Db, accountId: string, before?: string | null): Promise<ActivityPage> {
  const rows = await db.activity.findMany({
    where: { accountId, ...olderThan("updatedAt", parseOlderCursor(before)) },
    include,
    orderBy: newestFirst("updatedAt"),
    take: FEED_LIMIT + 1,
  });
  const page = cutPage(rows, FEED_LIMIT, (row) => row.updatedAt);
  return { entries: page.rows.map(toPayload), older: page.older };
}
