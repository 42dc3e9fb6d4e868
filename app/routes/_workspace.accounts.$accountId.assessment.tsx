import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AssessmentPage } from "~/features/assessments/assessment-page";
import { handleAssessmentIntent, loadAssessment } from "~/features/assessments/assessment.server";
import assessmentStyles from "~/features/assessments/assessments.css";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";
import { translate, type Locale } from "~/i18n/i18n";
import { formFields } from "~/utils/form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: assessmentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [
    { title: data ? `${translate(locale ?? "en", "assessment.title")} · ${data.account.name} · Keyroom` : "Keyroom" },
  ];
};

/** `?quarter=2026-Q4` picks a round; without it the latest is shown. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const account = await context.db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } });
  invariantResponse(account, "Account not found", 404);
  const quarter = new URL(request.url).searchParams.get("quarter");
  return json(await loadAssessment(context.db, user, access, account, quarter));
}

/** Opening, scoring, targets, reveal and gap action items; who may do which is the commands' call. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user } = await requireAccountAccess(request, context, accountId);
  const locale = await requestLocale(request, user.locale);
  return handleAssessmentIntent(context, user, accountId, locale, await formFields(request));
}

export default function AccountAssessment() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return <AssessmentPage {...data} reply={reply} />;
}
