import * as Y from "yjs";
import type { DocStorage } from "../server/collab/storage";
import { UpdateLog } from "../server/collab/update-log";
import { openDatabase, type DatabaseTarget } from "../server/database";

/**
 * Raw group-commit throughput: `count` typing-sized updates appended as fast
 * as they come, through the same UpdateLog the server uses, until all are
 * durably stored (SQLite, or PostgreSQL with `databaseUrl`). Returns updates
 * per second.
 */
export async function measurePersistence(target: DatabaseTarget, documentId: string, count: number): Promise<number> {
  const database = await openDatabase(target);
  try {
    return await appendAll(database.docStorage(), documentId, count);
  } finally {
    await database.close();
  }
}

async function appendAll(storage: DocStorage, documentId: string, count: number): Promise<number> {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on("update", (u: Uint8Array) => updates.push(u));
  const text = source.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  const content = new Y.XmlText();
  paragraph.insert(0, [content]);
  text.insert(0, [paragraph]);
  for (let i = 0; i < count; i++) content.insert(content.length, "x");
  const log = new UpdateLog(storage);
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
  return updates.length / seconds;
}
