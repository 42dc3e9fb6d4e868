import { useLocale, useT } from "~/i18n/i18n";
import type { KpiDefinitionView } from "~/features/kpis/kpi.schema";
import { formatKpiValue, kpiName } from "./format";
import { TrendChart } from "./trend-chart";

interface Props {
  definitions: KpiDefinitionView[];
  /** Oldest first. */
  quarters: string[];
  /** Values by quarter, then by KPI key. */
  values: Record<string, Record<string, number>>;
  healthByQuarter: Record<string, number | null>;
  /** The account's currency (ISO 4217), for revenue-like KPIs. */
  currency?: string;
}

/** The health score's trend, then one small chart per KPI with its latest value and target. */
export function KpiCharts({ definitions, quarters, values, healthByQuarter, currency }: Props) {
  const t = useT();
  const locale = useLocale();
  const chartSeries = (key: string) => quarters.map((quarter) => values[quarter]?.[key] ?? null);
  return (
    <ul className="kpi-charts">
      <li className="kpi-chart-card">
        <h3>{t("kpis.health.title")}</h3>
        <TrendChart
          label={t("kpis.trends.chartLabel", { kpi: t("kpis.health.title") })}
          quarters={quarters}
          values={quarters.map((quarter) => healthByQuarter[quarter] ?? null)}
          format={String}
          missingText={t("kpis.trends.noValue")}
        />
      </li>
      {definitions.map((definition) => {
        const series = chartSeries(definition.key);
        const latest = [...series].reverse().find((value) => value !== null) ?? null;
        const name = kpiName(definition, locale);
        const format = (value: number) => formatKpiValue(value, definition.unit, locale, currency);
        return (
          <li key={definition.key} className="kpi-chart-card">
            <h3>
              {name}
              {latest !== null ? <span className="kpi-chart-card__latest">{format(latest)}</span> : null}
            </h3>
            {latest === null ? (
              <p className="muted small">{t("kpis.trends.empty")}</p>
            ) : (
              <TrendChart
                label={t("kpis.trends.chartLabel", { kpi: name })}
                quarters={quarters}
                values={series}
                format={format}
                target={definition.target}
                missingText={t("kpis.trends.noValue")}
              />
            )}
            {definition.target !== null ? (
              <p className="muted small">{t("kpis.trends.target", { target: format(definition.target) })}</p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
