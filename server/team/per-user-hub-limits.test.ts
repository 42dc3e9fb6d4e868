import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Limits } from "~/shared/limits";
import { login } from "../test/clients";
import { demoAccountId, NORTHWIND } from "../test/demo-data";
import { connected, connectHub, request, type HubClient } from "../test/hub-client";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let northwind: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
});
afterAll(async () => {
  await server.close();
});

describe("hub limits per user, over all of their sockets", () => {
  it("sockets of one user share a budget; another user's socket is not touched", async () => {
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
