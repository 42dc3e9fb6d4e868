import type { ReactNode } from "react";

/**
 * A wide table scrolls sideways inside this box on a phone, not the page. The box is a
 * named region in the tab order, so a keyboard can reach it and scroll it with the arrow
 * keys, and a screen reader says what it holds (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
