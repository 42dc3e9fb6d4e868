import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";

/**
 * The net value worksheet's Recharts drawings, loaded lazily (DeferredChart): only
 * the browser draws them, after the page is interactive.
 */
export function WaterfallBars({
  height,
  data,
}: {
  height: number;
  data: Array<{ item: string; name: string; range: [number, number]; color: string }>;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 48, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" interval={0} angle={-40} textAnchor="end" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <ReferenceLine y={0} stroke="#5f6b7a" />
        <Bar dataKey="range" isAnimationActive={false}>
          {data.map((step) => (
            <Cell key={step.item} fill={step.color} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function HistoryBars({
  height,
  rows,
  labels,
}: {
  height: number;
  rows: Array<{ quarter: string; value: number | null; cost: number | null; net: number | null }>;
  labels: { value: string; cost: string; net: string };
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="quarter" tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <ReferenceLine y={0} stroke="#5f6b7a" />
        {/* In the order of the bars, not alphabetical. */}
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <Bar dataKey="value" name={labels.value} fill="#067647" isAnimationActive={false} />
        <Bar dataKey="cost" name={labels.cost} fill="#b42318" isAnimationActive={false} />
        <Bar dataKey="net" name={labels.net} fill="#1e3a8a" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
