import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import type { NotificationPayload } from "~/shared/hub";
import { useHub } from "~/hub/hub-context";

const KEEP = 50;
const SYNC_OVERLAP_MS = 5000;

export interface NotificationsState {
  notifications: NotificationPayload[];
  unread: number;
  /** The latest notification pushed live in this tab, for a toast. */
  latest: NotificationPayload | null;
  markRead(id: string): void;
  markAllRead(): void;
}

/**
 * The signed-in user's notifications, newest first: loaded when the hub
 * connects, topped up with what was missed after every reconnect (and after
 * the server's processes were linked again), then pushed live. Reading goes through the /notifications action.
 */
export function useNotifications(): NotificationsState {
  const { socket } = useHub();
  const fetcher = useFetcher();
  const [notifications, setNotifications] = useState<NotificationPayload[]>([]);
  const [unread, setUnread] = useState(0);
  const [latest, setLatest] = useState<NotificationPayload | null>(null);

  useEffect(() => {
    if (!socket) return;
    let newest: string | null = null;
    const merge = (incoming: NotificationPayload[]) => {
      if (incoming.length === 0) return;
      newest = incoming.reduce((max, n) => (max && max > n.createdAt ? max : n.createdAt), newest);
      setNotifications((known) => {
        const byId = new Map(known.map((n) => [n.id, n]));
        for (const n of incoming) byId.set(n.id, n);
        return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, KEEP);
      });
    };
    const sync = () => {
      // A little overlap: a notification stored just before the newest one may be pushed after it.
      const since = newest && new Date(Date.parse(newest) - SYNC_OVERLAP_MS).toISOString();
      socket.emit("notifications:sync", { since }, (reply) => {
        if (!reply.ok) return;
        merge(reply.notifications);
        setUnread(reply.unread);
      });
    };
    const onNotification = (notification: NotificationPayload) => {
      merge([notification]);
      setUnread((count) => count + 1);
      setLatest(notification);
    };
    const onRead = ({ ids, unread: left }: { ids: string[] | null; unread: number }) => {
      const now = new Date().toISOString();
      setNotifications((known) =>
        known.map((n) => (!n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n)),
      );
      setUnread(left);
    };
    // The server's processes are linked again: notifications stored on another one meanwhile never came.
    const onStatus = ({ degraded }: { degraded: boolean }) => {
      if (!degraded) sync();
    };
    socket.on("connect", sync);
    socket.on("hub:status", onStatus);
    socket.on("notification", onNotification);
    socket.on("notifications:read", onRead);
    if (socket.connected) sync();
    return () => {
      socket.off("connect", sync);
      socket.off("hub:status", onStatus);
      socket.off("notification", onNotification);
      socket.off("notifications:read", onRead);
    };
  }, [socket]);

  // The server's answer (notifications:read, to every tab) sets the exact unread count.
  const markRead = useCallback(
    (id: string) => fetcher.submit({ intent: "read", id }, { method: "post", action: "/notifications" }),
    [fetcher],
  );
  const markAllRead = useCallback(
    () => fetcher.submit({ intent: "read-all" }, { method: "post", action: "/notifications" }),
    [fetcher],
  );

  return { notifications, unread, latest, markRead, markAllRead };
}
