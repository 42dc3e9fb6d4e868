import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendParagraph, connectClient, login, synced, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("edit times", () => {
  it("moves each edited document's updatedAt forward, the documents of one second together", async () => {
    const db = server.services.db;
    const ids = [await demoDocId(db, NORTHWIND, "roadmap"), await demoDocId(db, NORTHWIND, "account_plan")];
    const before = await db.document.findMany({ where: { id: { in: ids } }, select: { id: true, updatedAt: true } });
    const cookie = await login(server.url, "sales");
    const clients: TestClient[] = ids.map((id) => connectClient(server.wsUrl, id, cookie));
    try {
      await Promise.all(clients.map(synced));
      const editedAt = Date.now();
      for (const client of clients) appendParagraph(client.doc, "a change");
      let after = before;
      // Written about a second after the edits; polled for up to five.
      for (let i = 0; i < 50; i++) {
        after = await db.document.findMany({ where: { id: { in: ids } }, select: { id: true, updatedAt: true } });
        if (after.every((row) => row.updatedAt.getTime() >= editedAt)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const row of after) {
        expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(editedAt);
        expect(row.updatedAt.getTime()).toBeGreaterThan(before.find((b) => b.id === row.id)!.updatedAt.getTime());
      }
      // One statement wrote both: the same time.
      expect(new Set(after.map((row) => row.updatedAt.getTime())).size).toBe(1);
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
