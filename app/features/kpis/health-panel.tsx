import { TableScroll } from "~/components/table-scroll";
import { useLocale, useT, type Locale } from "~/i18n/i18n";
import type { Health, KpiUnit } from "~/features/kpis/kpi";
import type { KpiDefinitionView } from "~/features/kpis/kpi.schema";
import { formatKpiValue, formatPoints, healthBand, kpiName } from "./format";

interface Props {
  quarter: string | null;
  health: Health | null;
  definitions: KpiDefinitionView[];
  /** The quarter's values by KPI key, to name the KPIs recorded but left out of the score. */
  values: Record<string, number>;
  /** The account's currency (ISO 4217), for revenue-like KPIs. */
  currency?: string;
}

/** The latest quarter's health score and the arithmetic behind it, so nobody has to trust a black box. */
export function HealthPanel({ quarter, health, definitions, values, currency }: Props) {
  const t = useT();
  const locale = useLocale();
  if (!quarter || !health || health.score === null) {
    return (
      <>
        <p className="muted" data-health="">
          {t(quarter ? "kpis.health.noneScored" : "kpis.health.none")}
        </p>
        <p className="muted small">{t("kpis.health.pointsRule")}</p>
      </>
    );
  }
  const scored = new Set(health.parts.map((part) => part.key));
  const unscored = definitions.filter((definition) => !scored.has(definition.key));
  return (
    <>
      <p className="kpi-health">
        <span className={`kpi-health__score kpi-health--${healthBand(health.score)}`} data-health={health.score}>
          {health.score}
        </span>
        <span className="muted">{t("kpis.health.outOf", { quarter })}</span>
      </p>
      <HealthTable quarter={quarter} parts={health.parts} definitions={definitions} currency={currency} />
      <p className="kpi-formula">
        {t("kpis.health.formula", {
          sum: formatPoints(health.weightedSum, locale),
          weights: formatPoints(health.totalWeight, locale),
          score: health.score,
        })}
      </p>
      <p className="muted small">{t("kpis.health.pointsRule")}</p>
      {unscored.length > 0 ? (
        <p className="muted small">
          {t("kpis.health.unscored", {
            names: unscoredNames(unscored, values, locale, currency),
          })}
        </p>
      ) : null}
    </>
  );
}

function HealthTable({
  quarter,
  parts,
  definitions,
  currency,
}: {
  quarter: string;
  parts: Health["parts"];
  definitions: KpiDefinitionView[];
  currency?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  return (
    <TableScroll label={t("kpis.health.tableCaption", { quarter })}>
      <table className="data-table kpi-health__table">
        <caption className="visually-hidden">{t("kpis.health.tableCaption", { quarter })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("kpis.column.kpi")}</th>
            <th scope="col">{t("kpis.column.value")}</th>
            <th scope="col">{t("kpis.column.target")}</th>
            <th scope="col">{t("kpis.column.points")}</th>
            <th scope="col">{t("kpis.column.weight")}</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part) => {
            const definition = byKey.get(part.key);
            const unit = definition?.unit ?? ("count" satisfies KpiUnit);
            return (
              <tr key={part.key}>
                <th scope="row">
                  {definition ? kpiName(definition, locale) : part.key}
                  <span className="muted small kpi-direction">
                    {t(definition?.direction === "lower_better" ? "kpis.direction.lower" : "kpis.direction.higher")}
                  </span>
                </th>
                <td>{formatKpiValue(part.value, unit, locale, currency)}</td>
                <td>{formatKpiValue(part.target, unit, locale, currency)}</td>
                <td>{formatPoints(part.points, locale)}</td>
                <td>{formatPoints(part.weight, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The KPIs left out of the score, each with its value when one was recorded. */
function unscoredNames(
  unscored: KpiDefinitionView[],
  values: Record<string, number>,
  locale: Locale,
  currency?: string,
): string {
  return unscored
    .map((definition) =>
      values[definition.key] === undefined
        ? kpiName(definition, locale)
        : `${kpiName(definition, locale)} (${formatKpiValue(values[definition.key], definition.unit, locale, currency)})`,
    )
    .join(locale === "zh-CN" ? "、" : ", ");
}
