import type { NewActionItem } from "~/features/action-items/action-item.schema";
import { minutesContent, type ReviewStatePayload } from "~/features/reviews/review";
import type { Db } from "~/utils/db.server";
import { accountAccess } from "~/features/auth/permissions.server";
import type { Services, Workflow } from "~/utils/services.server";
import { createActionItem, type ActionOutcome } from "~/features/action-items/action-item.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { afterCommit, isUniqueViolation } from "~/utils/after-commit.server";
import { createDocument } from "~/features/documents/document.server";
import { findReview, requireReviewLead, toReviewState } from "./review.server";
import { freezeSummary } from "./review-summary.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { emitSummaryFrozen } from "~/features/webhooks/events.server";
import { skipAudit } from "~/features/audit/audit-scope.server";

interface Actor {
  id: string;
  workspaceRole: string;
}

type ReviewServices = Pick<Services, "db" | "hub" | "documents" | "publicUrl">;

async function loadState(db: Db, reviewId: string): Promise<ReviewStatePayload> {
  const row = await db.review.findUniqueOrThrow({
    where: { id: reviewId },
    select: {
      id: true,
      status: true,
      currentItemId: true,
      itemStartedAt: true,
      agenda: { select: { id: true, spentSeconds: true } },
    },
  });
  return toReviewState(row);
}

/** The review's current state to its room, and "reload" to its page and the account's. */
async function announce(workflow: Workflow, accountId: string, reviewId: string): Promise<ReviewStatePayload> {
  const state = await loadState(workflow.db, reviewId);
  workflow.hub.toReview(reviewId, "review:state", state);
  workflow.hub.toMany({ accountIds: [accountId], reviewIds: [reviewId] }, "review:changed", { accountId, reviewId });
  return state;
}

/**
 * Starts a scheduled review: its minutes document is created with a heading
 * per agenda item (titled in the starter's language) and the lead is on the
 * first item.
 */
export async function startReview(services: ReviewServices, actor: Actor, reviewId: string, minutesTitle: string) {
  const { db } = services;
  const review = await findReview(db, reviewId);
  await requireReviewLead(db, actor, review.accountId);
  if (review.status !== "scheduled") throw new WorkflowError(409, "reviews.error.notScheduled");
  const agenda = await db.reviewAgendaItem.findMany({ where: { reviewId }, orderBy: { position: "asc" } });
  const now = new Date();
  const minutes = await createDocument(db, {
    accountId: review.accountId,
    kind: "review_minutes",
    title: minutesTitle,
    content: minutesContent(
      minutesTitle,
      agenda.map((item) => item.title),
    ),
    createdById: actor.id,
  });
  // Only one start wins; a second one (another tab) leaves its document unused and is refused.
  const { count } = await db.review.updateMany({
    where: { id: reviewId, status: "scheduled" },
    data: {
      status: "live",
      startedAt: now,
      minutesDocId: minutes.id,
      currentItemId: agenda[0]?.id ?? null,
      itemStartedAt: now,
    },
  });
  if (count === 0) {
    await db.document.delete({ where: { id: minutes.id } });
    throw new WorkflowError(409, "reviews.error.notScheduled");
  }
  await markAttended(db, reviewId, actor.id);
  await recordActivity(services, {
    accountId: review.accountId,
    actorId: actor.id,
    kind: "review_started",
    subject: review.quarter,
    detail: reviewId,
  });
  await afterCommit("reviews: webhook event not queued", { reviewId }, () => emitSummaryFrozen(services, reviewId));
  return announce(services, review.accountId, reviewId);
}

/**
 * The lead moves to another agenda item: the time since the last move is
 * added to the item they leave. Everyone following sees the new item.
 */
export async function moveReview(workflow: Workflow, actor: Actor, reviewId: string, itemId: string) {
  const { db } = workflow;
  const review = await findReview(db, reviewId);
  await requireReviewLead(db, actor, review.accountId);
  if (review.status !== "live") throw new WorkflowError(409, "reviews.error.notLive");
  const item = await db.reviewAgendaItem.findUnique({ where: { id: itemId }, select: { reviewId: true } });
  if (item?.reviewId !== reviewId) throw new WorkflowError(404, "reviews.error.agendaItem");
  if (review.currentItemId !== itemId) {
    const now = new Date();
    await db.$transaction(async (tx) => {
      // Guarded on the state read above, so two quick moves never count the same seconds twice.
      const { count } = await tx.review.updateMany({
        where: {
          id: reviewId,
          status: "live",
          currentItemId: review.currentItemId,
          itemStartedAt: review.itemStartedAt,
        },
        data: { currentItemId: itemId, itemStartedAt: now },
      });
      if (count === 0) throw new WorkflowError(409, "reviews.error.notLive");
      await addSpentTime(tx, review, now);
    });
  }
  const state = await loadState(db, reviewId);
  workflow.hub.toReview(reviewId, "review:state", state);
  return state;
}

async function addSpentTime(
  tx: Pick<Db, "reviewAgendaItem">,
  review: { currentItemId: string | null; itemStartedAt: Date | null },
  now: Date,
) {
  if (!review.currentItemId || !review.itemStartedAt) return;
  const seconds = Math.max(0, Math.round((now.getTime() - review.itemStartedAt.getTime()) / 1000));
  await tx.reviewAgendaItem.update({
    where: { id: review.currentItemId },
    data: { spentSeconds: { increment: seconds } },
  });
}

/** Attendance is taken from presence: whoever follows a live review attended it. */
export async function markAttended(db: Db, reviewId: string, userId: string): Promise<boolean> {
  const existing = await db.reviewAttendee.findUnique({ where: { reviewId_userId: { reviewId, userId } } });
  if (existing?.attendedAt) return false;
  await db.reviewAttendee.upsert({
    where: { reviewId_userId: { reviewId, userId } },
    create: { reviewId, userId, attendedAt: new Date() },
    update: { attendedAt: new Date() },
  });
  return true;
}

/** Joining a review's room: its state, and attendance when it is live. */
export async function followReview(workflow: Workflow, userId: string, reviewId: string) {
  const review = await findReview(workflow.db, reviewId);
  if (review.status === "live" && (await markAttended(workflow.db, reviewId, userId))) {
    workflow.hub.toReview(reviewId, "review:changed", { accountId: review.accountId, reviewId });
  }
  return loadState(workflow.db, reviewId);
}

async function requireLiveForEditor(db: Db, actor: Actor, reviewId: string) {
  const review = await findReview(db, reviewId);
  if (!(await accountAccess(db, actor, review.accountId)).canEdit) {
    throw new WorkflowError(403, "reviews.error.teamOnly");
  }
  if (review.status !== "live") throw new WorkflowError(409, "reviews.error.notLive");
  return review;
}

async function checkAgendaItem(db: Db, reviewId: string, agendaItemId: string | undefined) {
  if (!agendaItemId) return;
  const item = await db.reviewAgendaItem.findUnique({ where: { id: agendaItemId }, select: { reviewId: true } });
  if (item?.reviewId !== reviewId) throw new WorkflowError(400, "reviews.error.agendaItem");
}

/** The decision this person already recorded with this client id, for a retried submit. */
async function recordedBefore(db: Db, actor: Actor, reviewId: string, clientId: string | undefined) {
  if (!clientId) return null;
  const decision = await db.reviewDecision.findUnique({
    where: { createdById_clientId: { createdById: actor.id, clientId } },
    select: { id: true, reviewId: true },
  });
  if (!decision) return null;
  if (decision.reviewId !== reviewId) throw new WorkflowError(409, "reviews.error.invalid");
  return { id: decision.id };
}

/**
 * Records a decision, then tells the review's room (best effort: once stored,
 * the answer is success). With a `clientId`, a retried submit answers with the
 * decision the first one recorded.
 */
export async function recordDecision(
  workflow: Workflow,
  actor: Actor,
  reviewId: string,
  input: { text: string; agendaItemId?: string; clientId?: string },
) {
  const { db } = workflow;
  const review = await requireLiveForEditor(db, actor, reviewId);
  const earlier = await recordedBefore(db, actor, reviewId, input.clientId);
  if (earlier) {
    // A retried submit: answered with what the first one made, and logged once.
    skipAudit();
    return earlier;
  }
  await checkAgendaItem(db, reviewId, input.agendaItemId);
  let decision;
  try {
    decision = await db.reviewDecision.create({
      data: {
        reviewId,
        text: input.text,
        agendaItemId: input.agendaItemId ?? null,
        createdById: actor.id,
        clientId: input.clientId ?? null,
      },
      select: { id: true },
    });
  } catch (error) {
    const raced = isUniqueViolation(error) && (await recordedBefore(db, actor, reviewId, input.clientId));
    if (raced) return raced;
    throw error;
  }
  await afterCommit("reviews: decision not announced", { reviewId }, () =>
    workflow.hub.toReview(reviewId, "review:changed", { accountId: review.accountId, reviewId }),
  );
  return decision;
}

/** An action item captured in the review: a normal action item that remembers the review. */
export async function addReviewAction(
  workflow: Workflow,
  actor: Actor,
  reviewId: string,
  input: NewActionItem,
): Promise<ActionOutcome> {
  const review = await requireLiveForEditor(workflow.db, actor, reviewId);
  const outcome = await createActionItem(workflow, actor, review.accountId, input, { reviewId });
  if (outcome.ok) {
    await afterCommit("reviews: action item not announced", { reviewId }, () =>
      workflow.hub.toReview(reviewId, "review:changed", { accountId: review.accountId, reviewId }),
    );
  }
  return outcome;
}

/**
 * Closes a live review: the current item's time is counted, versions of the
 * minutes and the account's documents are taken, and the summary is frozen.
 */
export async function closeReview(services: ReviewServices, actor: Actor, reviewId: string) {
  const { db } = services;
  const review = await findReview(db, reviewId);
  await requireReviewLead(db, actor, review.accountId);
  if (review.status !== "live") throw new WorkflowError(409, "reviews.error.notLive");
  const now = new Date();
  // Claim the close first: a second close (another tab) is refused before it takes any versions.
  const claimed = await db.review.updateMany({
    where: { id: reviewId, status: "live", closedAt: null },
    data: { closedAt: now },
  });
  if (claimed.count === 0) throw new WorkflowError(409, "reviews.error.notLive");
  let summary;
  try {
    summary = await freezeSummary(services, actor, reviewId, now);
  } catch (error) {
    await db.review.update({ where: { id: reviewId }, data: { closedAt: null } });
    throw error;
  }
  await db.$transaction(async (tx) => {
    await tx.review.update({
      where: { id: reviewId },
      data: { status: "closed", currentItemId: null, itemStartedAt: null, summary: JSON.stringify(summary) },
    });
    await addSpentTime(tx, review, now);
  });
  await recordActivity(services, {
    accountId: review.accountId,
    actorId: actor.id,
    kind: "review_closed",
    subject: review.quarter,
    detail: reviewId,
  });
  await afterCommit("reviews: webhook event not queued", { reviewId }, () => emitSummaryFrozen(services, reviewId));
  return announce(services, review.accountId, reviewId);
}
