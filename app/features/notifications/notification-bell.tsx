import { Link, useLocation } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type RefObject } from "react";
import type { NotificationPayload } from "~/shared/hub";
import { useNotifications, type NotificationsState } from "~/features/notifications/use-notifications";
import { useT } from "~/i18n/i18n";
import { NotificationItem } from "./notification-item";
import { useDepartmentNames } from "~/features/team/use-department-names";
import { notificationExcerpt, notificationText } from "./notification-text";

const TOAST_MS = 8000;
const SHOWN = 8;

/** The header's notification centre: unread count, a keyboard-friendly panel and a toast for new ones. */
export function NotificationBell() {
  const t = useT();
  const notifications = useNotifications();
  const { unread } = notifications;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const location = useLocation();

  useEffect(() => setOpen(false), [location.key]);
  useCloseOnOutside(open, setOpen, root, button);

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? t("notifications.openUnread", { count: unread }) : t("notifications.open")}
        onClick={() => setOpen((value) => !value)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 ? (
          <span className="bell__count" data-testid="unread-count">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? <BellPanel id={panelId} state={notifications} /> : null}
      <NotificationToast latest={notifications.latest} markRead={notifications.markRead} />
    </div>
  );
}

/** While the panel is open, a click outside or Escape closes it; Escape gives focus back to the bell. */
function useCloseOnOutside(
  open: boolean,
  setOpen: (open: boolean) => void,
  root: RefObject<HTMLElement>,
  button: RefObject<HTMLButtonElement>,
) {
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, setOpen, root, button]);
}

function BellPanel({ id, state }: { id: string; state: NotificationsState }) {
  const t = useT();
  const { notifications, unread, markRead, markAllRead } = state;
  return (
    <div id={id} className="bell__panel" role="region" aria-label={t("notifications.title")}>
      <div className="bell__head">
        <strong>{t("notifications.title")}</strong>
        {unread > 0 ? (
          <button type="button" className="button button--ghost button--small" onClick={markAllRead}>
            {t("notifications.markAllRead")}
          </button>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="empty-state">{t("notifications.empty")}</p>
      ) : (
        <ul className="notification-list">
          {notifications.slice(0, SHOWN).map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onOpen={markRead} />
          ))}
        </ul>
      )}
      <Link to="/notifications" className="bell__all">
        {t("notifications.viewAll")}
      </Link>
    </div>
  );
}

/** The latest notification pushed live, shown for a few seconds. */
function NotificationToast({
  latest,
  markRead,
}: {
  latest: NotificationPayload | null;
  markRead: (id: string) => void;
}) {
  const t = useT();
  const [toast, setToast] = useState(latest);
  useEffect(() => {
    setToast(latest);
    if (!latest) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [latest]);
  const departments = useDepartmentNames();
  const excerpt = toast ? notificationExcerpt(t, toast, departments) : "";

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className="toast">
          <Link
            to={toast.link}
            className="toast__link"
            onClick={() => {
              markRead(toast.id);
              setToast(null);
            }}
          >
            <strong>{notificationText(t, toast)}</strong>
            {excerpt ? <span className="toast__excerpt">{excerpt}</span> : null}
          </Link>
          <button
            type="button"
            className="toast__close"
            aria-label={t("notifications.dismiss")}
            onClick={() => setToast(null)}
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
