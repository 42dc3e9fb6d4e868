import * as Y from "yjs";
import type { CommentThreadView } from "~/features/comments/comment-view";
import type { CommentIntent } from "~/features/comments/comment.schema";
import { asBytes, type Db } from "~/utils/db.server";
import type { Workflow } from "~/utils/services.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { afterCommit, isUniqueViolation } from "~/utils/after-commit.server";
import { resolveMentions, type ResolvedMentions } from "./mention.server";
import { notify, type NewNotification } from "~/features/notifications/notification.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { memberColor } from "~/shared/member-color";
import { skipAudit } from "~/features/audit/audit-scope.server";

const EXCERPT_CHARS = 140;

export interface CommentActor {
  id: string;
  name: string;
}

export interface CommentedDocument {
  id: string;
  accountId: string;
  title: string;
}

/** The document's threads, open ones first, each with its comments in order. */
export async function listThreads(db: Db, documentId: string, viewerId: string): Promise<CommentThreadView[]> {
  const threads = await db.commentThread.findMany({
    where: { documentId },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    include: {
      comments: {
        orderBy: { createdAt: "asc" },
        include: { author: { select: { id: true, name: true, department: { select: { color: true } } } } },
      },
      resolvedBy: { select: { name: true } },
    },
  });
  return threads.map((thread) => ({
    id: thread.id,
    status: thread.status as "open" | "resolved",
    quote: thread.quote,
    anchorStart: Buffer.from(thread.anchorStart).toString("base64"),
    anchorEnd: Buffer.from(thread.anchorEnd).toString("base64"),
    createdAt: thread.createdAt.toISOString(),
    resolvedBy: thread.resolvedBy?.name ?? null,
    comments: thread.comments.map((comment) => ({
      id: comment.id,
      body: comment.body,
      createdAt: comment.createdAt.toISOString(),
      edited: comment.editedAt !== null,
      mine: comment.authorId === viewerId,
      author: { name: comment.author.name, color: memberColor(comment.author.department) },
    })),
  }));
}

/**
 * Stores one comment change, then tells who needs to know: the people and
 * departments mentioned, the thread's earlier participants, the account feed
 * and everyone with the document open. Telling is best effort: once the
 * change is stored the answer is success, whatever happens to the pushes.
 *
 * A new thread or reply carrying a `clientId` is created once per author and
 * id: a retried submit (or two at once) answers with what the first created.
 */
export async function applyCommentIntent(
  workflow: Workflow,
  actor: CommentActor,
  document: CommentedDocument,
  intent: CommentIntent,
): Promise<{ threadId: string }> {
  switch (intent.intent) {
    case "comment-start":
      return startThread(workflow, actor, document, intent);
    case "comment-reply":
      return replyToThread(workflow, actor, document, intent);
    case "comment-edit":
      return editComment(workflow, actor, document, intent);
    case "comment-resolve":
    case "comment-reopen":
      return setThreadStatus(workflow, actor, document, intent);
  }
}

type IntentOf<K extends CommentIntent["intent"]> = Extract<CommentIntent, { intent: K }>;

async function startThread(
  workflow: Workflow,
  actor: CommentActor,
  document: CommentedDocument,
  intent: IntentOf<"comment-start">,
): Promise<{ threadId: string }> {
  const { db } = workflow;
  const earlier = await startedThread(db, actor, document, intent.clientId);
  if (earlier) {
    // A retried submit: answered with what the first one made, and logged once.
    skipAudit();
    return earlier;
  }
  let thread;
  try {
    thread = await db.commentThread.create({
      data: {
        accountId: document.accountId,
        documentId: document.id,
        anchorStart: decodeAnchor(intent.anchorStart),
        anchorEnd: decodeAnchor(intent.anchorEnd),
        quote: intent.quote,
        createdById: actor.id,
        clientId: intent.clientId ?? null,
        comments: { create: { authorId: actor.id, body: intent.body } },
      },
      select: { id: true },
    });
  } catch (error) {
    const raced = isUniqueViolation(error) && (await startedThread(db, actor, document, intent.clientId));
    if (raced) return raced;
    throw error;
  }
  await afterCommit("comments: new thread not announced", { threadId: thread.id }, () =>
    announceComment(workflow, actor, document, thread.id, intent.body, []),
  );
  return { threadId: thread.id };
}

/** A reply reopens a resolved thread and tells the people who wrote in it before. */
async function replyToThread(
  workflow: Workflow,
  actor: CommentActor,
  document: CommentedDocument,
  intent: IntentOf<"comment-reply">,
): Promise<{ threadId: string }> {
  const { db } = workflow;
  const thread = await findThread(db, document.id, intent.threadId);
  const sent = await sentReply(db, actor, thread.id, intent.clientId);
  if (sent) return sent;
  const earlier = await db.comment.findMany({
    where: { threadId: thread.id },
    select: { authorId: true },
    distinct: ["authorId"],
  });
  try {
    await db.$transaction([
      db.comment.create({
        data: { threadId: thread.id, authorId: actor.id, body: intent.body, clientId: intent.clientId ?? null },
      }),
      // Answering a resolved thread brings it back: someone still has something to say.
      db.commentThread.update({
        where: { id: thread.id },
        data: { status: "open", resolvedAt: null, resolvedById: null },
      }),
    ]);
  } catch (error) {
    const raced = isUniqueViolation(error) && (await sentReply(db, actor, thread.id, intent.clientId));
    if (raced) return raced;
    throw error;
  }
  await afterCommit("comments: reply not announced", { threadId: thread.id }, () =>
    announceComment(
      workflow,
      actor,
      document,
      thread.id,
      intent.body,
      earlier.map((c) => c.authorId),
    ),
  );
  return { threadId: thread.id };
}

async function editComment(
  workflow: Workflow,
  actor: CommentActor,
  document: CommentedDocument,
  intent: IntentOf<"comment-edit">,
): Promise<{ threadId: string }> {
  const { db } = workflow;
  const comment = await db.comment.findFirst({
    where: { id: intent.commentId, thread: { documentId: document.id } },
    select: { authorId: true, threadId: true, body: true },
  });
  if (!comment) throw new WorkflowError(404, "comments.error.notFound");
  if (comment.authorId !== actor.id) throw new WorkflowError(403, "comments.error.authorOnly");
  await db.comment.update({ where: { id: intent.commentId }, data: { body: intent.body, editedAt: new Date() } });
  await afterCommit("comments: edit not announced", { threadId: comment.threadId }, async () => {
    // A mention added by the edit reaches its people; those reached before are not told twice.
    const before = await resolveMentions(db, document.accountId, comment.body);
    const after = await resolveMentions(db, document.accountId, intent.body);
    const reachedBefore = new Set([...before.people, ...before.throughDepartment]);
    await notify(
      workflow,
      mentionNotifications(notificationBase(actor, document, comment.threadId, intent.body), after).filter(
        (n) => !reachedBefore.has(n.userId),
      ),
    );
    workflow.hub.toDocument(document.id, "comment:changed", {
      documentId: document.id,
      threadId: comment.threadId,
    });
  });
  return { threadId: comment.threadId };
}

async function setThreadStatus(
  workflow: Workflow,
  actor: CommentActor,
  document: CommentedDocument,
  intent: IntentOf<"comment-resolve" | "comment-reopen">,
): Promise<{ threadId: string }> {
  const { db } = workflow;
  const thread = await findThread(db, document.id, intent.threadId);
  const resolve = intent.intent === "comment-resolve";
  await db.commentThread.update({
    where: { id: thread.id },
    data: resolve
      ? { status: "resolved", resolvedAt: new Date(), resolvedById: actor.id }
      : { status: "open", resolvedAt: null, resolvedById: null },
  });
  await afterCommit("comments: status not announced", { threadId: thread.id }, () =>
    workflow.hub.toDocument(document.id, "comment:changed", { documentId: document.id, threadId: thread.id }),
  );
  return { threadId: thread.id };
}

/**
 * The thread this author already started with this client id, for a retried
 * submit. The same id on another document is a client's mistake, not a retry.
 */
async function startedThread(db: Db, actor: CommentActor, document: CommentedDocument, clientId?: string) {
  if (!clientId) return null;
  const thread = await db.commentThread.findUnique({
    where: { createdById_clientId: { createdById: actor.id, clientId } },
    select: { id: true, documentId: true },
  });
  if (!thread) return null;
  if (thread.documentId !== document.id) throw new WorkflowError(409, "error.formReused");
  return { threadId: thread.id };
}

/** The reply this author already sent with this client id, for a retried submit. */
async function sentReply(db: Db, actor: CommentActor, threadId: string, clientId?: string) {
  if (!clientId) return null;
  const comment = await db.comment.findUnique({
    where: { authorId_clientId: { authorId: actor.id, clientId } },
    select: { threadId: true },
  });
  if (!comment) return null;
  if (comment.threadId !== threadId) throw new WorkflowError(409, "error.formReused");
  return { threadId };
}

async function findThread(db: Db, documentId: string, threadId: string) {
  const thread = await db.commentThread.findFirst({
    where: { id: threadId, documentId },
    select: { id: true, status: true, createdById: true },
  });
  if (!thread) throw new WorkflowError(404, "comments.error.threadNotFound");
  return thread;
}

/** Accepts only a canonical encoded relative position: it must decode and re-encode to the same bytes. */
function decodeAnchor(base64: string): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(base64, "base64");
  let canonical = false;
  try {
    canonical = Buffer.from(Y.encodeRelativePosition(Y.decodeRelativePosition(bytes))).equals(bytes);
  } catch {
    // Falls through to the refusal below.
  }
  if (!canonical) throw new WorkflowError(400, "comments.error.anchor");
  return asBytes(bytes);
}

async function announceComment(
  workflow: Workflow,
  actor: CommentActor,
  document: CommentedDocument,
  threadId: string,
  body: string,
  participants: string[],
): Promise<void> {
  const mentioned = await resolveMentions(workflow.db, document.accountId, body);
  const base = notificationBase(actor, document, threadId, body);
  // One notification per person: a mention beats a reply.
  const notifications = new Map<string, NewNotification>();
  for (const userId of participants) notifications.set(userId, { ...base, userId, kind: "reply" });
  for (const mention of mentionNotifications(base, mentioned)) notifications.set(mention.userId, mention);
  await notify(workflow, [...notifications.values()]);
  const excerpt = base.excerpt;

  workflow.hub.toDocument(document.id, "comment:changed", { documentId: document.id, threadId });
  await recordActivity(workflow, {
    accountId: document.accountId,
    actorId: actor.id,
    kind: "comment",
    documentId: document.id,
    subject: document.title,
    detail: excerpt,
  });
  if (mentioned.handles.length > 0) {
    await recordActivity(workflow, {
      accountId: document.accountId,
      actorId: actor.id,
      kind: "mention",
      documentId: document.id,
      subject: document.title,
      detail: mentioned.handles.map((handle) => `@${handle}`).join(", "),
    });
  }
}

function notificationBase(actor: CommentActor, document: CommentedDocument, threadId: string, body: string) {
  return {
    accountId: document.accountId,
    actorId: actor.id,
    title: document.title,
    excerpt: body.length > EXCERPT_CHARS ? `${body.slice(0, EXCERPT_CHARS - 1)}…` : body,
    link: `/accounts/${document.accountId}/docs/${document.id}?thread=${threadId}`,
  };
}

/** A direct mention for people named, a department one for those reached through their department. */
function mentionNotifications(
  base: ReturnType<typeof notificationBase>,
  mentioned: ResolvedMentions,
): NewNotification[] {
  return [
    ...[...mentioned.people].map((userId) => ({ ...base, userId, kind: "mention" as const })),
    ...[...mentioned.throughDepartment].map((userId) => ({ ...base, userId, kind: "department_mention" as const })),
  ];
}
