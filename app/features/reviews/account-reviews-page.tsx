import { Link } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { useLocale, useT } from "~/i18n/i18n";
import { usePresenceRoom, useRevalidateOn } from "~/hub/hub-context";
import { reviewLink } from "./review";
import { ReviewStatusBadge } from "./review-status-badge";
import { ScheduleForm, type TeamOption } from "./schedule-form";

/** One review in the account's list (dates as ISO strings). */
export interface ReviewListItem {
  id: string;
  quarter: string;
  status: string;
  scheduledAt: string;
  closedAt: string | null;
  _count: { agenda: number; decisions: number; actions: number };
}

/** What the account's reviews page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface AccountReviewsData {
  account: { id: string; name: string };
  reviews: ReviewListItem[];
  team: TeamOption[];
  quarters: string[];
  canLead: boolean;
  clientId: string;
}

/** What scheduling answers when it is refused: a message per field. */
export type ScheduleReply = { ok: false; errors: Record<string, string | undefined> } | undefined;

export function AccountReviewsPage({ data, reply }: { data: AccountReviewsData; reply: ScheduleReply }) {
  const { account, reviews, team, quarters, canLead, clientId } = data;
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

function ReviewList({ accountId, reviews }: { accountId: string; reviews: ReviewListItem[] }) {
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
