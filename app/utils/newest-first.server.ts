/**
 * Paging of newest-first lists (notifications, activity, the audit log, versions) by keyset:
 * a page starts after the last row of the one before, by time and then id, so rows added
 * while someone pages neither repeat nor push others out of sight, as an offset would.
 */

/** `<ms>_<id>`: where an older page starts. Anything else starts from the newest. */
const CURSOR = /^(\d{1,15})_([A-Za-z0-9_-]{1,64})$/;

export interface OlderCursor {
  at: Date;
  id: string;
}

export function parseOlderCursor(value: string | null | undefined): OlderCursor | null {
  const match = value ? CURSOR.exec(value) : null;
  return match ? { at: new Date(Number(match[1])), id: match[2] } : null;
}

/** The `where` condition for rows older than the cursor in `field`, then id; none without one. */
export function olderThan<F extends string>(field: F, cursor: OlderCursor | null) {
  if (!cursor) return {};
  return {
    OR: [
      { [field]: { lt: cursor.at } } as Record<F, { lt: Date }>,
      { [field]: cursor.at, id: { lt: cursor.id } } as Record<F, Date> & { id: { lt: string } },
    ],
  };
}

/** The order that goes with `olderThan`. */
export function newestFirst<F extends string>(field: F) {
  return [{ [field]: "desc" } as Record<F, "desc">, { id: "desc" as const }];
}

/**
 * One page of `size` out of rows fetched with `take: size + 1`, and the cursor of the next
 * page: null when that extra row did not come, so the last page has no "older" link.
 */
export function cutPage<T extends { id: string }>(rows: T[], size: number, at: (row: T) => Date) {
  const last = rows.length > size ? rows[size - 1] : null;
  return { rows: rows.slice(0, size), older: last ? `${at(last).getTime()}_${last.id}` : null };
}
