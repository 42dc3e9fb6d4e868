import { OlderPager } from "~/components/older-pager";
import { Form, Link, useNavigation } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import { auditActionLabel } from "./audit-labels";
import { AUDIT_CHANNELS, type AuditFilter, type AuditRow } from "./audit-view";

/** Where an entry's object can be opened, when it is one of the workspace's pages. */
function objectLink(row: AuditRow): string | null {
  if (!row.objectId) return null;
  if (row.objectType === "document" && row.accountId) return `/accounts/${row.accountId}/docs/${row.objectId}`;
  if (row.objectType === "review" && row.accountId) return `/accounts/${row.accountId}/reviews/${row.objectId}`;
  if (row.objectType === "actionItem" && row.accountId) return `/accounts/${row.accountId}/actions`;
  if (row.objectType === "account") return `/accounts/${row.objectId}`;
  return null;
}

/** The action in the reader's language, its code small beside it for admins who search or export by code. */
function ActionName({ code }: { code: string }) {
  const t = useT();
  const label = auditActionLabel(t, code);
  if (!label) return <code>{code}</code>;
  return (
    <>
      <span>{label}</span>{" "}
      <code className="small muted" title={t("audit.action.code", { code })}>
        {code}
      </code>
    </>
  );
}

/** A detail's facts as "key: value" pairs, in the order they were written. */
function detailText(detail: string | null): string {
  if (!detail) return "";
  try {
    return Object.entries(JSON.parse(detail) as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(" · ");
  } catch {
    return detail;
  }
}

/**
 * The workspace's audit log for its admins: every write, who made it, through
 * which channel, on what, from where — filtered, paged (newest first) and
 * exportable as CSV with the same filters.
 */
export function AuditPage({
  filter,
  rows,
  older,
  accounts,
  kinds,
}: {
  filter: AuditFilter;
  rows: AuditRow[];
  older: string | null;
  accounts: Array<{ id: string; name: string }>;
  kinds: string[];
}) {
  const t = useT();
  const locale = useLocale();
  const loading = useNavigation().state === "loading";
  const { cursor: _cursor, ...applied } = filter;
  const query = new URLSearchParams(Object.entries(applied).filter(([, value]) => value) as [string, string][]);
  const pageAt = (cursor: string | null) => {
    const at = new URLSearchParams(query);
    if (cursor) at.set("cursor", cursor);
    return `?${at.toString()}`;
  };
  return (
    <section className="card audit" aria-labelledby="audit-heading" aria-busy={loading}>
      <h2 id="audit-heading">{t("audit.title")}</h2>
      <p className="muted">{t("audit.intro")}</p>
      <Form method="get" className="audit__filters" key={query.toString()}>
        <label>
          <span>{t("audit.filter.person")}</span>
          <input name="person" type="search" defaultValue={filter.person ?? ""} placeholder="name@company.com" />
        </label>
        <label>
          <span>{t("audit.filter.account")}</span>
          <select name="account" defaultValue={filter.account ?? ""}>
            <option value="">{t("audit.filter.any")}</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("audit.filter.kind")}</span>
          <input name="kind" list="audit-kinds" defaultValue={filter.kind ?? ""} autoComplete="off" />
          <datalist id="audit-kinds">
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {auditActionLabel(t, kind) ?? kind}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          <span>{t("audit.filter.channel")}</span>
          <select name="channel" defaultValue={filter.channel ?? ""}>
            <option value="">{t("audit.filter.any")}</option>
            {AUDIT_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`audit.channel.${channel}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("audit.filter.from")}</span>
          <input name="from" type="date" defaultValue={filter.from ?? ""} />
        </label>
        <label>
          <span>{t("audit.filter.to")}</span>
          <input name="to" type="date" defaultValue={filter.to ?? ""} />
        </label>
        <div className="audit__filter-actions">
          <button type="submit" className="button button--primary">
            {t("audit.filter.apply")}
          </button>
          <Link to="." className="button button--ghost">
            {t("audit.filter.clear")}
          </Link>
          <a href={`/admin/audit.csv?${query.toString()}`} className="button button--ghost" download>
            {t("audit.export")}
          </a>
        </div>
      </Form>

      {rows.length === 0 ? (
        <p className="empty-state">{t(Object.keys(applied).length ? "audit.noneMatching" : "audit.none")}</p>
      ) : (
        <div className="audit__scroll" role="region" aria-label={t("audit.title")} tabIndex={0}>
          <table className="audit__table">
            <thead>
              <tr>
                <th scope="col">{t("audit.col.when")}</th>
                <th scope="col">{t("audit.col.who")}</th>
                <th scope="col">{t("audit.col.what")}</th>
                <th scope="col">{t("audit.col.object")}</th>
                <th scope="col">{t("audit.col.channel")}</th>
                <th scope="col">{t("audit.col.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const link = objectLink(row);
                return (
                  <tr key={row.id}>
                    <td data-label={t("audit.col.when")}>
                      <time dateTime={row.at}>{formatDateTime(row.at, locale)}</time>
                    </td>
                    <td data-label={t("audit.col.who")}>{row.actorEmail ?? t("audit.system")}</td>
                    <td data-label={t("audit.col.what")}>
                      <ActionName code={row.action} />
                      {row.detail ? <div className="small muted">{detailText(row.detail)}</div> : null}
                    </td>
                    <td data-label={t("audit.col.object")}>
                      {row.accountName ? <div>{row.accountName}</div> : null}
                      {row.objectId ? (
                        <div className="small muted">
                          {row.objectType} {link ? <Link to={link}>{row.objectId}</Link> : <span>{row.objectId}</span>}
                        </div>
                      ) : null}
                    </td>
                    <td data-label={t("audit.col.channel")}>{t(`audit.channel.${row.channel}` as MessageKey)}</td>
                    <td data-label={t("audit.col.ip")}>{row.ip}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <OlderPager
        label={t("audit.pages")}
        older={older}
        paged={Boolean(filter.cursor)}
        to={pageAt}
        newest={t("audit.newest")}
        olderText={t("audit.older")}
      />
    </section>
  );
}
