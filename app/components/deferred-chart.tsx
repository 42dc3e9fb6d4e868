import { Suspense, useEffect, useState, type ReactElement } from "react";

/**
 * A chart whose drawing code (Recharts, ~500 kB) is a lazy module: the page does not
 * download and parse it before it becomes interactive, and draws it right after, into
 * a box of its final height so nothing jumps. The text alternative beside it is in the
 * server's HTML from the start. `children` is the lazy component's element.
 */
export function DeferredChart({ height, children }: { height: number; children: ReactElement }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const placeholder = <div style={{ height }} />;
  return hydrated ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}
