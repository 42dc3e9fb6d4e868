import "~/common-chunk";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { accountPageTitle } from "~/components/account-page-header";
import { TimelinePage } from "~/features/blocks/block-pages";
import blockPagesStyles from "~/features/blocks/block-pages.css";
import { loadTimeline } from "~/features/blocks/block-pages.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: blockPagesStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  accountPageTitle("blocks.timeline.title", data, matches);

/** `?department=&status=&goal=` filter the initiatives. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return json(await loadTimeline(request, context, params.accountId ?? ""));
}

export default function RoadmapTimeline() {
  return <TimelinePage data={useLoaderData<typeof loader>()} />;
}
