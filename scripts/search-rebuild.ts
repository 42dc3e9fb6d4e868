/**
 * `npm run search:rebuild`: indexes the text of every document again for
 * workspace search, from what is stored (every committed edit, so a running
 * server's documents included), on the configured database.
 */
import * as Y from "yjs";
import { WorkspaceSearch } from "../app/features/search/search.server";
import { loadState } from "../server/collab/storage";
import { databaseFile } from "../server/data-paths";
import { openDatabase } from "../server/database";

const database = await openDatabase({
  databaseFile: databaseFile(),
  databaseUrl: process.env.DATABASE_URL || undefined,
});
try {
  const storage = database.docStorage();
  const search = new WorkspaceSearch(database.db, database.engine);
  const started = Date.now();
  const count = await search.rebuild(async (id) => {
    const { doc } = await loadState(storage, id);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  });
  console.log(`Indexed ${count} documents for search in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await database.close();
}
