import { Link } from "@remix-run/react";
import { useRevalidateOn } from "~/hub/hub-context";
import { useT } from "~/i18n/i18n";
import { PortfolioCharts } from "./portfolio-charts";
import { PortfolioFilters } from "./portfolio-filters";
import { portfolioSearch, type PortfolioView } from "./portfolio.schema";
import { PortfolioTable, type KpiLabel } from "./portfolio-table";
import type { PortfolioChartData, PortfolioRowData } from "./portfolio-view";

/** What the portfolio's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface PortfolioPageData {
  view: PortfolioView;
  /** Accounts the viewer may see at all, and of them those the view's filters keep. */
  visibleTotal: number;
  total: number;
  page: number;
  pages: number;
  accounts: PortfolioRowData[];
  charts: PortfolioChartData;
  leads: { id: string; name: string }[];
  definitions: KpiLabel[];
  seesAll: boolean;
}

export function PortfolioPage({ data }: { data: PortfolioPageData }) {
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
            <PortfolioTable view={view} rows={accounts} definitions={data.definitions} />
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
