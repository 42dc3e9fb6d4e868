import { Link } from "@remix-run/react";
import { RelativeTime } from "~/components/relative-time";
import { useT } from "~/i18n/i18n";
import type { NotificationPayload } from "~/shared/hub";
import { useDepartmentNames } from "~/features/team/use-department-names";
import { notificationExcerpt, notificationText } from "./notification-text";

/** One notification: what happened, where, when; following it marks it read. */
export function NotificationItem({
  notification,
  onOpen,
}: {
  notification: NotificationPayload;
  onOpen?: (id: string) => void;
}) {
  const t = useT();
  const unread = notification.readAt === null;
  const excerpt = notificationExcerpt(t, notification, useDepartmentNames());
  return (
    <li className={`notification${unread ? " notification--unread" : ""}`}>
      <Link to={notification.link} className="notification__link" onClick={() => onOpen?.(notification.id)}>
        {unread ? <span className="notification__dot" aria-label={t("notifications.unread")} /> : null}
        <span className="notification__text">{notificationText(t, notification)}</span>
        {excerpt ? <span className="notification__excerpt">{excerpt}</span> : null}
        <span className="notification__meta muted small">
          {notification.accountName ? `${notification.accountName} · ` : ""}
          <RelativeTime iso={notification.createdAt} />
        </span>
      </Link>
    </li>
  );
}
