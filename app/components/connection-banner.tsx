import { useEffect, useState } from "react";
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
  if (online && !lost && degraded) {
    return (
      <div className="connection-banner" role="status" data-connection="degraded">
        {t("connection.degraded")}
      </div>
    );
  }
  if (online && !lost) return null;
  return (
    <div className="connection-banner" role="alert" data-connection={online ? "reconnecting" : "offline"}>
      {t(online ? "connection.reconnecting" : "connection.offline")}
    </div>
  );
}
