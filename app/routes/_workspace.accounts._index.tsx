import "~/common-chunk";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PortfolioPage } from "~/features/accounts/portfolio-page";
import { parsePortfolioView } from "~/features/accounts/portfolio.schema";
import { loadPortfolio } from "~/features/accounts/portfolio.server";
import portfolioStyles from "~/features/accounts/portfolio.css";
import { requireUser } from "~/features/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Portfolio · Keyroom" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portfolioStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const view = parsePortfolioView(new URL(request.url).searchParams);
  return json(await loadPortfolio(context.db, user, view));
}

export default function Portfolio() {
  return <PortfolioPage data={useLoaderData<typeof loader>()} />;
}
