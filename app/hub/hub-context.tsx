import { useRevalidator } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import {
  HUB_NAMESPACE,
  type ClientToServerEvents,
  type PresencePayload,
  type ServerToClientEvents,
} from "~/shared/hub";

export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type HubStatus = "connecting" | "online" | "offline";

interface HubState {
  socket: HubSocket | null;
  status: HubStatus;
  /** The server's processes lost their link (Redis): only events from this tab's process arrive. */
  degraded: boolean;
}

const HubContext = createContext<HubState>({ socket: null, status: "connecting", degraded: false });

/**
 * One team-hub connection per tab, shared by every component of the signed-in
 * pages. Whatever the hub could not deliver is reloaded from the database:
 * after a reconnect that socket.io did not recover (its missed events are
 * gone) or that ends a degraded spell, and when the server's processes are
 * linked again after a break.
 * (Rooms and notifications catch up on their own, on every connect.)
 */
export function HubProvider({ children }: { children: React.ReactNode }) {
  const [state, setState] = useState<HubState>({ socket: null, status: "connecting", degraded: false });
  const revalidator = useRevalidator();
  const reload = useRef(revalidator.revalidate);
  reload.current = revalidator.revalidate;
  useEffect(() => {
    let socket: HubSocket | null = null;
    let unmounted = false;
    // socket.io's client is a lazy module (about 40 KB of script): the connection starts
    // after hydration anyway, so the page does not wait for it.
    import("socket.io-client")
      .then(({ io }) => {
        if (unmounted) return;
        socket = io(HUB_NAMESPACE, { withCredentials: true });
        watch(socket);
      })
      .catch(() => {
        if (!unmounted) setState({ socket: null, status: "offline", degraded: false });
      });
    function watch(socket: HubSocket) {
      setState({ socket, status: "connecting", degraded: false });
      let degraded = false;
      let connectedBefore = false;
      const update = (status: HubStatus) => setState({ socket, status, degraded });
      socket.on("connect", () => {
        if (connectedBefore && (!socket.recovered || degraded)) reload.current();
        connectedBefore = true;
        degraded = false;
        update("online");
      });
      socket.on("hub:status", (payload) => {
        if (degraded && !payload.degraded) reload.current();
        degraded = payload.degraded;
        update(socket.connected ? "online" : "offline");
      });
      socket.on("disconnect", () => update("offline"));
      socket.on("connect_error", () => update("offline"));
    }
    return () => {
      unmounted = true;
      socket?.disconnect();
    };
  }, []);
  return <HubContext.Provider value={state}>{children}</HubContext.Provider>;
}

export function useHub(): HubState {
  return useContext(HubContext);
}

/** Calls `handler` for every `event` the hub pushes while the component is mounted. */
export function useHubEvent<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): void {
  const { socket } = useHub();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) =>
      (latest.current as (...a: typeof args) => void)(...args)) as never;
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

/**
 * Reloads the route's data when the hub reports a change that matches: the
 * server stores first and pushes after, so a reload always shows the change.
 */
export function useRevalidateOn<E extends keyof ServerToClientEvents>(
  event: E,
  matches: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
): void {
  const revalidator = useRevalidator();
  useHubEvent(event, ((...args: Parameters<ServerToClientEvents[E]>) => {
    if (matches(...args)) revalidator.revalidate();
  }) as ServerToClientEvents[E]);
}

/**
 * Joins an account or document room while mounted (again after every
 * reconnect) and returns who is there. `null` until the server answers.
 */
export function usePresenceRoom(scope: "account" | "document", id: string): PresencePayload | null {
  const { socket } = useHub();
  const [presence, setPresence] = useState<PresencePayload | null>(null);
  useEffect(() => {
    if (!socket) return;
    const join = () => {
      const reply = (answer: { ok: boolean; presence?: PresencePayload }) => {
        if (answer.ok && answer.presence) setPresence(answer.presence);
      };
      if (scope === "account") socket.emit("account:join", { accountId: id }, reply);
      else socket.emit("document:join", { documentId: id }, reply);
    };
    const onPresence = (payload: PresencePayload) => {
      if (payload.scope === scope && payload.id === id) setPresence(payload);
    };
    socket.on("presence", onPresence);
    socket.on("connect", join);
    if (socket.connected) join();
    return () => {
      socket.off("presence", onPresence);
      socket.off("connect", join);
      if (scope === "account") socket.emit("account:leave", { accountId: id }, () => {});
      else socket.emit("document:leave", { documentId: id }, () => {});
      setPresence(null);
    };
  }, [socket, scope, id]);
  return presence;
}
