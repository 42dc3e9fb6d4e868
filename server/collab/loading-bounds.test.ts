import { sqliteAccess } from "../test/database";
import { afterEach, beforeEach, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "./wire/close-codes";
import { DEFAULT_COLLAB_LIMITS } from "./limits";
import { login, waitFor } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { syncMessage, SyncType } from "./protocol";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let documentId: string;
let cookie: string;
/** Lets the held document load finish. */
let releaseLoad: () => void;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  server = await startTestServer();
  documentId = await demoDocId(server.services.db, NORTHWIND);
  cookie = await login(server.url, "lead");
  // Fault injection: the collaboration storage (here: the document's load) waits until the test lets it go.
  const sqlite = sqliteAccess(server.services.db);
  const transaction = sqlite.transaction.bind(sqlite);
  const held = new Promise<void>((resolve) => (releaseLoad = resolve));
  sqlite.transaction = <T>(work: () => T) => held.then(() => transaction(work));
});

afterEach(async () => {
  releaseLoad();
  for (const ws of sockets.splice(0)) ws.terminate();
  await server.close();
});

interface Raw {
  ws: WebSocket;
  /** The close code, once closed. */
  closed: { code: number | null };
  /** Sync step 2 answers received. */
  answers: { n: number };
}

async function openRaw(): Promise<Raw> {
  const ws = new WebSocket(`${server.wsUrl}/collab/${documentId}`, { headers: { cookie } });
  sockets.push(ws);
  const raw: Raw = { ws, closed: { code: null }, answers: { n: 0 } };
  ws.on("close", (code) => (raw.closed.code = code));
  ws.on("message", (data: Buffer) => {
    if (data[0] === 0 && data[1] === 1) raw.answers.n++;
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return raw;
}

function syncStep1(): Uint8Array {
  return syncMessage(SyncType.Step1, Y.encodeStateVector(new Y.Doc()));
}

it("a connection that sends too much while its document loads is closed with 1013 (retryable); a quiet one is served", async () => {
  const flooder = await openRaw();
  const quiet = await openRaw();
  for (let i = 0; i < DEFAULT_COLLAB_LIMITS.maxLoadingMessages + 1; i++) flooder.ws.send(syncStep1());
  quiet.ws.send(syncStep1());
  await waitFor(() => flooder.closed.code !== null, "the flooder to be closed");
  expect(flooder.closed.code).toBe(CloseCode.TryAgainLater);

  releaseLoad();
  await waitFor(() => quiet.answers.n === 1, "the quiet connection's answer");
  expect(quiet.closed.code).toBeNull();
});

it("what waits for loading documents is bounded over all connections too", async () => {
  const each = DEFAULT_COLLAB_LIMITS.maxLoadingMessages - 1;
  const count = Math.floor(DEFAULT_COLLAB_LIMITS.maxLoadingMessagesTotal / each) + 1;
  const connections: Raw[] = [];
  for (let i = 0; i < count; i++) connections.push(await openRaw());
  for (const { ws } of connections) for (let i = 0; i < each; i++) ws.send(syncStep1());
  await waitFor(() => connections.some((c) => c.closed.code !== null), "a connection past the total to be closed");

  releaseLoad();
  const served = connections.filter((c) => c.closed.code === null);
  // Their messages waited and are answered once the document is there (at the user's rate).
  // About 2,000 held sync requests, each answered with the whole document: 2 s on an idle
  // machine, over 5 in CI's busiest minute. What is checked is who was refused, not speed.
  await waitFor(() => served.every((c) => c.answers.n > 0), "the others to be answered", 20_000);
  expect(served.every((c) => c.closed.code === null)).toBe(true);
  const closed = connections.filter((c) => c.closed.code !== null);
  expect(closed.map((c) => c.closed.code)).toEqual(closed.map(() => CloseCode.TryAgainLater));
  // Only what went past the total was refused.
  expect(served.length).toBeGreaterThanOrEqual(count - 1);
});
