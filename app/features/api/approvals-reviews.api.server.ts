import { z } from "zod";
import { decideApproval } from "~/features/approvals/approval-commands.server";
import { approvalState } from "~/features/approvals/approval-queries.server";
import { APPROVAL_DECISIONS, ApprovalIntentSchema } from "~/features/approvals/approval.schema";
import { noteAudit } from "~/features/audit/audit-scope.server";
import { findReview, getReviewPage, listReviews } from "~/features/reviews/review.server";
import { IdSchema } from "~/shared/id";
import { notFound } from "./api-error.server";
import { isoDateTime, pageOf, PageQuerySchema } from "./api-schemas";
import { requireAccount, requireDocument } from "./access.server";
import { AccountParams } from "./accounts.api.server";
import { ActionItemSchema } from "./action-items.api.server";
import { DocumentParams } from "./documents.api.server";
import { operation, type ApiContext } from "./operation.server";
import { paginate } from "./pagination.server";

const ApprovalStepSchema = z.object({
  id: z.string(),
  /** A department key, or "executive". */
  key: z.string(),
  decision: z.enum([...APPROVAL_DECISIONS, "pending"]),
  decider: z.string().nullable(),
  comment: z.string(),
  decidedAt: isoDateTime.nullable(),
});

export const ApprovalRoundSchema = z.object({
  id: z.string(),
  status: z.string(),
  note: z.string(),
  contentHash: z.string(),
  requestedBy: z.string(),
  createdAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  version: z.object({ id: z.string(), name: z.string() }),
  steps: z.array(ApprovalStepSchema),
});

type Round = Awaited<ReturnType<typeof approvalState>>["history"][number];

function roundView(round: Round): z.input<typeof ApprovalRoundSchema> {
  return {
    id: round.id,
    status: round.status,
    note: round.note,
    contentHash: round.contentHash,
    requestedBy: round.requestedBy,
    createdAt: round.createdAt,
    closedAt: round.closedAt,
    version: round.version,
    steps: round.steps.map((step) => ({
      id: step.id,
      key: step.key,
      decision: step.decision,
      decider: step.decider,
      comment: step.comment,
      decidedAt: step.decidedAt,
    })),
  };
}

const RoundParams = DocumentParams.extend({ requestId: IdSchema });

async function findRound(context: ApiContext, documentId: string, requestId: string) {
  const round = (await approvalState(context.services, documentId)).history.find((r) => r.id === requestId);
  if (!round) throw notFound();
  return roundView(round);
}

const listApprovals = operation({
  method: "get",
  path: "/documents/{documentId}/approvals",
  operationId: "listApprovals",
  summary: "The document's approval rounds, newest first",
  tag: "Approvals",
  params: DocumentParams,
  query: PageQuerySchema,
  response: pageOf(ApprovalRoundSchema),
  async handler(context) {
    await requireDocument(context, context.params.documentId);
    const { history } = await approvalState(context.services, context.params.documentId);
    return paginate(history.map(roundView), (r) => [r.createdAt, r.id], context.query, "desc");
  },
});

const getApproval = operation({
  method: "get",
  path: "/documents/{documentId}/approvals/{requestId}",
  operationId: "getApproval",
  summary: "One approval round with its steps",
  tag: "Approvals",
  params: RoundParams,
  response: ApprovalRoundSchema,
  async handler(context) {
    await requireDocument(context, context.params.documentId);
    return findRound(context, context.params.documentId, context.params.requestId);
  },
});

const DecideBody = ApprovalIntentSchema.options[1].omit({ intent: true, requestId: true }).strict();

const decideStep = operation({
  method: "post",
  path: "/documents/{documentId}/approvals/{requestId}/decisions",
  operationId: "decideApproval",
  summary: "Sign one step of an open round: approve, request changes or reject",
  description: "Who may sign which step, and when, follows the workspace's approval policy, as on the approval page.",
  tag: "Approvals",
  params: RoundParams,
  body: DecideBody,
  response: ApprovalRoundSchema,
  async handler(context) {
    const { documentId, requestId } = context.params;
    const { accountId } = await requireDocument(context, documentId);
    const doc = await context.services.db.document.findUniqueOrThrow({
      where: { id: documentId },
      select: { id: true, accountId: true, title: true, kind: true },
    });
    await decideApproval(context.services, context.user, doc, { requestId, ...context.body });
    noteAudit({ action: "api.decideApproval", accountId, objectType: "approval", objectId: requestId });
    return findRound(context, documentId, requestId);
  },
});

export const ReviewSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  quarter: z.string(),
  scheduledAt: isoDateTime,
  status: z.enum(["scheduled", "live", "closed"]),
  closedAt: isoDateTime.nullable(),
  counts: z.object({ agenda: z.number().int(), decisions: z.number().int(), actions: z.number().int() }),
});

const listAccountReviews = operation({
  method: "get",
  path: "/accounts/{accountId}/reviews",
  operationId: "listReviews",
  summary: "The account's reviews, newest first",
  tag: "Reviews",
  params: AccountParams,
  query: PageQuerySchema,
  response: pageOf(ReviewSchema),
  async handler(context) {
    const { accountId } = context.params;
    await requireAccount(context, accountId);
    const rows = await listReviews(context.services.db, accountId);
    const reviews = rows.map((row) => ({
      id: row.id,
      accountId,
      quarter: row.quarter,
      scheduledAt: row.scheduledAt.toISOString(),
      status: row.status as z.infer<typeof ReviewSchema>["status"],
      closedAt: row.closedAt?.toISOString() ?? null,
      counts: row._count,
    }));
    return paginate(reviews, (r) => [r.scheduledAt, r.id], context.query, "desc");
  },
});

const ReviewDetailSchema = ReviewSchema.omit({ counts: true }).extend({
  minutesDocumentId: z.string().nullable(),
  agenda: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      title: z.string(),
      plannedMinutes: z.number(),
      spentSeconds: z.number(),
    }),
  ),
  attendees: z.array(z.object({ userId: z.string(), name: z.string(), attended: z.boolean() })),
  decisions: z.array(
    z.object({
      id: z.string(),
      agendaItemId: z.string().nullable(),
      text: z.string(),
      createdBy: z.string(),
      createdAt: isoDateTime,
    }),
  ),
  actions: z.array(ActionItemSchema),
});

const getReview = operation({
  method: "get",
  path: "/reviews/{reviewId}",
  operationId: "getReview",
  summary: "One review: agenda, attendees, decisions and the action items decided in it",
  tag: "Reviews",
  params: z.object({ reviewId: IdSchema }),
  response: ReviewDetailSchema,
  async handler(context) {
    const { accountId } = await findReview(context.services.db, context.params.reviewId);
    await requireAccount(context, accountId);
    const page = await getReviewPage(context.services.db, accountId, context.params.reviewId);
    if (!page) throw notFound();
    const { review } = page;
    return {
      id: review.id,
      accountId,
      quarter: review.quarter,
      scheduledAt: review.scheduledAt.toISOString(),
      status: review.status as z.infer<typeof ReviewSchema>["status"],
      closedAt: review.closedAt?.toISOString() ?? null,
      minutesDocumentId: review.minutesDocId,
      agenda: review.agenda.map(({ id, kind, title, plannedMinutes, spentSeconds }) => ({
        id,
        kind,
        title,
        plannedMinutes,
        spentSeconds,
      })),
      attendees: review.attendees.map((a) => ({
        userId: a.user.id,
        name: a.user.name,
        attended: a.attendedAt !== null,
      })),
      decisions: review.decisions.map((d) => ({
        id: d.id,
        agendaItemId: d.agendaItemId,
        text: d.text,
        createdBy: d.createdBy.name,
        createdAt: d.createdAt.toISOString(),
      })),
      actions: page.actions,
    };
  },
});

export const approvalAndReviewOperations = [listApprovals, getApproval, decideStep, listAccountReviews, getReview];
