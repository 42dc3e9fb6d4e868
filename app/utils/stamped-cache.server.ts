import type { Db } from "./db.server";

const caches = new WeakMap<Db, Map<string, { stamp: string; value: unknown }>>();

/**
 * A computed value kept while `stamp` — a cheap description of everything it
 * depends on, read from the database each time, so other processes' writes
 * count — stays the same. For portfolio-wide figures that cost too much to
 * compute per request but change only when their inputs do.
 */
export async function byStamp<T>(db: Db, name: string, stamp: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(name);
  if (hit?.stamp === stamp) return hit.value as T;
  const value = await compute();
  cache.set(name, { stamp, value });
  return value;
}
