import { useEffect, useRef, useState } from "react";
import { useHub } from "~/hub/hub-context";
import { useT } from "~/i18n/i18n";

/**
 * A bar across every signed-in page while the browser is offline or the team
 * hub has lost its connection, so nobody mistakes a quiet page for a live one;
 * a quieter one while the hub is degraded (teammates on another server process
 * are not heard from until it recovers, then the page catches up).
 */
export function ConnectionBanner() {
  const t = useT();
  const { status, degraded } = useHub();
  const [online, setOnline] = useState(true);
  const [everConnected, setEverConnected] = useState(false);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  useEffect(() => {
    if (status === "online") setEverConnected(true);
  }, [status]);
  // Before the first connection, "offline" only means "still connecting".
  const lost = everConnected && status === "offline";
  const kind = !online ? "offline" : lost ? "reconnecting" : degraded ? "degraded" : null;
  const bar = useStickyHeight(kind !== null);
  if (kind === null) return null;
  return (
    <div ref={bar} className="connection-banner" role={kind === "degraded" ? "status" : "alert"} data-connection={kind}>
      {t(
        kind === "degraded"
          ? "connection.degraded"
          : kind === "offline"
            ? "connection.offline"
            : "connection.reconnecting",
      )}
    </div>
  );
}

/**
 * Publishes the banner's height as `--banner-height`, so what sticks under the
 * header (the editor's toolbar and sync pill) sticks under the banner instead
 * of behind it, however many lines the message wraps to.
 */
function useStickyHeight(shown: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = document.documentElement.style;
    const element = ref.current;
    if (!shown || !element) return;
    const observer = new ResizeObserver(() => root.setProperty("--banner-height", `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty("--banner-height");
    };
  }, [shown]);
  return ref;
}
