import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ApprovalBadge } from "~/features/approvals/approval-badge";
import { LadderSteps, LifecycleBadge, TierBadge } from "~/features/accounts/stage-badges";
import { useRevalidateOn } from "~/hub/hub-context";
import { useT } from "~/i18n/i18n";
import { listPortfolio } from "~/features/accounts/account.server";
import { portfolioApprovals } from "~/features/approvals/approval-queries.server";
import { portfolioReviews } from "~/features/reviews/review.server";
import { PortfolioReviewCell } from "~/features/reviews/portfolio-review-cell";
import type { DocKind } from "~/features/documents/doc-templates";
import { seesWholePortfolio, type AccountRole } from "~/features/auth/permissions.server";
import { requireUser } from "~/features/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Portfolio · Keyroom" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const url = new URL(request.url);
  const search = url.searchParams.get("q")?.slice(0, 100) ?? "";
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1;
  const portfolio = await listPortfolio(context.db, user, { search, page });
  const accountIds = portfolio.accounts.map((account) => account.id);
  const [approvals, reviews] = await Promise.all([
    portfolioApprovals(context.db, accountIds),
    portfolioReviews(context.db, accountIds),
  ]);
  return json({ ...portfolio, approvals, reviews, search, seesAll: seesWholePortfolio(user.workspaceRole) });
}

export default function Portfolio() {
  const { accounts, approvals, reviews, seesAll, search, page, pages, total } = useLoaderData<typeof loader>();
  const t = useT();
  useRevalidateOn("approval:changed");
  useRevalidateOn("review:changed");
  return (
    <>
      <div className="page-title">
        <h1>{t("portfolio.title")}</h1>
        <p className="muted">{t(seesAll ? "portfolio.subtitle.all" : "portfolio.subtitle.mine")}</p>
      </div>
      {total > 0 || search ? <PortfolioSearch search={search} total={total} /> : null}
      {accounts.length === 0 && search ? (
        <p className="empty-state">{t("portfolio.noMatch", { search })}</p>
      ) : accounts.length === 0 ? (
        <section className="empty-state">
          <h2>{t("portfolio.empty.title")}</h2>
          <p>{t("portfolio.empty.body")}</p>
        </section>
      ) : (
        <PortfolioTable accounts={accounts} approvals={approvals} reviews={reviews} />
      )}
      {pages > 1 ? <Pager page={page} pages={pages} search={search} /> : null}
    </>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function PortfolioSearch({ search, total }: { search: string; total: number }) {
  const t = useT();
  return (
    <Form method="get" className="toolbar-row" role="search">
      <label className="visually-hidden" htmlFor="portfolio-search">
        {t("portfolio.search")}
      </label>
      <input
        id="portfolio-search"
        type="search"
        name="q"
        defaultValue={search}
        placeholder={t("portfolio.search.placeholder")}
      />
      <button type="submit" className="button">
        {t("portfolio.search")}
      </button>
      <span className="muted small">{t("portfolio.count", { total })}</span>
    </Form>
  );
}

interface PortfolioTableProps {
  accounts: PageData["accounts"];
  approvals: PageData["approvals"];
  reviews: PageData["reviews"];
}

function PortfolioTable({ accounts, approvals, reviews }: PortfolioTableProps) {
  const t = useT();
  return (
    <div className="card table-card">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("portfolio.col.account")}</th>
            <th scope="col">{t("portfolio.col.tier")}</th>
            <th scope="col">{t("portfolio.col.ladder")}</th>
            <th scope="col">{t("portfolio.col.lifecycle")}</th>
            <th scope="col">{t("portfolio.col.approvals")}</th>
            <th scope="col">{t("portfolio.col.reviews")}</th>
            <th scope="col">{t("portfolio.col.team")}</th>
            <th scope="col">{t("portfolio.col.role")}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <PortfolioRow
              key={account.id}
              account={account}
              approvals={approvals[account.id] ?? []}
              reviews={reviews[account.id]}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface PortfolioRowProps {
  account: PageData["accounts"][number];
  approvals: PageData["approvals"][string];
  reviews: PageData["reviews"][string];
}

function PortfolioRow({ account, approvals, reviews }: PortfolioRowProps) {
  const t = useT();
  return (
    <tr>
      <td>
        <Link to={`/accounts/${account.id}`} className="strong-link">
          {account.name}
        </Link>
        <div className="muted small">{account.industry}</div>
      </td>
      <td>
        <TierBadge tier={account.tier} />
      </td>
      <td>
        <LadderSteps stage={account.ladderStage} />
      </td>
      <td>
        <LifecycleBadge stage={account.lifecycleStage} />
      </td>
      <td>
        <ul className="doc-approvals">
          {approvals.map((doc) => (
            <li key={doc.id} title={doc.title}>
              <span className="muted small">{t(`docKind.${doc.kind as DocKind}`)}</span>{" "}
              <ApprovalBadge status={doc.status} />
            </li>
          ))}
        </ul>
      </td>
      <td>
        <PortfolioReviewCell accountId={account.id} reviews={reviews} />
      </td>
      <td>{t("portfolio.people", { count: account.teamSize })}</td>
      <td>{account.myRole ? t(`role.${account.myRole as AccountRole}`) : t("portfolio.overseer")}</td>
    </tr>
  );
}

function Pager({ page, pages, search }: { page: number; pages: number; search: string }) {
  const t = useT();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) })}`;
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
