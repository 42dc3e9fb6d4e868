import pg from "pg";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadState } from "../collab/storage";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { postgresDocStorage } from "./doc-storage";

const paragraphUpdate = (doc: Y.Doc, text: string): Uint8Array => {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on("update", capture);
  doc.getText("t").insert(doc.getText("t").length, text);
  doc.off("update", capture);
  if (!update) throw new Error("no update");
  return update;
};

describe("the collab log on PostgreSQL", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let docs: string[];

  beforeAll(async () => {
    database = await seededDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    docs = (await pool.query<{ id: string }>(`SELECT "id" FROM "Document" ORDER BY "id" LIMIT 3`)).rows.map(
      (r) => r.id,
    );
    // Seeded documents have content: start these three from nothing.
    await pool.query(`DELETE FROM "DocSnapshot" WHERE "documentId" = ANY($1)`, [docs]);
    await pool.query(`DELETE FROM "DocUpdate" WHERE "documentId" = ANY($1)`, [docs]);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it("reads back what was appended, in order, per document", async () => {
    const storage = postgresDocStorage(pool);
    const first = new Y.Doc();
    const second = new Y.Doc();
    const updates = [first, second, first, first].map((source, i) => paragraphUpdate(source, "abcd"[i]));
    await storage.append([
      { documentId: docs[0], data: updates[0] },
      { documentId: docs[1], data: updates[1] },
      { documentId: docs[0], data: updates[2] },
    ]);
    await storage.append([{ documentId: docs[0], data: updates[3] }]);
    const read = await storage.read(docs[0]);
    expect(read.snapshot).toBeNull();
    expect(read.updates.map((u) => Buffer.from(u).toString("hex"))).toEqual(
      [updates[0], updates[2], updates[3]].map((u) => Buffer.from(u).toString("hex")),
    );
    const loaded = await loadState(storage, docs[0]);
    expect(loaded.doc.getText("t").toString()).toBe("acd");
    expect(loaded.tailRows).toBe(3);
  });

  it("stores a batch whole or not at all", async () => {
    const storage = postgresDocStorage(pool);
    const before = await storage.read(docs[2]);
    const update = paragraphUpdate(new Y.Doc(), "x");
    await expect(
      storage.append([
        { documentId: docs[2], data: update },
        { documentId: "no-such-document", data: update },
      ]),
    ).rejects.toThrow();
    expect((await storage.read(docs[2])).updates).toHaveLength(before.updates.length);
  });

  it("folds the log into a snapshot, keeps later rows, and does nothing on an empty log", async () => {
    const storage = postgresDocStorage(pool);
    const { doc } = await loadState(storage, docs[0]);
    const size = await storage.compact(docs[0], () => Y.encodeStateAsUpdate(doc));
    expect(size).toBeGreaterThan(0);
    expect(await storage.compact(docs[0], () => Y.encodeStateAsUpdate(doc))).toBeNull();
    const later = paragraphUpdate(doc, "e");
    await storage.append([{ documentId: docs[0], data: later }]);
    const read = await storage.read(docs[0]);
    expect(read.snapshot).not.toBeNull();
    expect(read.updates).toHaveLength(1);
    expect((await loadState(storage, docs[0])).doc.getText("t").toString()).toBe("acde");
  });
});
