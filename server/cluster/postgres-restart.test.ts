import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoWorkspace } from "../../prisma/seed";
import { startKeyroom, type KeyroomServer } from "../app";
import { openPostgres } from "../postgres/open";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startPrivatePostgres, type PrivatePostgres } from "../test/private-postgres";
import { testConfig } from "../test/start-test-server";

/*
 * PostgreSQL restarts while people type: edits wait and then go through
 * (the clients stay connected, "saving…" then "saved"), nothing is lost,
 * everyone converges. On a PostgreSQL server of the test's
 * own, so stopping it disturbs no other test.
 */
describe("PostgreSQL restarted during editing", () => {
  let postgres: PrivatePostgres;
  let server: KeyroomServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const seeding = await openPostgres(postgres.url);
    await seedDemoWorkspace(seeding.db);
    await seeding.close();
    server = await startKeyroom({
      ...testConfig(fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-pg-restart-"))),
      databaseUrl: postgres.url,
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.close();
    postgres?.remove();
  });

  const texts = (client: TestClient) =>
    client.doc
      .getXmlFragment("default")
      .toArray()
      .map((node) => node.toString().replace(/<[^>]+>/g, ""));

  it("keeps every edit made before, during and after the restart", async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const wsUrl = `ws://127.0.0.1:${server.port}`;
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const [lead, sales] = await Promise.all([login(base, "lead"), login(base, "sales")]);
    const a = connectClient(wsUrl, docId, lead);
    const b = connectClient(wsUrl, docId, sales);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    appendParagraph(a.doc, "before-a");
    appendParagraph(b.doc, "before-b");
    await waitFor(() => texts(a).includes("before-b") && texts(b).includes("before-a"), "edits before");
    // Writes wait for PostgreSQL instead of failing: nobody is disconnected.
    const closes: number[] = [];
    for (const client of [a, b]) {
      client.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    }

    postgres.stop();
    appendParagraph(a.doc, "during-a");
    appendParagraph(b.doc, "during-b");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    postgres.start();
    appendParagraph(a.doc, "after-a");

    const all = ["before-a", "before-b", "during-a", "during-b", "after-a"];
    await waitFor(
      () => all.every((p) => texts(a).includes(p) && texts(b).includes(p)),
      "everyone to have every edit",
      30_000,
    );
    expect(closes).toEqual([]);
    // And it is stored: a newcomer reads it from the database.
    const c = connectClient(wsUrl, docId, await login(base, "production"));
    clients.push(c);
    await synced(c);
    await waitFor(() => all.every((p) => texts(c).includes(p)), "a newcomer to read every edit");
    expect(
      texts(c)
        .filter((p) => all.includes(p))
        .sort(),
    ).toEqual([...all].sort());
  });
});
