import { lazy } from "react";
import { DeferredChart } from "~/components/deferred-chart";
import { useLocale, useT } from "~/i18n/i18n";
import type { ItemAggregate } from "~/features/scoring-rounds/rounds";
import {
  FACTOR_GROUPS,
  factorName,
  formatScore,
  formatSigned,
  summarize,
  waterfall,
  type WaterfallStep,
} from "./net-value";

const WaterfallBars = lazy(() => import("./net-value-drawings").then((module) => ({ default: module.WaterfallBars })));

const BAR_COLOR: Record<WaterfallStep["kind"], string> = {
  value: "#067647",
  cost: "#b42318",
  net: "#1e3a8a",
};

const WATERFALL_HEIGHT = 260;

interface Props {
  quarter: string;
  aggregate: ItemAggregate[];
  evidence: { item: string; text: string }[];
}

/** A revealed worksheet: the net value, the waterfall from values to costs, each factor's numbers and the notes. */
export function NetValueResults({ quarter, aggregate, evidence }: Props) {
  const t = useT();
  const locale = useLocale();
  const { net } = summarize(aggregate);
  return (
    <>
      <p className="nv-net">
        <span className="nv-net__label">{t("netValue.results.net")}</span>
        {net === null ? (
          <span className="muted">{t("netValue.results.netIncomplete")}</span>
        ) : (
          <span className={`nv-net__value ${net >= 0 ? "nv-net__value--up" : "nv-net__value--down"}`}>
            {formatSigned(net, locale)}
          </span>
        )}
      </p>
      <p className="muted small">{t("netValue.results.range")}</p>
      <div className="nv-results">
        <Waterfall quarter={quarter} aggregate={aggregate} />
        <FactorTable aggregate={aggregate} />
      </div>
      <Evidence evidence={evidence} />
    </>
  );
}

function Waterfall({ quarter, aggregate }: { quarter: string; aggregate: ItemAggregate[] }) {
  const t = useT();
  const locale = useLocale();
  const steps = waterfall(aggregate);
  const name = (item: string) => (item === "net" ? t("netValue.chart.net") : t(factorName(item)));
  const list = (kind: WaterfallStep["kind"]) =>
    steps
      .filter((s) => s.kind === kind)
      .map((s) => `${name(s.item)} ${formatScore(Math.abs(s.change), locale)}`)
      .join(", ");
  const label = t("netValue.chart.label", {
    quarter,
    values: list("value"),
    costs: list("cost"),
    net: formatSigned(steps[steps.length - 1]?.change ?? 0, locale),
  });
  const data = steps.map((s) => ({ item: s.item, range: s.range, name: name(s.item), color: BAR_COLOR[s.kind] }));
  return (
    // The chart is a picture of the table below; screen readers get its summary instead of the SVG.
    <div className="nv-chart" role="img" aria-label={label}>
      <DeferredChart height={WATERFALL_HEIGHT}>
        <WaterfallBars height={WATERFALL_HEIGHT} data={data} />
      </DeferredChart>
    </div>
  );
}

function FactorTable({ aggregate }: { aggregate: ItemAggregate[] }) {
  const t = useT();
  const locale = useLocale();
  const { value, cost } = summarize(aggregate);
  const num = (n: number | null) => (n === null ? t("netValue.results.notScored") : formatScore(n, locale));
  return (
    <div className="table-card nv-table">
      <table className="data-table">
        <caption className="visually-hidden">{t("netValue.results.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("netValue.results.factor")}</th>
            <th scope="col">{t("netValue.results.mean")}</th>
            <th scope="col">{t("netValue.results.spread")}</th>
            <th scope="col">{t("netValue.results.scorers")}</th>
          </tr>
        </thead>
        {FACTOR_GROUPS.map((group) => (
          <tbody key={group.key}>
            <tr className="nv-table__group">
              <th scope="rowgroup" colSpan={4}>
                {t(group.heading)}
              </th>
            </tr>
            {group.items.map((factor) => {
              const a = aggregate.find((row) => row.item === factor);
              return (
                <tr key={factor}>
                  <th scope="row">{t(factorName(factor))}</th>
                  <td>{num(a?.mean ?? null)}</td>
                  <td>{a?.min != null && a.max != null ? `${a.min}–${a.max}` : "—"}</td>
                  <td>{a?.count ?? 0}</td>
                </tr>
              );
            })}
            <tr className="nv-table__total">
              <th scope="row">
                {t(group.key === "value" ? "netValue.results.totalValue" : "netValue.results.totalCost")}
              </th>
              <td colSpan={3}>{formatScore(group.key === "value" ? value : cost, locale)}</td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}

function Evidence({ evidence }: { evidence: { item: string; text: string }[] }) {
  const t = useT();
  const notes = evidence.filter((e) => e.text.trim() !== "");
  return (
    <section className="nv-evidence" aria-labelledby="nv-evidence-heading">
      <h3 id="nv-evidence-heading">{t("netValue.evidence.title")}</h3>
      {notes.length === 0 ? (
        <p className="muted small">{t("netValue.evidence.none")}</p>
      ) : (
        <dl>
          {FACTOR_GROUPS.flatMap((group) => group.items).map((factor) => {
            const texts = notes.filter((e) => e.item === factor);
            if (texts.length === 0) return null;
            return (
              <div key={factor} className="nv-evidence__factor">
                <dt>{t(factorName(factor))}</dt>
                {texts.map((e, i) => (
                  <dd key={i}>{e.text}</dd>
                ))}
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}
