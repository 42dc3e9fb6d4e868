import type { Prisma } from "@prisma/client";
import {
  reviewLink,
  type PortfolioReview,
  type ReviewStatePayload,
  type ReviewStatus,
  type ReviewSummary,
} from "~/features/reviews/review";
import type { ReviewPlan } from "~/features/reviews/review.schema";
import type { Db } from "~/utils/db.server";
import { accountAccess } from "~/features/auth/permissions.server";
import type { Workflow } from "~/utils/services.server";
import { actionItemInclude, toActionItemView, today } from "~/features/action-items/action-item-views.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { isUniqueViolation } from "~/utils/after-commit.server";
import { notify } from "~/features/notifications/notification.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { skipAudit } from "~/features/audit/audit-scope.server";

interface Actor {
  id: string;
  workspaceRole: string;
}

/** Leads (and workspace admins) schedule and run an account's reviews. */
export async function requireReviewLead(db: Db, actor: Actor, accountId: string): Promise<void> {
  if (!(await accountAccess(db, actor, accountId)).canManageTeam) {
    throw new WorkflowError(403, "reviews.error.leadOnly");
  }
}

/** Invitees must be on the team: a review is the team's meeting. */
async function checkAttendees(db: Db, accountId: string, userIds: string[]): Promise<void> {
  const members = await db.accountMember.count({ where: { accountId, userId: { in: userIds } } });
  if (members !== new Set(userIds).size) throw new WorkflowError(400, "reviews.error.attendees");
}

/**
 * The review this lead already scheduled with this client id, for a retried
 * submit; the same id on another account is a client's mistake, not a retry.
 */
async function scheduledBefore(db: Db, actor: Actor, accountId: string, clientId: string | undefined) {
  if (!clientId) return null;
  const review = await db.review.findUnique({
    where: { createdById_clientId: { createdById: actor.id, clientId } },
    select: { id: true, accountId: true },
  });
  if (!review) return null;
  if (review.accountId !== accountId) throw new WorkflowError(409, "reviews.error.invalid");
  return { id: review.id };
}

/**
 * Schedules a review, then tells the invitees, the feed and the account's
 * open pages (best effort: once stored, the answer is success). With a
 * `clientId`, a retried submit answers with the review the first one made.
 */
export async function scheduleReview(
  workflow: Workflow,
  actor: Actor,
  accountId: string,
  plan: ReviewPlan,
  clientId?: string,
) {
  const { db } = workflow;
  await requireReviewLead(db, actor, accountId);
  const earlier = await scheduledBefore(db, actor, accountId, clientId);
  if (earlier) {
    // A retried submit: answered with what the first one made, and logged once.
    skipAudit();
    return earlier;
  }
  await checkAttendees(db, accountId, plan.attendees);
  const attendees = [...new Set(plan.attendees)];
  let review;
  try {
    review = await db.review.create({
      data: {
        accountId,
        quarter: plan.quarter,
        scheduledAt: plan.scheduledAt,
        createdById: actor.id,
        clientId: clientId ?? null,
        agenda: { create: plan.agenda.map((item, position) => ({ ...item, position })) },
        attendees: { create: attendees.map((userId) => ({ userId, invited: true })) },
      },
      select: { id: true },
    });
  } catch (error) {
    const raced = isUniqueViolation(error) && (await scheduledBefore(db, actor, accountId, clientId));
    if (raced) return raced;
    throw error;
  }
  const reviewId = review.id;
  await recordActivity(workflow, {
    accountId,
    actorId: actor.id,
    kind: "review_scheduled",
    subject: plan.quarter,
    detail: reviewId,
  });
  await notify(
    workflow,
    attendees.map((userId) => ({
      userId,
      accountId,
      actorId: actor.id,
      kind: "review_scheduled" as const,
      title: plan.quarter,
      excerpt: plan.scheduledAt.toISOString(),
      link: reviewLink(accountId, reviewId),
    })),
  );
  workflow.hub.toAccount(accountId, "review:changed", { accountId, reviewId });
  return review;
}

/** Replaces the date, invitees and agenda of a review that has not started. */
export async function updateReview(workflow: Workflow, actor: Actor, reviewId: string, plan: ReviewPlan) {
  const { db } = workflow;
  const review = await findReview(db, reviewId);
  await requireReviewLead(db, actor, review.accountId);
  await checkAttendees(db, review.accountId, plan.attendees);
  await db.$transaction(async (tx) => {
    const { count } = await tx.review.updateMany({
      where: { id: reviewId, status: "scheduled" },
      data: { quarter: plan.quarter, scheduledAt: plan.scheduledAt },
    });
    if (count === 0) throw new WorkflowError(409, "reviews.error.notScheduled");
    await tx.reviewAgendaItem.deleteMany({ where: { reviewId } });
    await tx.reviewAgendaItem.createMany({
      data: plan.agenda.map((item, position) => ({ ...item, position, reviewId })),
    });
    await tx.reviewAttendee.deleteMany({ where: { reviewId } });
    await tx.reviewAttendee.createMany({
      data: [...new Set(plan.attendees)].map((userId) => ({ reviewId, userId, invited: true })),
    });
  });
  workflow.hub.toAccount(review.accountId, "review:changed", { accountId: review.accountId, reviewId });
}

/** Deletes a review that has not started (a meeting that will not happen). */
export async function cancelReview(workflow: Workflow, actor: Actor, reviewId: string) {
  const review = await findReview(workflow.db, reviewId);
  await requireReviewLead(workflow.db, actor, review.accountId);
  const { count } = await workflow.db.review.deleteMany({ where: { id: reviewId, status: "scheduled" } });
  if (count === 0) throw new WorkflowError(409, "reviews.error.notScheduled");
  workflow.hub.toAccount(review.accountId, "review:changed", { accountId: review.accountId, reviewId });
}

export async function findReview(db: Db, reviewId: string) {
  const review = await db.review.findUnique({
    where: { id: reviewId },
    select: {
      id: true,
      accountId: true,
      status: true,
      quarter: true,
      currentItemId: true,
      itemStartedAt: true,
      minutesDocId: true,
    },
  });
  if (!review) throw new WorkflowError(404, "reviews.error.notFound");
  return review;
}

type StateRow = {
  id: string;
  status: string;
  currentItemId: string | null;
  itemStartedAt: Date | null;
  agenda: Array<{ id: string; spentSeconds: number }>;
};

export function toReviewState(row: StateRow, now = new Date()): ReviewStatePayload {
  return {
    reviewId: row.id,
    status: row.status as ReviewStatus,
    currentItemId: row.currentItemId,
    itemStartedAt: row.itemStartedAt?.toISOString() ?? null,
    spent: Object.fromEntries(row.agenda.map((item) => [item.id, item.spentSeconds])),
    serverNow: now.toISOString(),
  };
}

const agendaOrder = { orderBy: { position: "asc" } } as const;

/** Everything the review page shows, for a reader of the account. */
export async function getReviewPage(db: Db, accountId: string, reviewId: string) {
  const review = await db.review.findUnique({
    where: { id: reviewId },
    include: {
      account: { select: { id: true, name: true, currency: true } },
      createdBy: { select: { name: true } },
      agenda: agendaOrder,
      attendees: {
        include: { user: { select: { id: true, name: true, department: true } } },
        orderBy: { user: { name: "asc" } },
      },
      decisions: {
        include: { createdBy: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
      },
      actions: { include: actionItemInclude, orderBy: { createdAt: "asc" } },
    },
  });
  if (!review || review.accountId !== accountId) return null;
  const todayIso = today();
  return {
    review,
    state: toReviewState(review),
    actions: review.actions.map((row) => toActionItemView(row, todayIso)),
    carriedOver: await carriedOverActions(db, review),
    summary: review.summary ? (JSON.parse(review.summary) as ReviewSummary) : null,
  };
}

/**
 * The previous closed review's action items that are still open: what the
 * team promised last time comes first.
 */
export async function carriedOverActions(db: Db, review: { id: string; accountId: string; scheduledAt: Date }) {
  const previous = await db.review.findFirst({
    where: {
      accountId: review.accountId,
      status: "closed",
      id: { not: review.id },
      scheduledAt: { lt: review.scheduledAt },
    },
    orderBy: { scheduledAt: "desc" },
    select: { id: true, quarter: true },
  });
  if (!previous) return null;
  const rows = await db.actionItem.findMany({
    where: { reviewId: previous.id, status: { in: ["open", "in_progress"] } },
    include: actionItemInclude,
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
  });
  const todayIso = today();
  return {
    reviewId: previous.id,
    quarter: previous.quarter,
    items: rows.map((row) => toActionItemView(row, todayIso)),
  };
}

/** The account's reviews, upcoming first, then the past ones newest first. */
export async function listReviews(db: Db, accountId: string) {
  const rows = await db.review.findMany({
    where: { accountId },
    select: {
      id: true,
      quarter: true,
      scheduledAt: true,
      status: true,
      closedAt: true,
      _count: { select: { decisions: true, actions: true, agenda: true } },
    },
    orderBy: { scheduledAt: "desc" },
  });
  const open = rows.filter((row) => row.status !== "closed").reverse();
  return [...open, ...rows.filter((row) => row.status === "closed")];
}

/** What the team can invite and assign: everyone on it, by department. */
export async function reviewTeam(db: Db, accountId: string) {
  return db.accountMember.findMany({
    where: { accountId },
    select: { role: true, user: { select: { id: true, name: true } }, department: true },
    orderBy: [{ department: { sortOrder: "asc" } }, { user: { name: "asc" } }],
  });
}

/** Per account: its last closed review and its next one. */
export async function portfolioReviews(db: Db, accountIds: string[]): Promise<Record<string, PortfolioReview>> {
  const where: Prisma.ReviewWhereInput = { accountId: { in: accountIds } };
  const [closed, upcoming] = await Promise.all([
    db.review.findMany({
      where: { ...where, status: "closed" },
      select: { id: true, accountId: true, quarter: true, closedAt: true },
      orderBy: { closedAt: "desc" },
    }),
    db.review.findMany({
      where: { ...where, status: { in: ["scheduled", "live"] } },
      select: { id: true, accountId: true, quarter: true, scheduledAt: true, status: true },
      orderBy: { scheduledAt: "asc" },
    }),
  ]);
  const out: Record<string, PortfolioReview> = {};
  for (const accountId of accountIds) out[accountId] = { last: null, next: null };
  for (const row of closed) {
    const entry = out[row.accountId];
    if (entry && !entry.last && row.closedAt) {
      entry.last = { id: row.id, quarter: row.quarter, closedAt: row.closedAt.toISOString() };
    }
  }
  for (const row of upcoming) {
    const entry = out[row.accountId];
    // A live review is "next" whatever its date; otherwise the earliest scheduled one.
    if (entry && (!entry.next || (row.status === "live" && !entry.next.live))) {
      entry.next = {
        id: row.id,
        quarter: row.quarter,
        scheduledAt: row.scheduledAt.toISOString(),
        live: row.status === "live",
      };
    }
  }
  return out;
}
