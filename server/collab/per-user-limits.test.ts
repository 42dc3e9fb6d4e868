import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { DEFAULT_COLLAB_LIMITS } from "./limits";
import { login, waitFor } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
  documentId = await demoDocId(server.services.db, NORTHWIND);
});
afterAll(async () => {
  await server.close();
});

/** A sync step 1: a cheap document message that still counts against the update limits. */
function syncStep1(from = new Y.Doc()): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, from);
  return encoding.toUint8Array(encoder);
}

async function openRaw(cookie: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${server.wsUrl}/collab/${documentId}`, { headers: { cookie } });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("error", reject);
  });
  return { ws, closed };
}

const settle = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

describe("limits per user, over all of their connections", () => {
  it("collab: connections that each stay under their own limit are slowed to the user's budget together, not closed", async () => {
    const connections = 4;
    const each = Math.floor(
      (DEFAULT_COLLAB_LIMITS.updateBurst * DEFAULT_COLLAB_LIMITS.userUpdateMultiple * 1.2) / connections,
    );
    expect(each).toBeLessThan(DEFAULT_COLLAB_LIMITS.updateBurst);
    const cookie = await login(server.url, "sales");
    const flood = await Promise.all(Array.from({ length: connections }, () => openRaw(cookie)));
    const other = await openRaw(await login(server.url, "production"));
    // Every sync step 1 is answered with a sync step 2: count the answers.
    const answered = (ws: WebSocket) => {
      const count = { n: 0 };
      ws.on("message", (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) count.n++;
      });
      return count;
    };
    const floodAnswers = flood.map(({ ws }) => answered(ws));
    const otherAnswers = answered(other.ws);

    // From a client that has everything: the answers are empty, so the server's work stays small
    // and the time measured is the budget's.
    const current = new Y.Doc();
    Y.applyUpdate(current, await server.collab.currentState(documentId));
    const message = syncStep1(current);
    const started = performance.now();
    for (let i = 0; i < each; i++) for (const { ws } of flood) ws.send(message);
    for (let i = 0; i < each; i++) other.ws.send(message);

    // Someone else sending as much on their own is served, with no wait for this user's budget.
    await waitFor(() => otherAnswers.n === each, "the other user's answers");
    await waitFor(() => floodAnswers.every((c) => c.n === each), "every message of the user's", 10_000);
    const seconds = (performance.now() - started) / 1000;
    // The user's burst at once, the rest at the user's sustained rate.
    const userBurst = DEFAULT_COLLAB_LIMITS.updateBurst * DEFAULT_COLLAB_LIMITS.userUpdateMultiple;
    const userRate = DEFAULT_COLLAB_LIMITS.updatesPerSecond * DEFAULT_COLLAB_LIMITS.userUpdateMultiple;
    expect(seconds).toBeGreaterThanOrEqual(((each * connections - userBurst) / userRate) * 0.8);
    const codes = await Promise.all([...flood, other].map(({ closed }) => settle(closed, 100)));
    expect(codes.every((code) => code === null)).toBe(true);
    for (const { ws } of [...flood, other]) ws.close();
  });
});
