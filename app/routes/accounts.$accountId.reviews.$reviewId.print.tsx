import "~/common-chunk";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReviewSummaryView } from "~/features/reviews/review-summary-view";
import { useT } from "~/i18n/i18n";
import { getReviewPage } from "~/features/reviews/review.server";
import kpiStyles from "~/features/kpis/kpis.css";
import reviewStyles from "~/features/reviews/reviews.css";
import versionStyles from "~/features/documents/versions/versions.css";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: kpiStyles },
  { rel: "stylesheet", href: versionStyles },
  { rel: "stylesheet", href: reviewStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.summary.account.name} — Review ${data.summary.quarter}` : "Keyroom" },
  { name: "robots", content: "noindex" },
];

/**
 * A closed review on its own, without the app around it: what the browser's
 * "print to PDF" turns into a clean document.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  await requireAccountAccess(request, context, accountId);
  const page = await getReviewPage(context.db, accountId, params.reviewId ?? "");
  invariantResponse(page, "Review not found", 404);
  invariantResponse(page.summary, "The review is not closed yet", 409);
  return json({ summary: page.summary, reviewId: page.review.id });
}

export default function PrintReview() {
  const { summary, reviewId } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <main className="print-page">
      <p className="print-page__tools">
        <Link to={`/accounts/${summary.account.id}/reviews/${reviewId}`}>← {t("reviews.print.back")}</Link>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t("reviews.print.button")}
        </button>
      </p>
      <header className="print-page__header">
        <p className="muted">{summary.account.name}</p>
        <h1>{t("reviews.name", { quarter: summary.quarter })}</h1>
      </header>
      <ReviewSummaryView summary={summary} links={false} />
    </main>
  );
}
