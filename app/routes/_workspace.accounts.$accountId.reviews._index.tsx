import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { ScheduleForm } from "~/features/reviews/schedule-form";
import { ReviewStatusBadge } from "~/features/reviews/review-status-badge";
import { usePresenceRoom, useRevalidateOn } from "~/hub/hub-context";
import { useLocale, useT } from "~/i18n/i18n";
import { listReviews, reviewTeam, scheduleReview } from "~/features/reviews/review.server";
import { reviewLink } from "~/features/reviews/review";
import { WorkflowError } from "~/utils/workflow-error.server";
import { recentQuarters } from "~/features/kpis/kpi";
import { REVIEW_LIST_FIELDS, ScheduleReviewSchema } from "~/features/reviews/review.schema";
import reviewStyles from "~/features/reviews/reviews.css";
import { localizeFieldErrors } from "~/utils/form-errors.server";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reviewStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Reviews · ${data.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { access } = await requireAccountAccess(request, context, accountId);
  const account = await context.db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } });
  invariantResponse(account, "Account not found", 404);
  const [reviews, team] = await Promise.all([listReviews(context.db, accountId), reviewTeam(context.db, accountId)]);
  return json({
    account,
    reviews: reviews.map((review) => ({
      ...review,
      scheduledAt: review.scheduledAt.toISOString(),
      closedAt: review.closedAt?.toISOString() ?? null,
    })),
    team: team.map((member) => ({ ...member.user, role: member.role, department: member.department })),
    quarters: recentQuarters(new Date(), 4),
    canLead: access.canManageTeam,
    // The schedule form's id, new with every load: a double click or a resubmit schedules one review.
    clientId: crypto.randomUUID(),
  });
}

/**
 * Schedules a review (leads only) and opens it. Resent with the same
 * `clientId`, it opens the review the first submit scheduled.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user } = await requireAccountAccess(request, context, accountId);
  const locale = await requestLocale(request, user.locale);
  const parsed = ScheduleReviewSchema.safeParse(await formFields(request, { lists: REVIEW_LIST_FIELDS }));
  if (!parsed.success) {
    const errors = localizeFieldErrors(locale, parsed.error.flatten().fieldErrors, "reviews.", "reviews.error.invalid");
    return json({ ok: false as const, errors }, { status: 400 });
  }
  try {
    const review = await scheduleReview(context, user, accountId, parsed.data, parsed.data.clientId);
    return redirect(reviewLink(accountId, review.id));
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    invariantResponse(error.status !== 403, "Forbidden", 403);
    return json({ ok: false as const, errors: { attendees: error.messageIn(locale) } }, { status: error.status });
  }
}

export default function AccountReviews() {
  const { account, reviews, team, quarters, canLead, clientId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  usePresenceRoom("account", account.id);
  useRevalidateOn("review:changed", (change) => change.accountId === account.id);
  return (
    <>
      <div className="page-title">
        <p className="breadcrumb">
          <Link to="/accounts">{t("nav.portfolio")}</Link> / <Link to={`/accounts/${account.id}`}>{account.name}</Link>
        </p>
        <h1>{t("reviews.title")}</h1>
        <p className="muted">{t("reviews.subtitle", { account: account.name })}</p>
      </div>
      <div className="account-grid">
        <section className="card" aria-labelledby="reviews-heading">
          <h2 id="reviews-heading">{t("reviews.list.title")}</h2>
          {reviews.length === 0 ? (
            <div className="empty-state">
              <p>{t("reviews.empty.title")}</p>
              <p className="muted small">{t(canLead ? "reviews.empty.lead" : "reviews.empty.member")}</p>
            </div>
          ) : (
            <ReviewList accountId={account.id} reviews={reviews} />
          )}
        </section>
        {canLead ? (
          <section className="card" aria-labelledby="schedule-heading">
            <h2 id="schedule-heading">{t("reviews.schedule.title")}</h2>
            <ScheduleForm
              intent="schedule"
              clientId={clientId}
              team={team}
              quarters={quarters}
              defaults={null}
              errors={reply?.ok === false ? reply.errors : undefined}
            />
          </section>
        ) : (
          <p className="muted small">{t("reviews.leadOnly")}</p>
        )}
      </div>
    </>
  );
}

function ReviewList({ accountId, reviews }: { accountId: string; reviews: SerializeFrom<typeof loader>["reviews"] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="review-list">
      {reviews.map((review) => (
        <li key={review.id}>
          <Link to={reviewLink(accountId, review.id)} className="strong-link">
            {t("reviews.name", { quarter: review.quarter })}
          </Link>{" "}
          <ReviewStatusBadge status={review.status} />
          <p className="muted small">
            <time dateTime={review.scheduledAt} suppressHydrationWarning>
              {formatDateTime(review.scheduledAt, locale)}
            </time>
            {" · "}
            {t("reviews.list.counts", {
              items: review._count.agenda,
              decisions: review._count.decisions,
              actions: review._count.actions,
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}
