import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LadderSteps, LifecycleBadge, TierBadge } from "~/components/stage-badges";
import { useT } from "~/i18n/i18n";
import { listPortfolio } from "~/models/account.server";
import type { AccountRole } from "~/utils/permissions.server";
import { seesWholePortfolio } from "~/utils/permissions.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Portfolio · Keyroom" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const accounts = await listPortfolio(context.db, user);
  return json({ accounts, seesAll: seesWholePortfolio(user.workspaceRole) });
}

export default function Portfolio() {
  const { accounts, seesAll } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-title">
        <h1>{t("portfolio.title")}</h1>
        <p className="muted">{t(seesAll ? "portfolio.subtitle.all" : "portfolio.subtitle.mine")}</p>
      </div>
      {accounts.length === 0 ? (
        <section className="empty-state">
          <h2>{t("portfolio.empty.title")}</h2>
          <p>{t("portfolio.empty.body")}</p>
        </section>
      ) : (
        <div className="card table-card">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("portfolio.col.account")}</th>
                <th scope="col">{t("portfolio.col.tier")}</th>
                <th scope="col">{t("portfolio.col.ladder")}</th>
                <th scope="col">{t("portfolio.col.lifecycle")}</th>
                <th scope="col">{t("portfolio.col.team")}</th>
                <th scope="col">{t("portfolio.col.role")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.id}>
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
                  <td>{t("portfolio.people", { count: account.teamSize })}</td>
                  <td>{account.myRole ? t(`role.${account.myRole as AccountRole}`) : t("portfolio.overseer")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
