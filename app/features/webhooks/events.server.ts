// What each webhook event says: built from the stored rows after the change committed.
import type { RightStanding } from "~/features/blocks/blocks";
import { emitWebhookEvent, linkTo, type EmitContext } from "./emit.server";

async function accountRef(context: EmitContext, accountId: string) {
  const account = await context.db.account.findUniqueOrThrow({ where: { id: accountId }, select: { name: true } });
  return { id: accountId, name: account.name, link: linkTo(context, `/accounts/${accountId}`) };
}

async function personRef(context: EmitContext, userId: string | null) {
  if (!userId) return null;
  const user = await context.db.user.findUnique({ where: { id: userId }, select: { name: true } });
  return user ? { id: userId, name: user.name } : null;
}

/** `approval.completed` or `approval.rejected`, when the step that closes a round is signed. */
export async function emitApprovalOutcome(
  context: EmitContext,
  document: { id: string; accountId: string; title: string; kind: string },
  requestId: string,
  outcome: "approved" | "rejected",
  deciderId: string,
): Promise<void> {
  const documentLink = `/accounts/${document.accountId}/docs/${document.id}`;
  await emitWebhookEvent(context, outcome === "approved" ? "approval.completed" : "approval.rejected", {
    approvalRequest: { id: requestId, status: outcome, link: linkTo(context, `${documentLink}/approval`) },
    document: { id: document.id, title: document.title, kind: document.kind, link: linkTo(context, documentLink) },
    account: await accountRef(context, document.accountId),
    decidedBy: await personRef(context, deciderId),
  });
}

/** `review.summary_frozen`, once a review closed and its summary was stored. */
export async function emitSummaryFrozen(context: EmitContext, reviewId: string): Promise<void> {
  const review = await context.db.review.findUniqueOrThrow({
    where: { id: reviewId },
    select: { accountId: true, quarter: true, closedAt: true, scheduledAt: true },
  });
  await emitWebhookEvent(context, "review.summary_frozen", {
    review: {
      id: reviewId,
      quarter: review.quarter,
      scheduledAt: review.scheduledAt.toISOString(),
      closedAt: review.closedAt?.toISOString() ?? null,
      link: linkTo(context, `/accounts/${review.accountId}/reviews/${reviewId}`),
    },
    account: await accountRef(context, review.accountId),
  });
}

/** One `right.broken` per customer right that broke with this KPI change. */
export async function emitBrokenRights(
  context: EmitContext,
  accountId: string,
  quarter: string,
  rights: readonly RightStanding[],
): Promise<void> {
  if (rights.length === 0) return;
  const account = await accountRef(context, accountId);
  for (const right of rights) {
    await emitWebhookEvent(context, "right.broken", {
      right: {
        documentId: right.documentId,
        blockId: right.blockId,
        right: right.right,
        department: right.department,
        kpi: right.kpi,
        threshold: right.threshold,
        direction: right.direction,
        value: right.value,
        quarter,
        link: linkTo(context, `/accounts/${accountId}/rights?quarter=${encodeURIComponent(quarter)}`),
      },
      account,
    });
  }
}
