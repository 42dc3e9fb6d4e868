import { useId } from "react";

interface Props {
  /** What the chart shows, e.g. "On-time delivery by quarter"; also its accessible name. */
  label: string;
  quarters: readonly string[];
  /** One per quarter; null where nothing was entered. */
  values: ReadonlyArray<number | null>;
  format: (value: number) => string;
  /** Drawn as a dashed line when set. */
  target?: number | null;
  /** Shown in the description for quarters without a value. */
  missingText: string;
}

const WIDTH = 280;
const HEIGHT = 96;
const PAD = { left: 8, right: 8, top: 10, bottom: 20 };

/**
 * A small hand-drawn line chart of one KPI over the quarters. Gaps (quarters
 * without a value) break the line instead of inventing a value. Screen readers
 * get every quarter's value from the description.
 */
export function TrendChart({ label, quarters, values, format, target = null, missingText }: Props) {
  const descId = useId();
  const { x, y } = chartScales(quarters.length, values, target);
  const path = linePath(values, x, y);
  const description = quarters
    .map((quarter, index) => {
      const value = values[index];
      return `${quarter}: ${value === null || value === undefined ? missingText : format(value)}`;
    })
    .join("; ");

  return (
    <svg
      className="kpi-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      aria-describedby={descId}
    >
      <title>{label}</title>
      <desc id={descId}>{description}</desc>
      <line
        className="kpi-chart__axis"
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={HEIGHT - PAD.bottom}
        y2={HEIGHT - PAD.bottom}
      />
      {target !== null ? (
        <line className="kpi-chart__target" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(target)} y2={y(target)} />
      ) : null}
      <path className="kpi-chart__line" d={path} />
      {values.map((value, index) =>
        value === null ? null : (
          <circle key={quarters[index]} className="kpi-chart__dot" cx={x(index)} cy={y(value)} r={3} />
        ),
      )}
      <text className="kpi-chart__label" x={PAD.left} y={HEIGHT - 5}>
        {quarters[0]}
      </text>
      <text className="kpi-chart__label" x={WIDTH - PAD.right} y={HEIGHT - 5} textAnchor="end">
        {quarters.at(-1)}
      </text>
    </svg>
  );
}

/** Where a quarter's index and a value land in the plot; the vertical range fits the values and the target. */
function chartScales(count: number, values: ReadonlyArray<number | null>, target: number | null) {
  const known = values.filter((value): value is number => value !== null);
  const range = [...known, ...(target === null ? [] : [target])];
  let low = Math.min(...range);
  let high = Math.max(...range);
  if (high - low < 1e-9) {
    // A flat series sits in the middle instead of on an edge.
    const margin = Math.abs(high) * 0.1 || 1;
    low -= margin;
    high += margin;
  }
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  return {
    x: (index: number) => PAD.left + (count > 1 ? (index * plotWidth) / (count - 1) : plotWidth / 2),
    y: (value: number) => PAD.top + ((high - value) / (high - low)) * plotHeight,
  };
}

/** The line through the known values; a quarter without one starts a new segment. */
function linePath(values: ReadonlyArray<number | null>, x: (index: number) => number, y: (value: number) => number) {
  let path = "";
  values.forEach((value, index) => {
    if (value === null) return;
    const command = index > 0 && values[index - 1] !== null ? "L" : "M";
    path += `${command}${x(index).toFixed(1)} ${y(value).toFixed(1)} `;
  });
  return path.trim();
}
