import type { CollabHook } from "./hooks";

/**
 * Folds a document's log into its snapshot once `rows` rows are past it, so a
 * load replays at most about that many updates. Runs after the commit that
 * reached the count, in the writer queue behind it.
 */
export function compactAfter(rows: number): CollabHook {
  return {
    name: "compaction",
    afterStore({ document }) {
      if (document.logRows >= rows) document.compact();
    },
  };
}
