import { useEffect, useState, type ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * A Recharts chart sized to its container. Recharts measures the container with
 * layout effects, which do nothing on the server (and warn there): the chart
 * draws after hydration into a box of its final height, so nothing jumps, and
 * the text alternative beside it is in the server's HTML from the start.
 */
export function ClientChart({ height, children }: { height: number; children: ReactElement }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated ? (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  ) : (
    <div style={{ height }} />
  );
}
