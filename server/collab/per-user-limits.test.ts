import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CloseCode } from "~/shared/close-codes";
import { Limits } from "~/shared/limits";
import { login } from "../test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../test/demo-data";
import { connected, connectHub, request, type HubClient } from "../test/hub-client";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let documentId: string;
let northwind: string;

beforeAll(async () => {
  server = await startTestServer();
  documentId = await demoDocId(server.services.db, NORTHWIND);
  northwind = await demoAccountId(server.services.db, NORTHWIND);
});
afterAll(async () => {
  await server.close();
});

/** A sync step 1: a cheap document message that still counts against the update limits. */
function syncStep1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
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
  it("collab: connections that each stay under their own limit are closed with 4429 when together they exceed the user's", async () => {
    const connections = 4;
    const each = Math.floor((Limits.updateBurst * Limits.userUpdateMultiple * 1.2) / connections);
    expect(each).toBeLessThan(Limits.updateBurst);
    const cookie = await login(server.url, "sales");
    const flood = await Promise.all(Array.from({ length: connections }, () => openRaw(cookie)));
    const other = await openRaw(await login(server.url, "production"));

    const message = syncStep1();
    for (let i = 0; i < each; i++) for (const { ws } of flood) ws.send(message);
    for (let i = 0; i < each; i++) other.ws.send(message);

    const codes = await Promise.all(flood.map(({ closed }) => settle(closed, 3000)));
    expect(codes).toContain(CloseCode.RateLimited);
    // Someone else sending as much on their own is not affected.
    expect(await settle(other.closed, 500)).toBeNull();
    for (const { ws } of [...flood, other]) ws.close();
  });

  it("hub: sockets of one user share a budget; another user's socket is not touched", async () => {
    const sockets = 4;
    const each = Math.floor((Limits.userHubEventBurst * 1.2) / sockets);
    expect(each).toBeLessThan(Limits.hubEventBurst);
    const cookie = await login(server.url, "logistics");
    const mine: HubClient[] = await Promise.all(
      Array.from({ length: sockets }, () => connected(connectHub(server.url, cookie))),
    );
    const theirs = await connected(connectHub(server.url, await login(server.url, "support")));
    try {
      const replies = await Promise.all(
        mine.flatMap((socket) =>
          Array.from({ length: each }, () => request(socket, "account:leave", { accountId: northwind })),
        ),
      );
      expect(replies.filter((reply) => !reply.ok && reply.error.code === "rate_limited").length).toBeGreaterThan(0);
      const others = await Promise.all(
        Array.from({ length: each }, () => request(theirs, "account:leave", { accountId: northwind })),
      );
      expect(others.every((reply) => reply.ok)).toBe(true);
    } finally {
      for (const socket of [...mine, theirs]) socket.disconnect();
    }
  });
});
