import { lazy } from "react";
import { DeferredChart } from "~/components/deferred-chart";
import { useT, type MessageKey } from "~/i18n/i18n";
import type { HealthBand } from "./portfolio.schema";
import type { PortfolioChartData } from "./portfolio-view";

const BANDS: { band: HealthBand; color: string }[] = [
  { band: "critical", color: "#b42318" },
  { band: "weak", color: "#dc6803" },
  { band: "fair", color: "#1e3a8a" },
  { band: "strong", color: "#067647" },
  { band: "none", color: "#98a2b3" },
];

const CHART_HEIGHT = 200;

// Recharts is most of the portfolio's script: it loads after the page is interactive.
const StageBars = lazy(() => import("./portfolio-chart-drawings").then((module) => ({ default: module.StageBars })));
const TierBars = lazy(() => import("./portfolio-chart-drawings").then((module) => ({ default: module.TierBars })));

/** Accounts per ladder and lifecycle stage (funnels, top stage first) and health by tier; each chart carries a text summary. */
export function PortfolioCharts({ charts }: { charts: PortfolioChartData }) {
  const t = useT();
  return (
    <section className="portfolio-charts" aria-label={t("portfolio.charts.label")}>
      <StageFunnel title={t("portfolio.charts.ladder")} prefix="ladder" counts={charts.ladder} />
      <StageFunnel title={t("portfolio.charts.lifecycle")} prefix="lifecycle" counts={charts.lifecycle} />
      <HealthByTier rows={charts.healthByTier} />
    </section>
  );
}

function StageFunnel({
  title,
  prefix,
  counts,
}: {
  title: string;
  prefix: string;
  counts: PortfolioChartData["ladder"];
}) {
  const t = useT();
  const data = counts.map(({ stage, count }) => ({ name: t(`${prefix}.${stage}` as MessageKey), count }));
  const summary = data.map((row) => `${row.name} ${row.count}`).join(", ");
  return (
    <figure className="card portfolio-chart">
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={t("portfolio.charts.summary", { title, summary })}>
        <DeferredChart height={CHART_HEIGHT}>
          <StageBars height={CHART_HEIGHT} data={data} seriesName={t("portfolio.charts.accounts")} />
        </DeferredChart>
      </div>
    </figure>
  );
}

function HealthByTier({ rows }: { rows: PortfolioChartData["healthByTier"] }) {
  const t = useT();
  const bandName = (band: HealthBand) => t(`portfolio.band.${band}`);
  const data = rows.map((row) => ({ ...row, name: t(`tier.${row.tier}` as MessageKey) }));
  const summary = data
    .map((row) => `${row.name}: ${BANDS.map(({ band }) => `${bandName(band)} ${row[band]}`).join(", ")}`)
    .join("; ");
  return (
    <figure className="card portfolio-chart">
      <figcaption>{t("portfolio.charts.health")}</figcaption>
      <div role="img" aria-label={t("portfolio.charts.summary", { title: t("portfolio.charts.health"), summary })}>
        <DeferredChart height={CHART_HEIGHT}>
          <TierBars
            height={CHART_HEIGHT}
            data={data}
            bands={BANDS.map(({ band, color }) => ({ band, color, name: bandName(band) }))}
          />
        </DeferredChart>
      </div>
    </figure>
  );
}
