import { sqliteAccess } from "../test/database";
import type { Socket } from "node:net";
import { afterEach, beforeEach, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "./wire/close-codes";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

const COMPACT_AFTER = 10;
let server: TestServer;
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startTestServer(undefined, { compactAfterRows: COMPACT_AFTER, idleUnloadMs: 50 });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

/** What a reload would read: the snapshot, then every log row after it. */
async function storedText(documentId: string): Promise<string> {
  const db = server.services.db;
  const snapshot = await db.docSnapshot.findUnique({ where: { documentId } });
  const rows = await db.docUpdate.findMany({
    where: { documentId, id: { gt: snapshot?.lastUpdateId ?? 0 } },
    orderBy: { id: "asc" },
  });
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  for (const row of rows) Y.applyUpdate(doc, row.data);
  return doc.getXmlFragment("default").toString();
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("a failed compaction leaves the update log whole, and the next one folds it", async () => {
  const db = server.services.db;
  const documentId = await demoDocId(db, NORTHWIND);
  // Fault injection in the real database: folding the log (deleting its rows) fails.
  await db.$executeRawUnsafe(
    `CREATE TRIGGER fail_compaction BEFORE DELETE ON "DocUpdate" BEGIN SELECT RAISE(ABORT, 'injected: compaction fails'); END`,
  );
  // Observe (not change) the log's transactions, to know when the compaction has failed.
  const sqlite = sqliteAccess(db);
  const transaction = sqlite.transaction.bind(sqlite);
  let failed = 0;
  sqlite.transaction = <T>(work: () => T) =>
    transaction(work).catch((error: unknown) => {
      failed++;
      throw error;
    });

  const writer = connectClient(server.wsUrl, documentId, await login(server.url, "lead"));
  const reader = connectClient(server.wsUrl, documentId, await login(server.url, "sales"));
  clients.push(writer, reader);
  await Promise.all([synced(writer), synced(reader)]);
  // Exactly enough rows to start a compaction, and no more.
  for (let i = 0; i < COMPACT_AFTER; i++) appendParagraph(writer.doc, `kept line ${i}`);
  await waitFor(() => reader.text().includes(`kept line ${COMPACT_AFTER - 1}`), "every line at the reader");
  await waitFor(() => failed > 0, "the compaction to fail");

  expect(await db.docUpdate.count({ where: { documentId } })).toBe(COMPACT_AFTER);
  expect(await storedText(documentId)).toBe(writer.text());

  // Storage is fine again: unloading the document compacts what the failure left.
  await db.$executeRawUnsafe("DROP TRIGGER fail_compaction");
  for (const c of clients.splice(0)) c.destroy();
  await waitFor(() => server.collab.loadedDocuments === 0, "the idle document to unload");
  expect(await db.docUpdate.count({ where: { documentId } })).toBe(0);

  const after = connectClient(server.wsUrl, documentId, await login(server.url, "support"));
  clients.push(after);
  await synced(after);
  for (let i = 0; i < COMPACT_AFTER; i++) expect(after.text()).toContain(`kept line ${i}`);
  expect(await storedText(documentId)).toBe(after.text());
});

it("a document dropped after a storage failure never compacts its old state over the reloaded one", async () => {
  const db = server.services.db;
  const documentId = await demoDocId(db, NORTHWIND);
  const writer = connectClient(server.wsUrl, documentId, await login(server.url, "lead"));
  clients.push(writer);
  const writerCloses: number[] = [];
  writer.provider.on("connection-close", (event: CloseEvent | null) => event && writerCloses.push(event.code));
  await synced(writer);
  // A second peer that will be slow to finish its close handshake.
  const slow = new WebSocket(`${server.wsUrl}/collab/${documentId}`, {
    headers: { cookie: await login(server.url, "sales") },
  });
  const slowClosed = new Promise((resolve) => slow.once("close", resolve));
  await new Promise((resolve) => slow.once("open", resolve));
  await waitFor(() => server.collab.openConnections === 2, "both peers");

  appendParagraph(writer.doc, "before the fault");
  await until(async () => (await db.docUpdate.count({ where: { documentId } })) > 0, "the first row");
  (slow as unknown as { _socket: Socket })._socket.pause();

  // The next write fails: the loaded document is dropped and its peers are closed.
  await db.$queryRawUnsafe("PRAGMA query_only = ON");
  try {
    appendParagraph(writer.doc, "during the fault");
    await waitFor(() => writerCloses.includes(CloseCode.StorageUnavailable), "4503 to the writer");
  } finally {
    await db.$queryRawUnsafe("PRAGMA query_only = OFF");
  }
  // The writer reconnects to a fresh load and stores its edits there.
  appendParagraph(writer.doc, "after the fault");
  await until(async () => (await storedText(documentId)).includes("after the fault"), "the edits after recovery");

  // Only now does the slow peer of the dropped document finish closing.
  (slow as unknown as { _socket: Socket })._socket.resume();
  await slowClosed;
  // Longer than the idle unload delay of a dropped document, were it (wrongly) scheduled.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const stored = await storedText(documentId);
  expect(stored).toContain("during the fault");
  expect(stored).toContain("after the fault");
  expect(stored).toBe(writer.text());
});
