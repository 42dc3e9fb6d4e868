import { ClientChart } from "~/components/client-chart";
import { useEffect, useState } from "react";
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart } from "recharts";
import { useT } from "~/i18n/i18n";
import { CAPABILITY_ELEMENTS, type ItemAggregate } from "~/features/scoring-rounds/rounds";

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
  // Recharts measures the page: drawn after hydration, the server sends a placeholder of the same height.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const data = CAPABILITY_ELEMENTS.map((item) => ({
    element: t(`rounds.item.${item}`),
    team: meanOf(aggregate, item),
    target: targets.find((target) => target.item === item)?.level ?? null,
    previous: previous ? meanOf(previous.aggregate, item) : null,
  }));
  return (
    <figure className="assessment-radar" role="img" aria-label={t("assessment.radar.summary")}>
      {hydrated ? (
        <ClientChart height={HEIGHT}>
          <RadarChart data={data} outerRadius="65%">
            <PolarGrid />
            <PolarAngleAxis dataKey="element" tick={{ fontSize: 11 }} />
            <PolarRadiusAxis domain={[0, 5]} tickCount={6} angle={90} tick={{ fontSize: 10 }} />
            {previous ? (
              <Radar
                name={t("assessment.radar.previous", { quarter: previous.quarter })}
                dataKey="previous"
                stroke="#8a8f98"
                fill="#8a8f98"
                fillOpacity={0.1}
                strokeDasharray="4 3"
                connectNulls
                isAnimationActive={false}
              />
            ) : null}
            {targets.length > 0 ? (
              <Radar
                name={t("assessment.radar.target")}
                dataKey="target"
                stroke="#c2410c"
                fill="none"
                strokeWidth={2}
                connectNulls
                isAnimationActive={false}
              />
            ) : null}
            <Radar
              name={t("assessment.radar.team", { quarter })}
              dataKey="team"
              stroke="#2563eb"
              fill="#2563eb"
              fillOpacity={0.3}
              connectNulls
              isAnimationActive={false}
            />
            <Legend itemSorter={null} />
          </RadarChart>
        </ClientChart>
      ) : (
        <div style={{ height: HEIGHT }} />
      )}
    </figure>
  );
}
