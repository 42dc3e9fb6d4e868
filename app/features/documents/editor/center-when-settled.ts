/**
 * Brings `element` to the middle of the screen, and keeps it there while the
 * editor's content changes height during the next moments: block cards render
 * after the text around them, so a jump made as the document arrives would
 * otherwise end up off screen. Stops as soon as the reader scrolls or types.
 */
export function centerWhenSettled(element: Element, content: Element, settleMs = 1500): void {
  const center = () => element.scrollIntoView({ block: "center" });
  const observer = new ResizeObserver(center);
  const events = ["wheel", "touchmove", "keydown", "pointerdown"] as const;
  const stop = () => {
    observer.disconnect();
    for (const event of events) window.removeEventListener(event, stop);
  };
  requestAnimationFrame(center);
  observer.observe(content);
  for (const event of events) window.addEventListener(event, stop, { passive: true });
  window.setTimeout(stop, settleMs);
}
