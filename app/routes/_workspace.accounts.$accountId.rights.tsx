import "~/common-chunk";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { accountPageTitle } from "~/components/account-page-header";
import { ScorecardPage } from "~/features/blocks/block-pages";
import blockPagesStyles from "~/features/blocks/block-pages.css";
import { loadScorecard } from "~/features/blocks/block-pages.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: blockPagesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  accountPageTitle("blocks.scorecard.title", data, matches);

/** `?quarter=2026-Q3` picks the quarter; without it the latest with KPI values. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadScorecard(request, context, params.accountId ?? ""));
}

export default function RightsScorecard() {
  return <ScorecardPage data={useLoaderData<typeof loader>()} />;
}
