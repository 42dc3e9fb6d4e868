import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectClient, login, synced, type TestClient } from "../../../server/test/clients";
import { demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { indexDocumentBlocks } from "./block-index.server";

let server: TestServer;
let client: TestClient;
let roadmap: string;

const db = () => server.services.db;

/** Polls the table until `check` holds (the indexer waits for the document to rest first). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  const deadline = Date.now() + 5000;
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

function initiative(attrs: Record<string, string | number>): Y.XmlElement {
  const element = new Y.XmlElement("initiative");
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("Spare parts within 8 weeks.")]);
  element.insert(0, [paragraph]);
  return element;
}

beforeAll(async () => {
  server = await startTestServer(undefined, { blockIndexMs: 50 });
  roadmap = await demoDocId(db(), NORTHWIND, "roadmap");
  client = connectClient(server.wsUrl, roadmap, await login(server.url, "lead"));
  await synced(client);
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

describe("the block index follows the live document", () => {
  it("indexes every document at start-up, the demo's included", async () => {
    await until(
      () => db().document.count({ where: { blocksIndexedAt: null } }),
      (count) => count === 0,
      "the catch-up",
    );
  });

  it("an initiative added, changed and removed through y-websocket is added, changed and removed in the table", async () => {
    const fragment = client.doc.getXmlFragment("default");
    const block = initiative({
      blockId: "it-hub",
      title: "Hamburg hub",
      startQuarter: "2027-Q1",
      department: "logistics",
      budget: 120000,
    });
    fragment.insert(fragment.length, [block]);
    const row = () =>
      db().initiativeBlock.findUnique({ where: { documentId_blockId: { documentId: roadmap, blockId: "it-hub" } } });
    const added = await until(row, (r) => r !== null, "the new initiative");
    expect(added).toMatchObject({
      title: "Hamburg hub",
      budget: 120000,
      department: "logistics",
      summary: "Spare parts within 8 weeks.",
    });

    block.setAttribute("budget", 150000 as unknown as string);
    await until(row, (r) => r?.budget === 150000, "the new budget");

    fragment.delete(fragment.length - 1, 1);
    await until(row, (r) => r === null, "the removal");
  });

  it("a malformed block is skipped: the others are indexed and the server serves on", async () => {
    const fragment = client.doc.getXmlFragment("default");
    const bad = initiative({ blockId: "it-bad", startQuarter: "someday" });
    const good = initiative({ blockId: "it-good", title: "Fine", startQuarter: "2027-Q2" });
    fragment.insert(fragment.length, [bad, good]);
    const rows = () =>
      db().initiativeBlock.findMany({ where: { documentId: roadmap, blockId: { in: ["it-bad", "it-good"] } } });
    expect((await until(rows, (r) => r.length > 0, "the good block")).map((r) => r.blockId)).toEqual(["it-good"]);
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
  });

  it("indexing leaves the document's last-edit time alone (approvals compare with it)", async () => {
    const before = await db().document.findUniqueOrThrow({ where: { id: roadmap }, select: { updatedAt: true } });
    await indexDocumentBlocks(db(), roadmap, await server.services.documents.currentState(roadmap));
    const after = await db().document.findUniqueOrThrow({
      where: { id: roadmap },
      select: { updatedAt: true, blocksIndexedAt: true },
    });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.blocksIndexedAt).not.toBeNull();
  });
});
