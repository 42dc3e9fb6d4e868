import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReviewDetailPage } from "~/features/reviews/review-detail-page";
import { handleReviewIntent, loadReviewPage } from "~/features/reviews/review-detail.server";
import { REVIEW_LIST_FIELDS } from "~/features/reviews/review.schema";
import actionsStyles from "~/features/action-items/action-items.css";
import kpiStyles from "~/features/kpis/kpis.css";
import reviewStyles from "~/features/reviews/reviews.css";
import versionStyles from "~/features/documents/versions/versions.css";
import findStyles from "~/features/documents/editor/find/find.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: actionsStyles },
  { rel: "stylesheet", href: kpiStyles },
  { rel: "stylesheet", href: versionStyles },
  { rel: "stylesheet", href: reviewStyles },
  { rel: "stylesheet", href: findStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Review ${data.review.quarter} · ${data.account.name} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  return json(await loadReviewPage(context, user, access, accountId, params.reviewId ?? ""));
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
  return handleReviewIntent(context, user, locale, accountId, { id: reviewId, quarter: review.quarter }, fields);
}

export default function ReviewPage() {
  return <ReviewDetailPage data={useLoaderData<typeof loader>()} />;
}
