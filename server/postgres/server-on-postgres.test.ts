import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKeyroom, type KeyroomServer } from "../app";
import { appendParagraph, connectClient, get, login, synced, upgradeStatus, waitFor } from "../test/clients";
import { connected, connectHub } from "../test/hub-client";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../test/demo-data";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { testConfig } from "../test/start-test-server";

/*
 * The whole server on PostgreSQL (DATABASE_URL): pages, refusals, live
 * editing, the hub, and what a restart finds.
 */
describe("Keyroom on PostgreSQL", () => {
  let database: TestDatabase;
  let server: KeyroomServer;
  let base: string;
  const start = async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-pg-"));
    server = await startKeyroom({ ...testConfig(dir), databaseUrl: database.url });
    base = `http://127.0.0.1:${server.port}`;
  };

  beforeAll(async () => {
    database = await seededDatabase();
    await start();
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it("serves the portfolio and an account to its team, and refuses an outsider", async () => {
    const lead = await login(base, "lead");
    const portfolio = await get(base, "/accounts", lead);
    expect(portfolio.status).toBe(200);
    const html = await portfolio.text();
    expect(html).toContain(NORTHWIND);
    expect(html).toContain(HUADONG);
    const accountId = await demoAccountId(server.services.db, NORTHWIND);
    expect((await get(base, `/accounts/${accountId}`, lead)).status).toBe(200);
    const outsider = await login(base, "outsider");
    expect((await get(base, `/accounts/${accountId}`, outsider)).status).toBe(404);
    expect(await (await get(base, "/accounts", outsider)).text()).not.toContain(NORTHWIND);
    const docId = await demoDocId(server.services.db, NORTHWIND);
    expect(await upgradeStatus(base.replace("http", "ws"), `/collab/${docId}`, { cookie: outsider })).toBe(403);
  });

  it("keeps every edit two people made through a restart", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const wsUrl = base.replace("http", "ws");
    const [lead, sales] = await Promise.all([login(base, "lead"), login(base, "sales")]);
    const a = connectClient(wsUrl, docId, lead);
    const b = connectClient(wsUrl, docId, sales);
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 10; i++) {
      appendParagraph(a.doc, `from lead ${i}`);
      appendParagraph(b.doc, `from sales ${i}`);
    }
    await waitFor(
      () => a.text() === b.text() && a.text().includes("from sales 9") && b.text().includes("from lead 9"),
      "convergence",
    );
    const seen = a.text();
    a.destroy();
    b.destroy();

    await server.close();
    await start();
    const pool = new pg.Pool({ connectionString: database.url });
    const rows = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "DocUpdate" WHERE "documentId" = $1`, [
      docId,
    ]);
    await pool.end();
    // The shutdown folded the log into the snapshot.
    expect(Number(rows.rows[0].n)).toBe(0);
    const c = connectClient(base.replace("http", "ws"), docId, await login(base, "viewer"));
    await synced(c);
    expect(c.text()).toBe(seen);
    c.destroy();
  });

  it("lets the team into the hub", async () => {
    const hub = await connected(connectHub(base, await login(base, "sales")));
    expect(hub.connected).toBe(true);
    hub.disconnect();
  });
});
