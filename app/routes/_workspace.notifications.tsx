import "~/common-chunk";
import { OlderPager } from "~/components/older-pager";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { NotificationItem } from "~/features/notifications/notification-item";
import { useRevalidateOn } from "~/hub/hub-context";
import { isLocale, translate, useT } from "~/i18n/i18n";
import { afterCommit } from "~/utils/after-commit.server";
import { listNotifications, markRead, unreadCount } from "~/features/notifications/notification.server";
import { NotificationIntentSchema } from "~/features/notifications/notification.schema";
import { formFields } from "~/utils/form.server";
import { requireUser } from "~/features/auth/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${translate(data.locale, "notifications.title")} · Keyroom` : "Keyroom" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({
    ...(await listNotifications(context.db, user.id, new URL(request.url).searchParams.get("before"))),
    locale: isLocale(user.locale) ? user.locale : "en",
  });
}

/**
 * Marks one or all of the signed-in user's notifications read. `unread` is
 * null when the count could not be read after the marking was stored: the
 * answer is still success, and the bells catch up at their next sync.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const parsed = NotificationIntentSchema.safeParse(await formFields(request));
  if (!parsed.success) return json({ ok: false as const, error: "invalid" }, { status: 400 });
  const ids = parsed.data.intent === "read" ? [parsed.data.id] : null;
  const reply = { ok: true as const, changed: await markRead(context.db, user.id, ids), unread: null as number | null };
  await afterCommit("notifications: marked read, not announced", { userId: user.id }, async () => {
    const unread = await unreadCount(context.db, user.id);
    reply.unread = unread;
    // Every open tab's bell follows, not only this one.
    context.hub.toUser(user.id, "notifications:read", { ids, unread });
  });
  return json(reply);
}

export default function NotificationsPage() {
  const { notifications, unread, older, paged } = useLoaderData<typeof loader>();
  const t = useT();
  const fetcher = useFetcher();
  const read = useFetcher();
  useRevalidateOn("notification");
  useRevalidateOn("notifications:read");
  return (
    <section className="card notifications-page">
      <div className="notifications-page__head">
        <h1>{t("notifications.title")}</h1>
        {unread > 0 ? (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button button--ghost">
              {t("notifications.markAllRead")}
            </button>
          </fetcher.Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="empty-state">{t("notifications.empty")}</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onOpen={(id) => read.submit({ intent: "read", id }, { method: "post" })}
            />
          ))}
        </ul>
      )}
      <OlderPager
        label={t("notifications.pages")}
        older={older}
        paged={paged}
        to={(cursor) => (cursor ? `?before=${encodeURIComponent(cursor)}` : ".")}
        newest={t("notifications.newest")}
        olderText={t("notifications.older")}
      />
    </section>
  );
}
