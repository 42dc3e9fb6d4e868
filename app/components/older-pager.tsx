import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The links under a newest-first list paged by keyset (notifications, versions, the audit
 * log): back to the newest when on an older page, on to older entries while there are more.
 * `to(cursor)` is the list's address at that page, null being the newest.
 */
export function OlderPager({
  label,
  older,
  paged,
  to,
  newest,
  olderText,
}: {
  label: string;
  /** The next page's cursor; null on the last page. */
  older: string | null;
  /** On an older page, not the newest. */
  paged: boolean;
  to: (cursor: string | null) => string;
  newest: ReactNode;
  olderText: ReactNode;
}) {
  if (!older && !paged) return null;
  return (
    <nav className="pager" aria-label={label}>
      {paged ? <Link to={to(null)}>{newest}</Link> : null}
      {older ? (
        <Link to={to(older)} className="button button--ghost">
          {olderText}
        </Link>
      ) : null}
    </nav>
  );
}
