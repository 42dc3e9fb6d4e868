import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "./wire/close-codes";
import { DEFAULT_COLLAB_LIMITS } from "./limits";
import { startKeyroom } from "../app";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { freshDataDir, startTestServer, testConfig, type TestServer } from "../test/start-test-server";
import { syncMessage, SyncType } from "./protocol";
import { UserBuckets } from "../lib/rate-limiter";

let server: TestServer | null = null;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  server = null;
});

function client(docId: string, cookie: string): TestClient {
  if (!server) throw new Error("no server");
  const c = connectClient(server.wsUrl, docId, cookie);
  clients.push(c);
  return c;
}

/** A raw y-websocket connection; resolves once open. */
async function openRaw(docId: string, cookie: string): Promise<WebSocket> {
  if (!server) throw new Error("no server");
  const ws = new WebSocket(`${server.wsUrl}/collab/${docId}`, { headers: { cookie } });
  sockets.push(ws);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return ws;
}

/** A paragraph made by a client of its own: an update that depends on nothing else. */
function independentUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  appendParagraph(doc, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return syncMessage(SyncType.Update, update);
}

/** A sync step 1 from an empty doc: the cheapest document message. */
function syncStep1(): Uint8Array {
  return syncMessage(SyncType.Step1, Y.encodeStateVector(new Y.Doc()));
}

const rows = (documentId: string) =>
  server ? server.services.db.docUpdate.count({ where: { documentId } }) : Promise.resolve(0);

describe("bursts are slowed, not cut", () => {
  it("600 updates sent as fast as a client can (a long paste) are all stored, in order, and the connection stays open", async () => {
    server = await startTestServer(undefined, { compactAfterRows: 100_000 });
    const documentId = await demoDocId(server.services.db, NORTHWIND);
    const writer = client(documentId, await login(server.url, "lead"));
    const reader = client(documentId, await login(server.url, "sales"));
    const closes: number[] = [];
    writer.provider.on("connection-close", (event: CloseEvent | null) => event && closes.push(event.code));
    await Promise.all([synced(writer), synced(reader)]);
    const before = await rows(documentId);

    const count = 600;
    expect(count).toBeGreaterThan(DEFAULT_COLLAB_LIMITS.updateBurst);
    for (let i = 0; i < count; i++) appendParagraph(writer.doc, `pasted line ${i}`);

    // The budget lets the burst through at once and the rest at the sustained rate.
    const seconds = (count - DEFAULT_COLLAB_LIMITS.updateBurst) / DEFAULT_COLLAB_LIMITS.updatesPerSecond;
    await waitFor(
      () => reader.text().includes(`pasted line ${count - 1}`),
      "every line at the reader",
      (seconds + 30) * 1000,
    );
    expect(closes).toEqual([]);
    expect(reader.text()).toBe(writer.text());
    const lines = [...reader.text().matchAll(/pasted line (\d+)/g)].map((m) => Number(m[1]));
    expect(lines).toEqual(Array.from({ length: count }, (_, i) => i));
    expect((await rows(documentId)) - before).toBe(count);
    // Operators see the slowing down.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const throttled = /^keyroom_collab_throttled_total (\d+)$/m.exec(metrics);
    expect(Number(throttled?.[1])).toBeGreaterThan((count - DEFAULT_COLLAB_LIMITS.updateBurst) / 2);
  }, 60_000);

  it("a client that reconnects after every burst gets no more than its user's budget through", async () => {
    // Small budgets keep the window short: 5/s per connection (burst 50), 15/s per user (burst 150).
    const perSecond = 5;
    const burst = 50;
    const config = { ...testConfig(freshDataDir()), updatesPerSecond: perSecond, updateBurst: burst };
    const started = await startKeyroom(config, { compactAfterRows: 100_000 });
    server = {
      ...started,
      url: `http://127.0.0.1:${started.port}`,
      wsUrl: `ws://127.0.0.1:${started.port}`,
      dataDir: config.dataDir,
    };
    const documentId = await demoDocId(server.services.db, NORTHWIND);
    const cookie = await login(server.url, "production");
    const before = await rows(documentId);

    const windowMs = 3000;
    const start = Date.now();
    let connections = 0;
    while (Date.now() - start < windowMs) {
      const ws = await openRaw(documentId, cookie);
      connections++;
      const closed = new Promise((resolve) => ws.once("close", resolve));
      for (let i = 0; i < 2 * burst; i++) ws.send(independentUpdate(`burst ${connections}.${i}`));
      // Leave, wait briefly for the server's goodbye, and come straight back.
      ws.close();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 200))]);
      ws.terminate();
    }
    const stored = (await rows(documentId)) - before;
    const elapsed = (Date.now() - start) / 1000;
    expect(connections).toBeGreaterThan(1);
    expect(stored).toBeGreaterThan(0);
    const userBurst = burst * DEFAULT_COLLAB_LIMITS.userUpdateMultiple;
    const userRate = perSecond * DEFAULT_COLLAB_LIMITS.userUpdateMultiple;
    expect(stored).toBeLessThanOrEqual(userBurst + userRate * elapsed);
  }, 30_000);

  it("a flood far past the budget is closed with 4429 (retryable), and everyone else edits on", async () => {
    server = await startTestServer();
    const documentId = await demoDocId(server.services.db, NORTHWIND);
    const lead = client(documentId, await login(server.url, "lead"));
    const sales = client(documentId, await login(server.url, "sales"));
    await Promise.all([synced(lead), synced(sales)]);

    const flooder = await openRaw(documentId, await login(server.url, "support"));
    const closed = new Promise<number>((resolve) => flooder.on("close", (code) => resolve(code)));
    const message = syncStep1();
    for (let i = 0; i < 20_000; i++) flooder.send(message);
    appendParagraph(lead.doc, "during the flood");
    expect(await closed).toBe(CloseCode.RateLimited);

    appendParagraph(lead.doc, "after the flood");
    await waitFor(() => sales.text().includes("during the flood") && sales.text().includes("after the flood"), "edits");
    expect(sales.text()).toBe(lead.text());
  });
});

describe("a client that stops reading", () => {
  it("is closed with 1013 (retryable) once too much waits for it, and everyone else is served", async () => {
    server = await startTestServer(undefined, {
      maxUnsentBytes: 2 * 1024 * 1024,
      // Deleted lines count until the size is measured again.
      maxDocumentBytes: 128 * 1024 * 1024,
      compactAfterRows: 100_000,
    });
    const documentId = await demoDocId(server.services.db, NORTHWIND);
    const writer = client(documentId, await login(server.url, "lead"));
    const reader = client(documentId, await login(server.url, "sales"));
    const stalled = await openRaw(documentId, await login(server.url, "production"));
    await Promise.all([synced(writer), synced(reader)]);
    // It stops reading: what the server sends piles up in the kernel's buffers, then in the server's.
    stalled.pause();
    const closed = new Promise<number>((resolve) => stalled.on("close", (code) => resolve(code)));

    // 60 MB of edits, more than loopback's buffers hold (they grow to 36 MB here), in a document
    // that stays small (each line is deleted again), so whoever reconnects resyncs within the bound.
    const fragment = writer.doc.getXmlFragment("default");
    for (let i = 0; i < 200; i++) {
      appendParagraph(writer.doc, `burst ${i} ${"x".repeat(300 * 1024)}`);
      fragment.delete(fragment.length - 1, 1);
    }
    appendParagraph(writer.doc, "after the burst");
    await waitFor(() => reader.text().includes("after the burst"), "the reader to keep up", 30_000);
    expect(reader.text()).toBe(writer.text());

    // It was told to go, behind what already waited for it, and sent nothing more.
    stalled.resume();
    expect(await closed).toBe(CloseCode.TryAgainLater);
    await waitFor(() => server?.collab.openConnections === 2, "the stalled client to be gone");
  }, 60_000);
});

describe("per-user budgets", () => {
  it("outlive the user's last connection until they have refilled, then are dropped", async () => {
    // 50 a second: no token comes back in the few milliseconds a loaded machine may take between two lines (refilled in 0.4 s).
    const buckets = new UserBuckets(50, 20);
    const bucket = buckets.acquire("u1");
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    buckets.release("u1");
    // Reconnecting at once gets the same, empty bucket back.
    const again = buckets.acquire("u1");
    expect(again).toBe(bucket);
    expect(again.take()).toBe(false);
    buckets.release("u1");
    expect(buckets.size).toBe(1);
    await waitFor(() => buckets.size === 0, "the refilled bucket to be dropped", 1000);
  });
});
