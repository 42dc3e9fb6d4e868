import { ClientChart } from "~/components/client-chart";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
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
        <ClientChart height={CHART_HEIGHT}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 0, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" width={84} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar dataKey="count" name={t("portfolio.charts.accounts")} fill="#1e3a8a" isAnimationActive={false} />
          </BarChart>
        </ClientChart>
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
        <ClientChart height={CHART_HEIGHT}>
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            {/* In the bands' order, lowest first, not alphabetical. */}
            <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} />
            {BANDS.map(({ band, color }) => (
              <Bar
                key={band}
                dataKey={band}
                stackId="health"
                name={bandName(band)}
                fill={color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ClientChart>
      </div>
    </figure>
  );
}
