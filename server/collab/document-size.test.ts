import { afterAll, beforeAll, expect, it } from "vitest";
import { CloseCode } from "./wire/close-codes";
import { appendParagraph, connectClient, login, synced, waitFor } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

const LIMIT = 512 * 1024;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(undefined, { maxDocumentBytes: LIMIT });
});
afterAll(async () => {
  await server.close();
});

it("an edit that would take a document over its size limit is refused with 4413, stored nowhere, and others edit on", async () => {
  const documentId = await demoDocId(server.services.db, NORTHWIND);
  const rowsBefore = await server.services.db.docUpdate.count({ where: { documentId } });
  const writer = connectClient(server.wsUrl, documentId, await login(server.url, "lead"));
  const other = connectClient(server.wsUrl, documentId, await login(server.url, "sales"));
  const closes: CloseEvent[] = [];
  writer.provider.on("connection-close", (event: CloseEvent | null) => event && closes.push(event));
  try {
    await Promise.all([synced(writer), synced(other)]);
    appendParagraph(writer.doc, `${"y".repeat(LIMIT)} too big`);
    await waitFor(() => closes.some((e) => e.code === CloseCode.DocumentTooLarge), "4413");
    // The reason says what to do about it.
    expect(closes.find((e) => e.code === CloseCode.DocumentTooLarge)?.reason).toMatch(/remove content or split it/);
    expect(other.text()).not.toContain("too big");
    expect(await server.services.db.docUpdate.count({ where: { documentId } })).toBe(rowsBefore);

    appendParagraph(other.doc, "a normal edit still goes through");
    const reader = connectClient(server.wsUrl, documentId, await login(server.url, "support"));
    try {
      await waitFor(() => reader.text().includes("a normal edit still goes through"), "the other edit");
      expect(reader.text()).not.toContain("too big");
    } finally {
      reader.destroy();
    }
  } finally {
    writer.destroy();
    other.destroy();
  }
});

it("a document that stays small is never refused, however much was pasted into it and erased again", async () => {
  const documentId = await demoDocId(server.services.db, NORTHWIND, "account_plan");
  const writer = connectClient(server.wsUrl, documentId, await login(server.url, "lead"));
  const other = connectClient(server.wsUrl, documentId, await login(server.url, "sales"));
  const closes: number[] = [];
  writer.provider.on("connection-close", (event: CloseEvent | null) => event && closes.push(event.code));
  try {
    await Promise.all([synced(writer), synced(other)]);
    // Ten times the limit goes through the document, but it never holds more than half of it.
    const paste = "p".repeat(LIMIT / 2);
    const fragment = writer.doc.getXmlFragment("default");
    for (let cycle = 0; cycle < 20; cycle++) {
      appendParagraph(writer.doc, paste);
      fragment.delete(fragment.length - 1, 1);
    }
    appendParagraph(writer.doc, "after twenty pastes");
    await waitFor(() => other.text().includes("after twenty pastes"), "the last edit", 20_000);
    expect(closes).toEqual([]);
    expect(other.text()).toBe(writer.text());
    expect(other.text()).not.toContain("ppp");
  } finally {
    writer.destroy();
    other.destroy();
  }
}, 30_000);
