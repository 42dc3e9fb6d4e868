import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NetValuePage } from "~/features/net-value/net-value-page";
import { loadWorksheet, worksheetAction } from "~/features/net-value/net-value.server";
import netValueStyles from "~/features/net-value/net-value.css";
import { accountPageTitle } from "~/components/account-page-header";
import type { RoundReply } from "~/features/scoring-rounds/round-reply";
import roundStyles from "~/features/scoring-rounds/rounds.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: roundStyles },
  { rel: "stylesheet", href: netValueStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  accountPageTitle("netValue.title", data, matches);

/** `?quarter=2026-Q4` picks a quarter; without it the latest round's, or this quarter's when there is none. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadWorksheet(request, context, params.accountId ?? ""));
}

/** Opening, scoring and the reveal; who may do which is the commands' call. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  return worksheetAction(request, context, params.accountId ?? "");
}

export default function NetValueWorksheet() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<RoundReply>();
  return <NetValuePage {...data} reply={reply} />;
}
