import type { AppLoadContext } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { actionBoardContext } from "~/features/action-items/action-item-views.server";
import { approvalStatuses } from "~/features/approvals/approval-queries.server";
import type { AccountAccess } from "~/features/auth/permissions.server";
import { invariantResponse } from "~/features/auth/guards.server";
import type { SessionUser } from "~/features/auth/session.server";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import { parseQuarter, quarterStart, recentQuarters } from "~/features/kpis/kpi";
import { kpiOverview } from "~/features/kpis/kpi.server";
import type { Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { memberColor } from "~/shared/member-color";
import { localizeFieldErrors } from "~/utils/form-errors.server";
import type { formFields } from "~/utils/form.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { ReviewIntentSchema, UpdateReviewSchema } from "./review.schema";
import { cancelReview, getReviewPage, reviewTeam, updateReview } from "./review.server";
import { addReviewAction, closeReview, recordDecision, startReview } from "./review-session.server";

/** A review as its page shows it: the frozen summary once closed, else everything the lobby or the meeting works with. */
export async function loadReviewPage(
  context: AppLoadContext,
  user: SessionUser,
  access: AccountAccess,
  accountId: string,
  reviewId: string,
) {
  const page = await getReviewPage(context.db, accountId, reviewId);
  invariantResponse(page, "Review not found", 404);
  const { review } = page;
  const base = {
    account: review.account,
    review: {
      id: review.id,
      quarter: review.quarter,
      status: review.status,
      scheduledAt: review.scheduledAt.toISOString(),
      createdBy: review.createdBy.name,
      minutesDocId: review.minutesDocId,
    },
    canLead: access.canManageTeam,
    canEdit: access.canEdit,
  };
  if (page.summary) return { ...base, mode: "closed" as const, summary: page.summary };

  return {
    ...base,
    mode: review.status === "live" ? ("live" as const) : ("scheduled" as const),
    state: page.state,
    ...reviewRecords(review),
    actions: page.actions,
    carriedOver: page.carriedOver,
    ...(await reviewContext(context, accountId, review.quarter)),
    me: { name: user.name, color: memberColor(user.department) },
    // The decision and action forms' id, new with every load: a resubmit stores once.
    clientId: crypto.randomUUID(),
  };
}

type ReviewRecord = NonNullable<Awaited<ReturnType<typeof getReviewPage>>>["review"];

/** The review's agenda, attendees and decisions as the page shows them. */
function reviewRecords(review: ReviewRecord) {
  return {
    agenda: review.agenda.map((item) => ({
      id: item.id,
      kind: item.kind,
      title: item.title,
      plannedMinutes: item.plannedMinutes,
    })),
    attendees: review.attendees.map((attendee) => ({
      id: attendee.user.id,
      name: attendee.user.name,
      department: attendee.user.department,
      invited: attendee.invited,
      attended: attendee.attendedAt !== null,
    })),
    decisions: review.decisions.map((decision) => ({
      id: decision.id,
      text: decision.text,
      agendaItemId: decision.agendaItemId,
      by: decision.createdBy.name,
    })),
  };
}

/** What a review in progress works with: the team, action item options, KPIs and the account's documents. */
async function reviewContext(context: AppLoadContext, accountId: string, reviewQuarter: string) {
  const quarter = parseQuarter(reviewQuarter);
  const [team, board, kpis, documents] = await Promise.all([
    reviewTeam(context.db, accountId),
    actionBoardContext(context.db, accountId),
    kpiOverview(context.db, accountId, quarter ? quarterStart(quarter) : new Date(), 2),
    context.db.document.findMany({
      where: { accountId, kind: { in: [...DOC_KINDS] } },
      select: { id: true, kind: true, title: true },
      orderBy: [{ kind: "asc" }, { title: "asc" }],
    }),
  ]);
  const statuses = await approvalStatuses(
    context,
    documents.map((doc) => doc.id),
  );
  return {
    team: team.map((member) => ({ ...member.user, role: member.role, department: member.department })),
    quarters: recentQuarters(new Date(), 4),
    departments: board.departments,
    assignees: board.assignees,
    kpis,
    documents: documents.map((doc) => ({ ...doc, status: statuses[doc.id] ?? "draft" })),
  };
}

type Fields = Awaited<ReturnType<typeof formFields>>;

/**
 * Carries out one of the page's intents on the review: scheduling changes
 * and cancel (leads), start and close (leads), decisions and action items
 * (the team). Refusals answer with field → message in the user's language.
 */
export async function handleReviewIntent(
  context: AppLoadContext,
  user: SessionUser,
  locale: Locale,
  accountId: string,
  review: { id: string; quarter: string },
  fields: Fields,
) {
  const reviewId = review.id;
  const refuse = (errors: Record<string, string>, status = 400) =>
    json({ ok: false as const, intent: String(fields.intent ?? ""), errors }, { status });

  try {
    if (fields.intent === "update") {
      const plan = UpdateReviewSchema.safeParse(fields);
      if (!plan.success) {
        return refuse(
          localizeFieldErrors(locale, plan.error.flatten().fieldErrors, "reviews.", "reviews.error.invalid"),
        );
      }
      await updateReview(context, user, reviewId, plan.data);
      return json({ ok: true as const, intent: "update" });
    }
    const parsed = ReviewIntentSchema.safeParse(fields);
    if (!parsed.success) {
      return refuse(localizeFieldErrors(locale, parsed.error.flatten().fieldErrors, "", "reviews.error.invalid"));
    }
    const input = parsed.data;
    switch (input.intent) {
      case "cancel":
        await cancelReview(context, user, reviewId);
        return redirect(`/accounts/${accountId}/reviews`);
      case "start":
        await startReview(
          context,
          user,
          reviewId,
          translate(locale, "reviews.minutes.title", { quarter: review.quarter }),
        );
        return json({ ok: true as const, intent: "start" });
      case "close":
        await closeReview(context, user, reviewId);
        return json({ ok: true as const, intent: "close" });
      case "decision":
        await recordDecision(context, user, reviewId, input);
        return json({ ok: true as const, intent: "decision" });
      case "action": {
        const outcome = await addReviewAction(context, user, reviewId, input);
        if (outcome.ok) return json({ ok: true as const, intent: "action" });
        invariantResponse(outcome.status !== 403, "Forbidden", 403);
        return refuse(
          localizeFieldErrors(locale, outcome.errors, "actions.error.", "actions.error.invalid"),
          outcome.status,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    invariantResponse(error.status !== 403, "Forbidden", 403);
    return refuse({ form: error.messageIn(locale) }, error.status);
  }
}
