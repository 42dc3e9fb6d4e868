import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKeyroom, type KeyroomServer } from "../app";
import { appendParagraph, connectClient, get, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { PrivateRedis, uniquePrefix } from "../test/redis";
import { testConfig } from "../test/start-test-server";

/*
 * Redis is never the truth: with it gone, two processes keep editing one
 * document (one owns it, the other relays), and nothing is lost when it is
 * back. Editing never touches Redis, so how long it is gone does not matter;
 * the team hub's side of the same day is hub-redis-down.test.ts.
 */
describe("editing while Redis is down", () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  const servers: KeyroomServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await seededDatabase();
    redis = await PrivateRedis.start();
    const redisPrefix = uniquePrefix();
    for (let i = 0; i < 2; i++) {
      servers.push(
        await startKeyroom({
          ...testConfig(fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-no-redis-"))),
          databaseUrl: database.url,
          redisUrl: redis.url,
          redisPrefix,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const server of servers) await server.close();
    await redis.kill();
    await database.drop();
  });

  it("goes on, relayed and direct, and keeps every edit", async () => {
    const [owner, relay] = servers.map((server) => ({
      base: `http://127.0.0.1:${server.port}`,
      ws: `ws://127.0.0.1:${server.port}`,
    }));
    const docId = await demoDocId(servers[0].services.db, NORTHWIND);
    const a = connectClient(owner.ws, docId, await login(owner.base, "lead"));
    await synced(a);
    const b = connectClient(relay.ws, docId, await login(relay.base, "sales"));
    await synced(b);
    clients.push(a, b);

    await redis.kill();
    for (let i = 0; i < 5; i++) {
      appendParagraph(a.doc, `without redis a${i}`);
      appendParagraph(b.doc, `without redis b${i}`);
    }
    await waitFor(() => a.text() === b.text() && a.text().includes("without redis b4"), "edits across processes");
    const health = (await (await get(owner.base, "/healthz")).json()) as { status: string; hub?: string };
    expect(health.status).toBe("ok");

    await redis.start();
    appendParagraph(b.doc, "redis back");
    await waitFor(() => a.text().includes("redis back"), "editing after Redis returned");
    const c = connectClient(relay.ws, docId, await login(relay.base, "production"));
    clients.push(c);
    await synced(c);
    await waitFor(() => c.text() === a.text(), "a newcomer to read it all");
    for (let i = 0; i < 5; i++) expect(c.text()).toContain(`without redis b${i}`);
  });
});
