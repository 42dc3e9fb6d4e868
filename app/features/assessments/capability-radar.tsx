import { lazy } from "react";
import { DeferredChart } from "~/components/deferred-chart";
import { useT } from "~/i18n/i18n";
import { CAPABILITY_ELEMENTS, type ItemAggregate } from "~/features/scoring-rounds/rounds";

const RadarDrawing = lazy(() =>
  import("./capability-radar-drawing").then((module) => ({ default: module.RadarDrawing })),
);

interface Props {
  quarter: string;
  aggregate: ItemAggregate[];
  targets: { item: string; level: number }[];
  previous: { quarter: string; aggregate: ItemAggregate[] } | null;
}

const meanOf = (aggregate: readonly ItemAggregate[], item: string) =>
  aggregate.find((a) => a.item === item)?.mean ?? null;

const HEIGHT = 380;

/**
 * The team's profile against the target and the previous revealed round. The
 * results table beside it holds the same numbers, so the chart is hidden from
 * screen readers behind a one-line summary.
 */
export function CapabilityRadar({ quarter, aggregate, targets, previous }: Props) {
  const t = useT();
  const data = CAPABILITY_ELEMENTS.map((item) => ({
    element: t(`rounds.item.${item}`),
    team: meanOf(aggregate, item),
    target: targets.find((target) => target.item === item)?.level ?? null,
    previous: previous ? meanOf(previous.aggregate, item) : null,
  }));
  const names = {
    team: t("assessment.radar.team", { quarter }),
    target: targets.length > 0 ? t("assessment.radar.target") : null,
    previous: previous ? t("assessment.radar.previous", { quarter: previous.quarter }) : null,
  };
  return (
    <figure className="assessment-radar" role="img" aria-label={t("assessment.radar.summary")}>
      <DeferredChart height={HEIGHT}>
        <RadarDrawing height={HEIGHT} data={data} names={names} />
      </DeferredChart>
    </figure>
  );
}
