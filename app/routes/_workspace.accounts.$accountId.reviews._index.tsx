import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AccountReviewsPage } from "~/features/reviews/account-reviews-page";
import { loadAccountReviews } from "~/features/reviews/account-reviews.server";
import { scheduleReview } from "~/features/reviews/review.server";
import { reviewLink } from "~/features/reviews/review";
import { WorkflowError } from "~/utils/workflow-error.server";
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
  return json({
    account,
    ...(await loadAccountReviews(context.db, accountId)),
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
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return <AccountReviewsPage data={data} reply={reply} />;
}
