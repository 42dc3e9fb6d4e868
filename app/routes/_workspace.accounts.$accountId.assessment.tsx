import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AssessmentPage } from "~/features/assessments/assessment-page";
import type { AssessmentReply } from "~/features/assessments/assessment-reply";
import { assessmentAction, loadAssessment } from "~/features/assessments/assessment.server";
import assessmentStyles from "~/features/assessments/assessments.css";
import { accountPageTitle } from "~/components/account-page-header";
import roundStyles from "~/features/scoring-rounds/rounds.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: roundStyles },
  { rel: "stylesheet", href: assessmentStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  accountPageTitle("assessment.title", data, matches);

/** `?quarter=2026-Q4` picks a round; without it the latest is shown. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadAssessment(request, context, params.accountId ?? ""));
}

/** Opening, scoring, targets, reveal and gap action items; who may do which is the commands' call. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  return assessmentAction(request, context, params.accountId ?? "");
}

export default function AccountAssessment() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<AssessmentReply>();
  return <AssessmentPage {...data} reply={reply} />;
}
