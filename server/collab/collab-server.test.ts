import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "./wire/close-codes";
import { DEFAULT_COLLAB_LIMITS } from "./limits";
import {
  appendParagraph,
  connectClient,
  login,
  synced,
  upgradeStatus,
  waitFor,
  type TestClient,
} from "../test/clients";
import { demoDocId, HUADONG, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";
import { richDoc } from "../test/yjs-fixtures";

let server: TestServer;
const clients: TestClient[] = [];

function client(docId: string, cookie: string | undefined, params = {}): TestClient {
  const c = connectClient(server.wsUrl, docId, cookie, params);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

describe("co-editing over the official y-websocket provider", () => {
  it("two members edit one document at once and converge", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const lead = client(docId, await login(server.url, "lead"));
    const sales = client(docId, await login(server.url, "sales"));
    await Promise.all([synced(lead), synced(sales)]);
    expect(lead.text()).toContain("External goals");

    appendParagraph(lead.doc, "Lead: confirm Q3 pilot with Northwind procurement");
    appendParagraph(sales.doc, "Sales: price review in September");
    await waitFor(
      () => lead.text() === sales.text() && lead.text().includes("price review") && sales.text().includes("Q3 pilot"),
      "both edits on both clients",
    );
  });

  it("content survives a server stop and start", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND, "account_plan");
    const cookie = await login(server.url, "production");
    const writer = client(docId, cookie);
    const watcher = client(docId, await login(server.url, "logistics"));
    await Promise.all([synced(writer), synced(watcher)]);
    for (let i = 0; i < 25; i++) appendParagraph(writer.doc, `line ${i}`);
    await waitFor(() => watcher.text().includes("line 24"), "the watcher to receive every line");
    const expected = watcher.text();
    writer.destroy();
    watcher.destroy();

    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer(dataDir);

    const reader = client(docId, await login(server.url, "support"));
    await synced(reader);
    expect(reader.text()).toBe(expected);
  });

  it("a document unloaded while idle reloads identical, from a compacted log", async () => {
    await server.close();
    server = await startTestServer(undefined, { idleUnloadMs: 50, compactAfterRows: 10 });
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const writer = client(docId, await login(server.url, "lead"));
    await synced(writer);
    for (let i = 0; i < 40; i++) appendParagraph(writer.doc, `entry ${i}`);
    const ackedClient = client(docId, await login(server.url, "sales"));
    await waitFor(() => ackedClient.text().includes("entry 39"), "all entries");
    const expected = ackedClient.text();
    writer.destroy();
    ackedClient.destroy();
    await waitFor(() => server.collab.loadedDocuments === 0, "the idle document to unload");

    const rows = await server.services.db.docUpdate.count({ where: { documentId: docId } });
    expect(rows).toBe(0);
    const reader = client(docId, await login(server.url, "support"));
    await synced(reader);
    expect(reader.text()).toBe(expected);
  });
});

describe("idle unload", () => {
  it("a document unloads every time it goes idle, not only the first time", async () => {
    await server.close();
    server = await startTestServer(undefined, { idleUnloadMs: 50 });
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const cookie = await login(server.url, "lead");
    for (let round = 0; round < 3; round++) {
      const visitor = client(docId, cookie);
      await synced(visitor);
      expect(server.collab.loadedDocuments).toBe(1);
      visitor.destroy();
      await waitFor(() => server.collab.loadedDocuments === 0, `unload in round ${round}`);
    }
  });
});

describe("authorization at the upgrade", () => {
  it("no session gets 401 before the upgrade", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`)).toBe(401);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { cookie: "__session=forged" })).toBe(401);
  });

  it("someone not on the account's team gets 403", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const outsider = await login(server.url, "outsider");
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { cookie: outsider })).toBe(403);
    // production@ is on Northwind's team but not on 华东精密机械's.
    const huadongDoc = await demoDocId(server.services.db, HUADONG);
    const production = await login(server.url, "production");
    expect(await upgradeStatus(server.wsUrl, `/collab/${huadongDoc}`, { cookie: production })).toBe(403);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { cookie: production })).toBe(101);
  });

  it("an unknown document is 404 and an unknown path is 400", async () => {
    const lead = await login(server.url, "lead");
    expect(await upgradeStatus(server.wsUrl, "/collab/doesnotexist", { cookie: lead })).toBe(404);
    expect(await upgradeStatus(server.wsUrl, "/elsewhere", { cookie: lead })).toBe(400);
  });

  it("a foreign Origin is refused", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const lead = await login(server.url, "lead");
    const status = await upgradeStatus(server.wsUrl, `/collab/${docId}`, {
      cookie: lead,
      origin: "https://evil.example",
    });
    expect(status).toBe(403);
  });

  it("signing out closes the session's live connections", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const cookie = await login(server.url, "lead");
    const lead = client(docId, cookie);
    await synced(lead);
    const closed = new Promise<number>((resolve) => lead.provider.on("connection-close", (e) => resolve(e?.code ?? 0)));
    await fetch(`${server.url}/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    expect(await closed).toBe(CloseCode.Unauthorized);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { cookie })).toBe(401);
  });
});

describe("read-only members", () => {
  it("a viewer receives the document, but its changes are dropped, never stored, and it is told", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const viewer = client(docId, await login(server.url, "viewer"));
    const lead = client(docId, await login(server.url, "lead"));
    await Promise.all([synced(viewer), synced(lead)]);
    expect(viewer.text()).toContain("External goals");

    const denied = new Promise<string>((resolve) => {
      // The provider's auth handler (message type 2) is how the official client hears "permission denied".
      viewer.provider.messageHandlers[2] = (_encoder, decoder) => {
        decoding.readVarUint(decoder);
        resolve(decoding.readVarString(decoder));
      };
    });
    appendParagraph(viewer.doc, "viewer was here");
    expect(await denied).toMatch(/read-only/);

    appendParagraph(lead.doc, "lead after viewer");
    await waitFor(() => viewer.text().includes("lead after viewer"), "the viewer to keep receiving");
    expect(lead.text()).not.toContain("viewer was here");
    const rows = await server.services.db.docUpdate.findMany({ where: { documentId: docId } });
    const stored = new Y.Doc();
    const snapshot = await server.services.db.docSnapshot.findUniqueOrThrow({ where: { documentId: docId } });
    Y.applyUpdate(stored, snapshot.state);
    for (const row of rows) Y.applyUpdate(stored, row.data);
    expect(stored.getXmlFragment("default").toString()).toContain("lead after viewer");
    expect(stored.getXmlFragment("default").toString()).not.toContain("viewer was here");
  });

  it("a viewer's offline edits riding in its handshake are dropped too", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const cookie = await login(server.url, "viewer");
    const viewer = client(docId, cookie);
    await synced(viewer);
    viewer.provider.disconnect();
    appendParagraph(viewer.doc, "offline viewer edit");
    viewer.provider.connect();
    await synced(viewer);
    const lead = client(docId, await login(server.url, "lead"));
    await synced(lead);
    appendParagraph(lead.doc, "after the handshake");
    await waitFor(() => viewer.text().includes("after the handshake"), "the viewer to stay in sync");
    expect(lead.text()).not.toContain("offline viewer edit");
  });
});

describe("bad input closes only the offending connection", () => {
  async function rawSocket(docId: string, cookie: string): Promise<WebSocket> {
    const ws = new WebSocket(`${server.wsUrl}/collab/${docId}`, { headers: { cookie } });
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    return ws;
  }

  function closeCode(ws: WebSocket): Promise<number> {
    return new Promise((resolve) => ws.on("close", (code) => resolve(code)));
  }

  function syncUpdateMessage(payload: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
  }

  it("a corrupted sync message closes that socket with 4400 while another client keeps editing", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const lead = client(docId, await login(server.url, "lead"));
    const sales = client(docId, await login(server.url, "sales"));
    await Promise.all([synced(lead), synced(sales)]);
    const before = lead.text();

    const attacker = await rawSocket(docId, await login(server.url, "support"));
    const closed = closeCode(attacker);
    // A real update, truncated: Yjs would throw midway through applying it.
    const source = new Y.Doc();
    appendParagraph(source, "never stored");
    const update = Y.encodeStateAsUpdate(source);
    attacker.send(syncUpdateMessage(update.subarray(0, update.length - 4)));
    expect(await closed).toBe(CloseCode.InvalidMessage);

    appendParagraph(lead.doc, "still editing");
    await waitFor(() => sales.text().includes("still editing"), "the other clients to carry on");
    expect(sales.text()).not.toContain("never stored");
    expect(lead.text()).toContain(before.slice(0, 200));
  });

  it("an update with trailing garbage, an unknown message type and a missing-dependency update are refused", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const cookie = await login(server.url, "support");
    const source = new Y.Doc();
    appendParagraph(source, "x");
    const update = Y.encodeStateAsUpdate(source);

    const trailing = await rawSocket(docId, cookie);
    const trailingClosed = closeCode(trailing);
    trailing.send(syncUpdateMessage(new Uint8Array([...update, 0, 0, 0])));
    expect(await trailingClosed).toBe(CloseCode.InvalidMessage);

    const unknown = await rawSocket(docId, cookie);
    const unknownClosed = closeCode(unknown);
    unknown.send(new Uint8Array([42, 0]));
    expect(await unknownClosed).toBe(CloseCode.InvalidMessage);

    // The second of two updates, without the first: the server must not park it.
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on("update", (u: Uint8Array) => updates.push(u));
    appendParagraph(writer, "first");
    appendParagraph(writer, "second");
    const orphan = await rawSocket(docId, cookie);
    const orphanClosed = closeCode(orphan);
    orphan.send(syncUpdateMessage(updates[1]));
    expect(await orphanClosed).toBe(CloseCode.Resync);

    const stored = await server.services.db.docUpdate.count({ where: { documentId: docId } });
    expect(stored).toBe(0);
  });

  it("an update that is well-formed bytes but that Yjs would fail on halfway is refused before it is stored", async () => {
    // Found by the fuzz loop: a GC length changed so a later item's parent becomes a
    // forward reference into a string. Yjs throws in the middle of applying it; the
    // validator refuses such references and the live doc's shadow copy would too.
    const update = Y.encodeStateAsUpdate(richDoc(1));
    const GC_LENGTH_AT = 16;
    expect(update[GC_LENGTH_AT]).toBe(12);
    const broken = update.slice();
    broken[GC_LENGTH_AT] = 1;
    expect(() => Y.applyUpdate(new Y.Doc(), broken)).toThrow();

    const docId = await demoDocId(server.services.db, NORTHWIND);
    const lead = client(docId, await login(server.url, "lead"));
    await synced(lead);
    const attacker = await rawSocket(docId, await login(server.url, "support"));
    const closed = closeCode(attacker);
    attacker.send(syncUpdateMessage(broken));
    expect(await closed).toBe(CloseCode.InvalidMessage);
    expect(await server.services.db.docUpdate.count({ where: { documentId: docId } })).toBe(0);

    appendParagraph(lead.doc, "the document still works");
    const reader = client(docId, await login(server.url, "sales"));
    await waitFor(() => reader.text().includes("the document still works"), "the document to keep working");
  });

  it("an oversized message is refused with 1009", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const ws = await rawSocket(docId, await login(server.url, "support"));
    const closed = closeCode(ws);
    ws.send(new Uint8Array(5 * 1024 * 1024));
    expect(await closed).toBe(CloseCode.MessageTooBig);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("awareness", () => {
  it("names and departments come from the session, not from the client", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const sales = client(docId, await login(server.url, "sales"));
    const lead = client(docId, await login(server.url, "lead"));
    await Promise.all([synced(sales), synced(lead)]);
    sales.provider.awareness.setLocalStateField("user", { name: "Helen Park (CEO)", color: "#000" });
    await waitFor(() => lead.provider.awareness.getStates().has(sales.doc.clientID), "the sales cursor");
    const seen = lead.provider.awareness.getStates().get(sales.doc.clientID) as { user: Record<string, string> };
    expect(seen.user.name).toBe("Daniel Okafor");
    expect(seen.user.department).toBe("sales");
  });
});

describe("awareness limits", () => {
  function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
    const outer = encoding.createEncoder();
    encoding.writeVarUint(outer, 1);
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
    return encoding.toUint8Array(outer);
  }

  async function openRaw(docId: string, cookie: string): Promise<WebSocket> {
    const ws = new WebSocket(`${server.wsUrl}/collab/${docId}`, { headers: { cookie } });
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    return ws;
  }

  it("relaying other people's cursors, as the official provider does in a full room, is not rate limited", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const lead = client(docId, await login(server.url, "lead"));
    await synced(lead);
    await waitFor(() => server.collab.openConnections === 1, "the lead's connection");
    const relay = await openRaw(docId, await login(server.url, "sales"));
    let closedWith: number | null = null;
    relay.on("close", (code) => (closedWith = code));
    relay.send(awarenessMessage(777, 1, { cursor: null }));
    // 500 relays of the lead's state within a moment: a room of 500 filling up.
    for (let i = 0; i < 500; i++) relay.send(awarenessMessage(lead.doc.clientID, i + 1, { user: { name: "x" } }));
    appendParagraph(lead.doc, "after the relay storm");
    const watcher = client(docId, await login(server.url, "support"));
    await waitFor(() => watcher.text().includes("after the relay storm"), "the room to carry on");
    expect(closedWith).toBeNull();
    relay.close();
  });

  it("changing one's own cursor hundreds of times a second is slowed to the budget, not closed; the last state arrives", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const watcher = client(docId, await login(server.url, "lead"));
    await synced(watcher);
    const seen: unknown[] = [];
    watcher.provider.awareness.on("change", ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(4242)) seen.push(watcher.provider.awareness.getStates().get(4242));
    });
    const flooder = await openRaw(docId, await login(server.url, "sales"));
    let closedWith: number | null = null;
    flooder.on("close", (code) => (closedWith = code));
    const started = Date.now();
    for (let i = 0; i < 400; i++) flooder.send(awarenessMessage(4242, i + 1, { cursor: i }));
    await waitFor(() => (seen.at(-1) as { cursor?: number } | undefined)?.cursor === 399, "the last cursor");
    const seconds = (Date.now() - started) / 1000;
    expect(closedWith).toBeNull();
    // What others hear stays within the budget: the burst, then the sustained rate.
    expect(seen.length).toBeLessThanOrEqual(
      DEFAULT_COLLAB_LIMITS.awarenessBurst + DEFAULT_COLLAB_LIMITS.awarenessPerSecond * seconds + 2,
    );
    flooder.close();
  });
});
