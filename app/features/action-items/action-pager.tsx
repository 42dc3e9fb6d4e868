import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

/**
 * "More items" to the list's next page and back to its first, keeping the
 * page's filters in the address (a link: it works before the scripts load).
 */
export function ActionPager({ next, paged }: { next: string | null; paged: boolean }) {
  const t = useT();
  const location = useLocation();
  if (!next && !paged) return null;
  const to = (after: string | null) => {
    const query = new URLSearchParams(location.search);
    query.delete("focus");
    if (after) query.set("after", after);
    else query.delete("after");
    return query.size > 0 ? `${location.pathname}?${query}` : location.pathname;
  };
  return (
    <nav className="action-pager" aria-label={t("actions.page.label")}>
      {paged ? (
        <Link to={to(null)} className="button button--ghost">
          {t("actions.page.first")}
        </Link>
      ) : null}
      {next ? (
        <Link to={to(next)} className="button button--ghost" rel="next">
          {t("actions.page.next")}
        </Link>
      ) : null}
    </nav>
  );
}
