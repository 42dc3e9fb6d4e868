import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/i18n.server";
import { getReviewPage } from "~/features/reviews/review.server";
import { reviewMarkdown } from "~/features/reviews/review-markdown";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

/** A closed review's summary as a Markdown file, in the reader's language. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user } = await requireAccountAccess(request, context, accountId);
  const page = await getReviewPage(context.db, accountId, params.reviewId ?? "");
  invariantResponse(page, "Review not found", 404);
  invariantResponse(page.summary, "The review is not closed yet", 409);
  const locale = await requestLocale(request, user.locale);
  const markdown = reviewMarkdown(page.summary, (key, vars) => translate(locale, key, vars), locale);
  const filename = `review-${page.summary.quarter}-${page.summary.account.name}`.replace(/[^\w.-]+/g, "-");
  return new Response(markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}.md"`,
      "Cache-Control": "private, no-store",
    },
  });
}
