import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * The portfolio's Recharts drawings, loaded lazily (portfolio-charts.tsx): only the
 * browser draws them, after the page is interactive.
 */
export function StageBars({
  height,
  data,
  seriesName,
}: {
  height: number;
  data: Array<{ name: string; count: number }>;
  seriesName: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
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
        <Bar dataKey="count" name={seriesName} fill="#1e3a8a" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TierBars({
  height,
  data,
  bands,
}: {
  height: number;
  data: Array<Record<string, string | number>>;
  bands: Array<{ band: string; color: string; name: string }>;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip />
        {/* In the bands' order, lowest first, not alphabetical. */}
        <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} />
        {bands.map(({ band, color, name }) => (
          <Bar key={band} dataKey={band} stackId="health" name={name} fill={color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
