import { Link } from "@remix-run/react";
import { lazy } from "react";
import { DeferredChart } from "~/components/deferred-chart";
import { useLocale, useT } from "~/i18n/i18n";
import type { ItemAggregate } from "~/features/scoring-rounds/rounds";
import { formatScore, formatSigned, summarize } from "./net-value";

const HistoryBars = lazy(() => import("./net-value-drawings").then((module) => ({ default: module.HistoryBars })));

const CHART_HEIGHT = 240;

export interface RevealedQuarter {
  quarter: string;
  aggregate: ItemAggregate[];
}

interface Props {
  /** Revealed quarters, oldest first. */
  history: RevealedQuarter[];
  /** The quarter on the page, highlighted in the table. */
  current: string;
}

/** The revealed quarters side by side: grouped bars of value, cost and net, and the same numbers as a table. */
export function NetValueHistory({ history, current }: Props) {
  const t = useT();
  const locale = useLocale();
  if (history.length === 0) return <p className="muted">{t("netValue.history.empty")}</p>;
  const rows = history.map(({ quarter, aggregate }) => ({ quarter, ...summarize(aggregate) }));
  const summary = rows
    .map((row) => `${row.quarter} ${row.net === null ? t("netValue.history.none") : formatSigned(row.net, locale)}`)
    .join(", ");
  const labels = {
    value: t("netValue.results.totalValue"),
    cost: t("netValue.results.totalCost"),
    net: t("netValue.results.net"),
  };
  return (
    <>
      <div className="nv-chart" role="img" aria-label={t("netValue.history.chartLabel", { summary })}>
        <DeferredChart height={CHART_HEIGHT}>
          <HistoryBars height={CHART_HEIGHT} rows={rows} labels={labels} />
        </DeferredChart>
      </div>
      <div className="table-card">
        <table className="data-table nv-history">
          <caption className="visually-hidden">{t("netValue.history.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("netValue.history.quarter")}</th>
              <th scope="col">{labels.value}</th>
              <th scope="col">{labels.cost}</th>
              <th scope="col">{labels.net}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.quarter} aria-current={row.quarter === current ? "true" : undefined}>
                <th scope="row">
                  <Link to={`?quarter=${row.quarter}`}>{row.quarter}</Link>
                </th>
                <td>{formatScore(row.value, locale)}</td>
                <td>{formatScore(row.cost, locale)}</td>
                <td>{row.net === null ? t("netValue.history.none") : formatSigned(row.net, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
