import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "./wire/close-codes";
import { appendParagraph, connectClient, get, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let documentId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  documentId = await demoDocId(server.services.db, NORTHWIND);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server.close();
});

const pragma = (sql: string) => server.services.db.$queryRawUnsafe(sql);

/** Two editors on one document, each recording the close codes it gets. */
async function twoEditors() {
  const open = async (handle: string) => {
    const client = connectClient(server.wsUrl, documentId, await login(server.url, handle));
    clients.push(client);
    const closes: number[] = [];
    client.provider.on("connection-close", (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    await synced(client);
    return { client, closes };
  };
  return { writer: await open("lead"), reader: await open("sales") };
}

/**
 * The database refuses writes (`fault` on, `heal` off). The edit that could not
 * be stored reaches nobody, its editors are told with 4503, reads go on, and
 * once writes work again the writer's reconnect stores the edit and everyone
 * converges on it; the database stays sound.
 */
async function survivesWriteFailure(fault: () => Promise<unknown>, heal: () => Promise<unknown>) {
  const { writer, reader } = await twoEditors();
  const before = `before the fault ${Math.random()}`;
  appendParagraph(writer.client.doc, before);
  await waitFor(() => reader.client.text().includes(before), "the stored edit to reach the reader");

  await fault();
  const during = `during the fault ${Math.random()}`;
  try {
    appendParagraph(writer.client.doc, `${"x".repeat(200_000)} ${during}`);
    await waitFor(() => writer.closes.includes(CloseCode.StorageUnavailable), "4503 to the writer");
    expect(reader.closes).toContain(CloseCode.StorageUnavailable);
    expect(reader.client.text()).not.toContain(during);
    expect((await get(server.url, "/healthz")).status).toBe(200);
  } finally {
    await heal();
  }

  await waitFor(() => reader.client.text().includes(during), "the edit after recovery", 15_000);
  expect(reader.client.text()).toContain(before);
  expect(writer.client.text()).toBe(reader.client.text());
  const [check] = (await pragma("PRAGMA integrity_check")) as Array<{ integrity_check: string }>;
  expect(check?.integrity_check).toBe("ok");
}

describe("storage faults", () => {
  it("a full disk: the failed edit is not shown to anyone, clients get 4503, nothing is lost after recovery", async () => {
    const [{ page_count: pages }] = (await pragma("PRAGMA page_count")) as Array<{ page_count: bigint | number }>;
    await survivesWriteFailure(
      () => pragma(`PRAGMA max_page_count = ${Number(pages)}`),
      () => pragma("PRAGMA max_page_count = 1073741823"),
    );
  });

  it("a read-only database: the same, and the database is sound afterwards", async () => {
    await survivesWriteFailure(
      () => pragma("PRAGMA query_only = ON"),
      () => pragma("PRAGMA query_only = OFF"),
    );
  });
});
