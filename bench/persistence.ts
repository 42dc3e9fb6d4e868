import path from "node:path";
import * as Y from "yjs";
import { openDb, sqliteAccess } from "~/utils/db.server";
import { UpdateLog } from "../server/collab/update-log";
import { sqliteDocStorage } from "../server/sqlite-doc-storage";

/**
 * Raw group-commit throughput: `count` typing-sized updates appended as fast
 * as they come, through the same UpdateLog the server uses, until all are
 * durably in SQLite. Returns updates per second.
 */
export async function measurePersistence(dataDir: string, documentId: string, count: number): Promise<number> {
  const db = await openDb(path.join(dataDir, "keyroom.db"));
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on("update", (u: Uint8Array) => updates.push(u));
  const text = source.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  const content = new Y.XmlText();
  paragraph.insert(0, [content]);
  text.insert(0, [paragraph]);
  for (let i = 0; i < count; i++) content.insert(content.length, "x");
  const log = new UpdateLog(sqliteDocStorage(sqliteAccess(db)));
  let committed = 0;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    // Updates arrive in bursts, as they would from many sockets in one event-loop turn.
    const feed = () => {
      const end = Math.min(updates.length, next + 500);
      for (; next < end; next++) {
        log.append(documentId, updates[next], (error) => {
          if (error) return reject(error);
          if (++committed === updates.length) resolve();
        });
      }
      if (next < updates.length) setImmediate(feed);
    };
    feed();
  });
  const seconds = (performance.now() - started) / 1000;
  await db.$disconnect();
  return updates.length / seconds;
}
