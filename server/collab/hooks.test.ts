import { afterEach, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";
import type { CollabHook } from "./hooks";
import { syncMessage, SyncType } from "./protocol";
import { MessageType } from "./wire/message-types";

let server: TestServer;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const ws of sockets.splice(0)) ws.terminate();
  await server.close();
});

type Kind = Exclude<keyof CollabHook, "name">;
const KINDS: Kind[] = ["onLoad", "onThrottle", "afterAdmit", "afterCommit", "afterStore", "onDisconnect", "onUnload"];

/** A hook that writes `name:kind` into `calls` for every kind. */
function recorder(name: string, calls: string[]): CollabHook {
  return { name, ...Object.fromEntries(KINDS.map((kind) => [kind, () => void calls.push(`${name}:${kind}`)])) };
}

/** A hook that fails at every kind: thrown for one half, a rejected promise for the other. */
function failing(name: string): CollabHook {
  return {
    name,
    ...Object.fromEntries(
      KINDS.map((kind, i) => [
        kind,
        i % 2 === 0
          ? () => {
              throw new Error(`injected: ${name} ${kind}`);
            }
          : () => Promise.reject(new Error(`injected: ${name} ${kind}`)),
      ]),
    ),
  };
}

/** A raw editor that asks for acknowledgements, as the browser's provider does. */
async function ackingEditor(documentId: string, cookie: string): Promise<{ ws: WebSocket; acks: number[][] }> {
  const ws = new WebSocket(`${server.wsUrl}/collab/${documentId}?acks=1`, { headers: { cookie } });
  sockets.push(ws);
  const acks: number[][] = [];
  ws.on("message", (data: Buffer) => {
    if (data[0] === MessageType.Ack) acks.push([...data]);
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return { ws, acks };
}

/** An update with one new paragraph that depends on nothing the server has. */
function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  appendParagraph(doc, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

it("hooks run in registration order at each point of a document's life: load, admit, commit, store, disconnect, unload", async () => {
  const calls: string[] = [];
  server = await startTestServer(undefined, {
    idleUnloadMs: 50,
    collabHooks: [recorder("first", calls), recorder("second", calls)],
  });
  const documentId = await demoDocId(server.services.db, NORTHWIND);
  const writer = connectClient(server.wsUrl, documentId, await login(server.url, "lead"));
  clients.push(writer);
  await synced(writer);
  appendParagraph(writer.doc, "one edit");
  await waitFor(() => calls.includes("second:afterStore"), "the edit to be stored");
  for (const client of clients.splice(0)) client.destroy();
  await waitFor(() => calls.includes("second:onUnload"), "the idle document to unload");

  const order = (name: string) =>
    calls.filter((call) => call.startsWith(`${name}:`)).map((call) => call.slice(name.length + 1));
  expect(order("first")).toEqual(["onLoad", "afterAdmit", "afterCommit", "afterStore", "onDisconnect", "onUnload"]);
  expect(order("second")).toEqual(order("first"));
  // Each event reaches "first" before "second".
  for (let i = 0; i < calls.length; i += 2) {
    expect([calls[i], calls[i + 1]]).toEqual([`first:${order("first")[i / 2]}`, `second:${order("first")[i / 2]}`]);
  }
});

it("a failing hook stops nothing: the edit is stored, broadcast and acknowledged, and the hooks after it still run", async () => {
  const calls: string[] = [];
  server = await startTestServer(undefined, {
    collabHooks: [recorder("before", calls), failing("throws"), failing("rejects-too"), recorder("after", calls)],
  });
  const db = server.services.db;
  const documentId = await demoDocId(db, NORTHWIND);
  const reader = connectClient(server.wsUrl, documentId, await login(server.url, "sales"));
  clients.push(reader);
  await synced(reader);
  const rowsBefore = await db.docUpdate.count({ where: { documentId } });

  const editor = await ackingEditor(documentId, await login(server.url, "lead"));
  editor.ws.send(syncMessage(SyncType.Update, paragraphUpdate("through the failing hooks")));

  await waitFor(() => editor.acks.length > 0, "the acknowledgement");
  expect(editor.acks[0]).toEqual([MessageType.Ack, 1, 0]);
  await waitFor(() => reader.text().includes("through the failing hooks"), "the broadcast to the reader");
  expect(await db.docUpdate.count({ where: { documentId } })).toBe(rowsBefore + 1);
  await waitFor(() => calls.includes("after:afterStore"), "the last hook's afterStore");
  expect(calls.filter((call) => call.startsWith("after:"))).toEqual(
    calls.filter((call) => call.startsWith("before:")).map((call) => call.replace("before:", "after:")),
  );

  // The built-in hooks ran as well: the metrics counted the update.
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  expect(metrics).toMatch(/^keyroom_collab_updates_total 1$/m);
  // The connection was not closed by any of it.
  expect(editor.ws.readyState).toBe(WebSocket.OPEN);
});
