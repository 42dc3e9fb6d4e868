import "~/common-chunk";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatWhen } from "~/components/format-when";
import { useRevalidateOn } from "~/hub/hub-context";
import { isLocale, translate, useLocale, useT } from "~/i18n/i18n";
import { approvalInbox } from "~/features/approvals/approval-queries.server";
import type { DocKind } from "~/features/documents/doc-templates";
import { approvalStepName } from "~/features/approvals/approval-text";
import { requireUser } from "~/features/auth/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "approval.inbox")} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ items: await approvalInbox(context.db, user), locale: isLocale(user.locale) ? user.locale : "en" });
}

/** Every signature waiting for me, oldest request first, across the accounts I work on. */
export default function ApprovalInbox() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  useRevalidateOn("notification", (n) => n.kind === "approval_requested" || n.kind === "approval_decided");
  return (
    <section className="card notifications-page">
      <h1>{t("approval.inbox")}</h1>
      <p className="muted">{t("approval.inboxSubtitle")}</p>
      {items.length === 0 ? (
        <p className="empty-state">{t("approval.inboxEmpty")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <li key={`${item.requestId}:${item.step}`} className="notification notification--unread">
              <Link
                to={`/accounts/${item.document.account.id}/docs/${item.document.id}/approval`}
                className="notification__link"
              >
                <span className="notification__dot" aria-hidden="true" />
                <span className="notification__text">
                  {item.document.title} — {approvalStepName(t, locale, { key: item.step, department: item.department })}
                </span>
                <span className="notification__meta muted small">
                  {item.document.account.name} · {t(`docKind.${item.document.kind as DocKind}`)} ·{" "}
                  {t("approval.requestedBy", { name: item.requestedBy })} ·{" "}
                  <time dateTime={item.createdAt} suppressHydrationWarning>
                    {formatWhen(item.createdAt, locale)}
                  </time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
