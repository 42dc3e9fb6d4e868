import { versionDisplayName } from "~/features/documents/versions/version-name";
import { viewClientLabel } from "./view-client";
import { Form, Link, useNavigation } from "@remix-run/react";
import { formatDateTime, formatWhen } from "~/components/format-when";
import { useLocale, useT } from "~/i18n/i18n";
import { EXPIRY_DAYS } from "./share.schema";

interface ShareLinkView {
  id: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  createdBy: string;
  viewCount: number;
  views: Array<{ at: string; client: string }>;
}

/**
 * The team's view of a document's share links: what they show, who made
 * them, when each was opened; the lead makes and revokes them.
 */
export function SharePage({
  doc,
  shareable,
  canManage,
  approved,
  links,
  reply,
}: {
  doc: { id: string; accountId: string; title: string };
  shareable: boolean;
  canManage: boolean;
  approved: { name: string; approvedAt: string } | null;
  links: ShareLinkView[];
  reply: { ok: boolean; error: string | null; url: string | null } | null;
}) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const canCreate = canManage && shareable && approved !== null;
  return (
    <section className="card" aria-labelledby="share-heading">
      <p>
        <Link to={`/accounts/${doc.accountId}/docs/${doc.id}`}>← {t("share.back")}</Link>
      </p>
      <h1 id="share-heading">
        {t("share.title")}: {doc.title}
      </h1>
      <p>{t("share.intro")}</p>
      {!shareable ? (
        <p role="note">{t("share.notShareable")}</p>
      ) : approved ? (
        <p>
          {t("share.showing", {
            name: versionDisplayName(t, approved.name),
            date: formatDateTime(approved.approvedAt, locale),
          })}
        </p>
      ) : (
        <p role="note">{t("share.notApproved")}</p>
      )}
      {!canManage ? <p className="small">{t("share.leadOnly")}</p> : null}
      {reply?.url ? (
        <div className="share-created" role="status">
          <label htmlFor="share-url">{t("share.created")}</label>
          <input id="share-url" readOnly value={reply.url} onFocus={(event) => event.currentTarget.select()} />
        </div>
      ) : null}
      {canCreate ? (
        <Form method="post" className="share-form">
          <input type="hidden" name="intent" value="create" />
          <label>
            {t("share.expires")}{" "}
            <select name="expiresInDays" defaultValue="30">
              {EXPIRY_DAYS.map((days) => (
                <option key={days} value={days}>
                  {t("share.days", { count: days })}
                </option>
              ))}
              <option value="">{t("share.never")}</option>
            </select>
          </label>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("share.create")}
          </button>
        </Form>
      ) : null}
      {links.length === 0 ? <p>{t("share.none")}</p> : null}
      {links.map((link) => (
        <div key={link.id} className="share-link">
          <div className="share-link__head">
            <span>
              <strong>{linkState(link, t, locale)}</strong> ·{" "}
              {t("share.linkBy", { name: link.createdBy, date: formatWhen(link.createdAt, locale) })} ·{" "}
              {t("share.views", { count: link.viewCount })}
            </span>
            {canManage && !link.revokedAt ? (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="linkId" value={link.id} />
                <button type="submit" className="button button--ghost" disabled={busy}>
                  {t("share.revoke")}
                </button>
              </Form>
            ) : null}
          </div>
          {link.views.length > 0 ? (
            <ul className="share-link__views">
              {link.views.map((view) => (
                <li key={view.at}>
                  <time dateTime={view.at}>{formatDateTime(view.at, locale)}</time> · {viewClientLabel(t, view.client)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function linkState(link: ShareLinkView, t: ReturnType<typeof useT>, locale: string): string {
  if (link.revokedAt) return t("share.revokedOn", { date: formatWhen(link.revokedAt, locale) });
  if (link.expiresAt && new Date(link.expiresAt) <= new Date()) {
    return t("share.expired", { date: formatWhen(link.expiresAt, locale) });
  }
  return link.expiresAt
    ? `${t("share.active")} · ${t("share.expiresOn", { date: formatWhen(link.expiresAt, locale) })}`
    : t("share.active");
}
