import "~/common-chunk";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ActionPager } from "~/features/action-items/action-pager";
import { ActionItemRow } from "~/features/action-items/action-item-row";
import { useRevalidateOn } from "~/hub/hub-context";
import { useT } from "~/i18n/i18n";
import { listMyActionItems } from "~/features/action-items/action-item-views.server";
import actionsStyles from "~/features/action-items/action-items.css";
import { requireUser } from "~/features/auth/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: actionsStyles }];

export const meta: MetaFunction = () => [{ title: "My action items · Keyroom" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const after = new URL(request.url).searchParams.get("after");
  return json({ ...(await listMyActionItems(context.db, user, after)), paged: after !== null });
}

/** Open items assigned to the signed-in user on every account they may read, overdue first. */
export default function MyActionItems() {
  const { open, overdue, next, paged, recentlyDone } = useLoaderData<typeof loader>();
  const t = useT();
  // The hub sends `action:changed` to the assignee's own room, whichever account it is on.
  useRevalidateOn("action:changed");
  return (
    <>
      <div className="page-title">
        <h1>{t("actions.my.title")}</h1>
        <p className="muted">
          {t("actions.my.subtitle")}
          {overdue > 0 ? (
            <span className="badge badge--overdue">{t("actions.my.overdueCount", { count: overdue })}</span>
          ) : null}
        </p>
      </div>
      {open.length === 0 ? (
        <section className="empty-state">
          <h2>{t("actions.my.empty.title")}</h2>
          <p className="muted">{t("actions.my.empty.body")}</p>
        </section>
      ) : (
        <section className="card" aria-labelledby="my-open-heading">
          <h2 id="my-open-heading" className="visually-hidden">
            {t("actions.my.title")}
          </h2>
          <ul className="action-list">
            {open.map((item) => (
              <ActionItemRow key={item.id} item={item} canEdit={item.canEdit} showAccount />
            ))}
          </ul>
          <ActionPager next={next} paged={paged} />
        </section>
      )}
      {recentlyDone.length > 0 ? (
        <details className="card action-done">
          <summary>{t("actions.my.recentlyDone", { count: recentlyDone.length })}</summary>
          <ul className="action-list">
            {recentlyDone.map((item) => (
              <ActionItemRow key={item.id} item={item} canEdit={false} showAccount />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
