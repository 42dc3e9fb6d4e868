/**
 * Resolves on a later turn of the event loop, after the I/O that is waiting.
 *
 * better-sqlite3 answers Prisma synchronously, so a loop of awaited queries
 * runs as one chain of microtasks: no socket is read and no timer fires until
 * it ends. Background loops (feed entries, block indexing, compactions) await
 * this between items so a thousand of them cost everyone else a few
 * milliseconds at a time, not seconds at once.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
