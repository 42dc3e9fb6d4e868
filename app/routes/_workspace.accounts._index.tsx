import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadPortfolio } from "~/features/accounts/portfolio.server";
import { parsePortfolioView, portfolioSearch, type PortfolioView } from "~/features/accounts/portfolio.schema";
import { PortfolioCharts } from "~/features/accounts/portfolio-charts";
import { PortfolioFilters } from "~/features/accounts/portfolio-filters";
import { PortfolioTable } from "~/features/accounts/portfolio-table";
import portfolioStyles from "~/features/accounts/portfolio.css";
import { portfolioApprovals } from "~/features/approvals/approval-queries.server";
import { seesWholePortfolio } from "~/features/auth/permissions.server";
import { requireUser } from "~/features/auth/session.server";
import { portfolioReviews } from "~/features/reviews/review.server";
import { latestResults } from "~/features/scoring-rounds/round-queries.server";
import { useRevalidateOn } from "~/hub/hub-context";
import { useT } from "~/i18n/i18n";

export const meta: MetaFunction = () => [{ title: "Portfolio · Keyroom" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: portfolioStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const view = parsePortfolioView(new URL(request.url).searchParams);
  const portfolio = await loadPortfolio(context.db, user, view);
  const accountIds = portfolio.accounts.map((row) => row.id);
  const [approvals, reviews, results] = await Promise.all([
    portfolioApprovals(context.db, accountIds),
    portfolioReviews(context.db, accountIds),
    latestResults(context.db, accountIds),
  ]);
  return json({
    ...portfolio,
    view: { ...view, page: portfolio.page },
    approvals,
    reviews,
    results,
    seesAll: seesWholePortfolio(user.workspaceRole),
  });
}

export default function Portfolio() {
  const data = useLoaderData<typeof loader>();
  const { view, accounts, visibleTotal, total, page, pages, seesAll } = data;
  const t = useT();
  useRevalidateOn("approval:changed");
  useRevalidateOn("review:changed");
  useRevalidateOn("action:changed");
  return (
    <>
      <div className="page-title">
        <h1>{t("portfolio.title")}</h1>
        <p className="muted">{t(seesAll ? "portfolio.subtitle.all" : "portfolio.subtitle.mine")}</p>
      </div>
      {visibleTotal === 0 ? (
        <section className="empty-state">
          <h2>{t("portfolio.empty.title")}</h2>
          <p>{t("portfolio.empty.body")}</p>
        </section>
      ) : (
        <>
          <PortfolioFilters view={view} total={total} leads={data.leads} />
          {total > 0 ? <PortfolioCharts charts={data.charts} /> : null}
          {accounts.length === 0 ? (
            <p className="empty-state">
              {view.q ? t("portfolio.noMatch", { search: view.q }) : t("portfolio.noMatchFilters")}
            </p>
          ) : (
            <PortfolioTable
              view={view}
              rows={accounts}
              definitions={data.definitions}
              approvals={data.approvals}
              reviews={data.reviews}
              results={data.results}
            />
          )}
          {pages > 1 ? <Pager view={view} page={page} pages={pages} /> : null}
        </>
      )}
    </>
  );
}

function Pager({ view, page, pages }: { view: PortfolioView; page: number; pages: number }) {
  const t = useT();
  const pageLink = (n: number) => portfolioSearch(view, { page: n }) || "?";
  return (
    <nav className="pager" aria-label={t("portfolio.pages")}>
      {page > 1 ? (
        <Link to={pageLink(page - 1)} rel="prev">
          ← {t("portfolio.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="muted small">{t("portfolio.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={pageLink(page + 1)} rel="next">
          {t("portfolio.next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
