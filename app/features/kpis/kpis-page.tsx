import { AccountPageHeader } from "~/components/account-page-header";
import { useT } from "~/i18n/i18n";
import { DefineKpiForm } from "./define-kpi-form";
import { HealthPanel } from "./health-panel";
import { KpiCharts } from "./kpi-charts";
import { KpiEntryForm } from "./kpi-entry-form";
import { KpiImportForm } from "./kpi-import-form";
import type { KpiActionReply, KpiOverview } from "./kpi.schema";

/** What the account's KPI page's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface KpisPageData extends KpiOverview {
  account: { id: string; name: string; currency: string };
  canEdit: boolean;
  /** Workspace admins add KPI definitions. */
  canDefine: boolean;
}

export function KpisPage({ data, reply }: { data: KpisPageData; reply: KpiActionReply | undefined }) {
  const { account, definitions, quarters, values, latestQuarter, health, healthByQuarter } = data;
  const t = useT();
  return (
    <>
      <AccountPageHeader account={account} title="kpis.title" subtitle="kpis.subtitle" />
      <div className="kpi-layout">
        <section className="card" aria-labelledby="kpi-health-heading">
          <h2 id="kpi-health-heading">{t("kpis.health.title")}</h2>
          <HealthPanel
            quarter={latestQuarter}
            health={health}
            definitions={definitions}
            values={latestQuarter ? (values[latestQuarter] ?? {}) : {}}
            currency={account.currency}
          />
        </section>
        <section className="card" aria-labelledby="kpi-trends-heading">
          <h2 id="kpi-trends-heading">{t("kpis.trends.title")}</h2>
          {latestQuarter === null ? (
            <div className="empty-state">
              <p>{t("kpis.empty.title")}</p>
              <p className="muted small">{t(data.canEdit ? "kpis.empty.body" : "kpis.empty.readOnly")}</p>
            </div>
          ) : (
            <KpiCharts
              definitions={definitions}
              quarters={quarters}
              values={values}
              healthByQuarter={healthByQuarter}
              currency={account.currency}
            />
          )}
        </section>
        {data.canEdit ? (
          <>
            <section className="card" aria-labelledby="kpi-entry-heading">
              <h2 id="kpi-entry-heading">{t("kpis.form.title")}</h2>
              <KpiEntryForm definitions={definitions} quarters={quarters} values={values} reply={reply} />
            </section>
            <section className="card" aria-labelledby="kpi-import-heading">
              <h2 id="kpi-import-heading">{t("kpis.import.title")}</h2>
              <KpiImportForm reply={reply} definitions={definitions} />
            </section>
          </>
        ) : (
          <p className="muted small">{t("kpis.readOnly")}</p>
        )}
        {data.canDefine ? (
          <section className="card" aria-labelledby="kpi-define-heading">
            <h2 id="kpi-define-heading">{t("kpis.define.title")}</h2>
            <DefineKpiForm reply={reply} />
          </section>
        ) : null}
      </div>
    </>
  );
}
