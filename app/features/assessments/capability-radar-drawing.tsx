import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from "recharts";

export interface RadarPoint {
  element: string;
  team: number | null;
  target: number | null;
  previous: number | null;
}

/**
 * The capability radar's Recharts drawing, loaded lazily (DeferredChart): only the
 * browser draws it, after the page is interactive. A series without a name is left out.
 */
export function RadarDrawing({
  height,
  data,
  names,
}: {
  height: number;
  data: RadarPoint[];
  names: { team: string; target: string | null; previous: string | null };
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <RadarChart data={data} outerRadius="65%">
        <PolarGrid />
        <PolarAngleAxis dataKey="element" tick={{ fontSize: 11 }} />
        <PolarRadiusAxis domain={[0, 5]} tickCount={6} angle={90} tick={{ fontSize: 10 }} />
        {names.previous ? (
          <Radar
            name={names.previous}
            dataKey="previous"
            stroke="#8a8f98"
            fill="#8a8f98"
            fillOpacity={0.1}
            strokeDasharray="4 3"
            connectNulls
            isAnimationActive={false}
          />
        ) : null}
        {names.target ? (
          <Radar
            name={names.target}
            dataKey="target"
            stroke="#c2410c"
            fill="none"
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        ) : null}
        <Radar
          name={names.team}
          dataKey="team"
          stroke="#2563eb"
          fill="#2563eb"
          fillOpacity={0.3}
          connectNulls
          isAnimationActive={false}
        />
        <Legend itemSorter={null} />
      </RadarChart>
    </ResponsiveContainer>
  );
}
