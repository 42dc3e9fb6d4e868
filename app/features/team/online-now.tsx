import { Link } from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { useHub, usePresenceRoom } from "~/hub/hub-context";
import { useT } from "~/i18n/i18n";
import { PresenceAnnouncer } from "./presence-announcer";

/** Who of the team has the account open right now, and in which document. */
export function OnlineNow({ accountId, documents }: { accountId: string; documents: { id: string; title: string }[] }) {
  const t = useT();
  const { status } = useHub();
  const presence = usePresenceRoom("account", accountId);
  const titles = new Map(documents.map((doc) => [doc.id, doc.title]));
  const users = presence?.users ?? [];
  return (
    <>
      {status === "offline" ? (
        <p className="hub-offline" role="status">
          {t("presence.hubOffline")}
        </p>
      ) : null}
      {users.length <= 1 ? <p className="muted small">{t("presence.nobody")}</p> : null}
      <PresenceAnnouncer people={users} />
      <ul className="online-list" aria-label={t("presence.online")}>
        {users.map((user) => (
          <li key={user.userId}>
            <span className="online-dot" aria-hidden="true" />
            <Avatar name={user.name} color={user.color} size={26} />
            <span>
              <span className="people__name">{user.name}</span>{" "}
              <span className="muted small">
                {user.documentIds.length > 0
                  ? user.documentIds.map((id, i) => (
                      <span key={id}>
                        {i > 0 ? ", " : ""}
                        <Link to={`/accounts/${accountId}/docs/${id}`}>
                          {t("presence.inDocument", { title: titles.get(id) ?? "…" })}
                        </Link>
                      </span>
                    ))
                  : t("presence.onAccount")}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
