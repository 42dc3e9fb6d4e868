import { useEffect, useRef, useState } from "react";
import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  type BaseTickContentProps,
} from "recharts";

export interface RadarPoint {
  element: string;
  team: number | null;
  target: number | null;
  previous: number | null;
}

/** The legend under the radar. */
const LEGEND_HEIGHT = 40;
/** Below this width (a phone) the elements' names are set smaller. */
const NARROW = 480;

/** How the elements' names are set around a radar `width` wide: size, and characters per line. */
function labelsFor(width: number) {
  return width < NARROW ? { fontSize: 10, chars: 13 } : { fontSize: 11, chars: 16 };
}

/**
 * The radius that leaves room for the elements' names on either side: on a
 * phone a fixed share of the width put "Information & technology" past the edge.
 */
function radiusFor(width: number, height: number): number {
  const { fontSize, chars } = labelsFor(width);
  const labelWidth = chars * fontSize * 0.58;
  return Math.max(40, Math.min(0.65 * (Math.min(width, height - LEGEND_HEIGHT) / 2), width / 2 - labelWidth - 10));
}

/** Breaks a name into lines of about `chars`, at spaces and after hyphens ("Customer-" / "management"). */
export function wrapLabel(text: string, chars: number): string[] {
  const words = text.split(/(?<=-)|\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    const joined = last === undefined ? word : last.endsWith("-") ? last + word : `${last} ${word}`;
    if (last !== undefined && joined.length <= chars) lines[lines.length - 1] = joined;
    else lines.push(word);
  }
  return lines;
}

type TickProps = Pick<BaseTickContentProps, "x" | "y" | "textAnchor" | "verticalAnchor" | "payload">;

/** An element's name beside its spoke, on as many lines as it needs, stacked away from the radar. */
function ElementName({
  x,
  y,
  textAnchor,
  verticalAnchor,
  payload,
  fontSize,
  chars,
}: TickProps & ReturnType<typeof labelsFor>) {
  const lines = wrapLabel(String(payload.value), chars);
  const left = Number(x);
  const lineHeight = fontSize * 1.2;
  // Where the first line's baseline goes, so that the block hangs below, sits beside or stands above the spoke's end.
  const firstBaseline =
    verticalAnchor === "start"
      ? Number(y) + fontSize * 0.8
      : verticalAnchor === "middle"
        ? Number(y) - ((lines.length - 1) / 2) * lineHeight + fontSize * 0.35
        : Number(y) - (lines.length - 1) * lineHeight;
  return (
    <text x={left} y={firstBaseline} textAnchor={textAnchor} fontSize={fontSize} fill="#4b5563">
      {lines.map((line, i) => (
        <tspan key={i} x={left} dy={i === 0 ? 0 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function useWidth() {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { box, width };
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
  const { box, width } = useWidth();
  return (
    <div ref={box} style={{ height }}>
      {width > 0 ? (
        <RadarChart width={width} height={height} data={data} outerRadius={radiusFor(width, height)}>
          <PolarGrid />
          <PolarAngleAxis
            dataKey="element"
            tick={(props: TickProps) => <ElementName {...props} {...labelsFor(width)} />}
          />
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
      ) : null}
    </div>
  );
}
