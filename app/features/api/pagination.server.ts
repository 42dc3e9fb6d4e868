import { ApiError } from "./api-error.server";
import type { PageQuery } from "./api-schemas";

/**
 * Cursors are the sort key of the last item served, base64url-encoded: a page
 * resumes after that key even when items were added or removed meanwhile.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, parts: number): string[] | null {
  if (cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === parts && key.every((part) => typeof part === "string")) return key;
  } catch {
    // Answered below like any other cursor we did not make.
  }
  throw new ApiError(400, "invalid_request", "Unknown cursor", [{ path: "query.cursor", message: "Unknown cursor" }]);
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/**
 * One page of a list already in memory (an account's documents, a document's
 * versions: bounded per parent), in the order of `key` (ascending, or
 * descending for newest-first lists). The key ends with the id, so it is unique.
 */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => string[],
  page: PageQuery,
  order: "asc" | "desc" = "asc",
): { data: T[]; nextCursor: string | null } {
  const sign = order === "asc" ? 1 : -1;
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => sign * compareKeys(a.key, b.key));
  if (keyed.length === 0) return { data: [], nextCursor: null };
  const after = decodeCursor(page.cursor, keyed[0].key.length);
  const rest = after ? keyed.filter((entry) => sign * compareKeys(entry.key, after) > 0) : keyed;
  const data = rest.slice(0, page.limit);
  const last = data.at(-1);
  return {
    data: data.map((entry) => entry.item),
    nextCursor: rest.length > page.limit && last ? encodeCursor(last.key) : null,
  };
}
