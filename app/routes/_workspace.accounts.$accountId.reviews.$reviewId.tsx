import type {
  ActionFunctionArgs,
  AppLoadContext,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { ReviewLive } from "~/features/reviews/review-live";
import { ReviewLobby } from "~/features/reviews/review-lobby";
import { ReviewStatusBadge } from "~/features/reviews/review-status-badge";
import { ReviewSummaryView } from "~/features/reviews/review-summary-view";
import { useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { actionBoardContext } from "~/features/action-items/action-item-views.server";
import { approvalStatuses } from "~/features/approvals/approval-queries.server";
import { kpiOverview } from "~/features/kpis/kpi.server";
import { cancelReview, getReviewPage, reviewTeam, updateReview } from "~/features/reviews/review.server";
import { addReviewAction, closeReview, recordDecision, startReview } from "~/features/reviews/review-session.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import { parseQuarter, quarterStart, recentQuarters } from "~/features/kpis/kpi";
import { REVIEW_LIST_FIELDS, ReviewIntentSchema, UpdateReviewSchema } from "~/features/reviews/review.schema";
import actionsStyles from "~/features/action-items/action-items.css";
import kpiStyles from "~/features/kpis/kpis.css";
import reviewStyles from "~/features/reviews/reviews.css";
import versionStyles from "~/features/documents/versions/versions.css";
import { localizeFieldErrors } from "~/utils/form-errors.server";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";
import { memberColor } from "~/shared/member-color";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: actionsStyles },
  { rel: "stylesheet", href: kpiStyles },
  { rel: "stylesheet", href: versionStyles },
  { rel: "stylesheet", href: reviewStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Review ${data.review.quarter} · ${data.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const page = await getReviewPage(context.db, accountId, params.reviewId ?? "");
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
  if (page.summary) return json({ ...base, mode: "closed" as const, summary: page.summary });

  return json({
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
  });
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

/** Scheduling changes and cancel (leads), start and close (leads), decisions and action items (the team). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const reviewId = params.reviewId ?? "";
  const { user } = await requireAccountAccess(request, context, accountId);
  const locale = await requestLocale(request, user.locale);
  const review = await context.db.review.findUnique({
    where: { id: reviewId },
    select: { accountId: true, quarter: true },
  });
  invariantResponse(review?.accountId === accountId, "Review not found", 404);
  const fields = await formFields(request, { lists: REVIEW_LIST_FIELDS });
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

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { account, review } = data;
  useRevalidateOn("review:changed", (change) => change.reviewId === review.id);
  useRevalidateOn("action:changed", (change) => change.accountId === account.id);
  const base = `/accounts/${account.id}/reviews/${review.id}`;
  return (
    <>
      <div className="page-title review-title">
        <p className="breadcrumb">
          <Link to="/accounts">{t("nav.portfolio")}</Link> / <Link to={`/accounts/${account.id}`}>{account.name}</Link>{" "}
          / <Link to={`/accounts/${account.id}/reviews`}>{t("reviews.title")}</Link>
        </p>
        <h1>
          {t("reviews.name", { quarter: review.quarter })} <ReviewStatusBadge status={review.status} />
        </h1>
        <p className="muted" suppressHydrationWarning>
          {t("reviews.scheduledFor", {
            when: formatDateTime(review.scheduledAt, locale),
            by: review.createdBy,
          })}
        </p>
        {data.mode === "closed" ? (
          <p className="review-exports">
            <a href={`${base}/export.md`} className="button button--ghost button--small" download>
              {t("reviews.export.markdown")}
            </a>
            <Link to={`${base}/print`} className="button button--ghost button--small" target="_blank">
              {t("reviews.export.print")}
            </Link>
          </p>
        ) : null}
      </div>
      {data.mode === "closed" ? (
        <ReviewSummaryView summary={data.summary} links />
      ) : data.mode === "live" ? (
        <ReviewLive data={data} />
      ) : (
        <ReviewLobby data={data} />
      )}
    </>
  );
}
