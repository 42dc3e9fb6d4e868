import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKeyroom, type KeyroomServer } from "../app";
import { appendParagraph, connectClient, login, postForm, synced, upgradeStatus, waitFor } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { DEFAULT_COLLAB_LIMITS } from "../collab/limits";
import { freePort } from "../test/cluster";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { testConfig } from "../test/start-test-server";

/*
 * Two processes on one PostgreSQL database, in this test process: a client of
 * the second is relayed to the first, which owns the document.
 */
describe("relaying a client to the document's owner", () => {
  let database: TestDatabase;
  let owner: KeyroomServer;
  let relay: KeyroomServer;
  let docId: string;
  const base = (server: KeyroomServer) => `http://127.0.0.1:${server.port}`;
  const ws = (server: KeyroomServer) => `ws://127.0.0.1:${server.port}`;

  beforeAll(async () => {
    database = await seededDatabase();
    const start = () =>
      startKeyroom({
        ...testConfig(fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-relay-"))),
        databaseUrl: database.url,
        leaseTtlMs: 2_000,
      });
    [owner, relay] = [await start(), await start()];
    docId = await demoDocId(owner.services.db, NORTHWIND);
    // The first process to open the document owns it.
    const first = connectClient(ws(owner), docId, await login(base(owner), "lead"));
    await synced(first);
    first.destroy();
  });
  afterAll(async () => {
    await relay.close();
    await owner.close();
    await database.drop();
  });

  it("serves a member through the owner, both ways", async () => {
    const onOwner = connectClient(ws(owner), docId, await login(base(owner), "lead"));
    const relayed = connectClient(ws(relay), docId, await login(base(relay), "sales"));
    await Promise.all([synced(onOwner), synced(relayed)]);
    appendParagraph(onOwner.doc, "from the owner's client");
    appendParagraph(relayed.doc, "from the relayed client");
    await waitFor(
      () => onOwner.text() === relayed.text() && relayed.text().includes("from the owner's client"),
      "both to converge",
    );
    expect(relay.collab.loadedDocuments).toBe(0);
    onOwner.destroy();
    relayed.destroy();
  });

  it("relays all of a document's clients over one connection to the owner, closed with the last of them", async () => {
    const onOwner = connectClient(ws(owner), docId, await login(base(owner), "lead"));
    const relayed = await Promise.all(
      (["sales", "production", "logistics"] as const).map(async (who) =>
        connectClient(ws(relay), docId, await login(base(relay), who)),
      ),
    );
    await Promise.all([onOwner, ...relayed].map(synced));
    expect(owner.collab.relayLinks).toBe(1);
    expect(owner.collab.openConnections).toBe(4);
    appendParagraph(onOwner.doc, "one line for three relayed readers");
    relayed.forEach((client, i) => appendParagraph(client.doc, `relayed writer ${i}`));
    await waitFor(
      () => relayed.every((client) => client.text() === onOwner.text()) && onOwner.text().includes("relayed writer 2"),
      "everyone to converge",
    );
    for (const client of relayed) client.destroy();
    await waitFor(() => owner.collab.relayLinks === 0 && owner.collab.openConnections === 1, "the link to close");
    onOwner.destroy();
  });

  it("slows a relayed client's long paste at the owner's budget without closing it", async () => {
    const reader = connectClient(ws(owner), docId, await login(base(owner), "lead"));
    const writer = connectClient(ws(relay), docId, await login(base(relay), "support"));
    const closes: number[] = [];
    writer.provider.on("connection-close", (event: CloseEvent | null) => event && closes.push(event.code));
    await Promise.all([synced(reader), synced(writer)]);
    const count = DEFAULT_COLLAB_LIMITS.updateBurst + 100;
    for (let i = 0; i < count; i++) appendParagraph(writer.doc, `relayed paste ${i}`);
    await waitFor(() => reader.text().includes(`relayed paste ${count - 1}`), "the whole paste at the owner", 20_000);
    const lines = reader.text().match(/relayed paste \d+/g) ?? [];
    expect(lines).toEqual(Array.from({ length: count }, (_, i) => `relayed paste ${i}`));
    expect(closes).toEqual([]);
    reader.destroy();
    writer.destroy();
  });

  it("keeps a viewer read-only through the relay", async () => {
    const viewer = connectClient(ws(relay), docId, await login(base(relay), "viewer"));
    const member = connectClient(ws(owner), docId, await login(base(owner), "lead"));
    await Promise.all([synced(viewer), synced(member)]);
    appendParagraph(viewer.doc, "a viewer's attempt");
    appendParagraph(member.doc, "a member's line");
    await waitFor(() => viewer.text().includes("a member's line"), "the member's line to reach the viewer");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(member.text()).not.toContain("a viewer's attempt");
    viewer.destroy();
    member.destroy();
  });

  it("closes a relayed client when its session ends where it connected", async () => {
    const cookie = await login(base(relay), "production");
    const relayed = connectClient(ws(relay), docId, cookie);
    await synced(relayed);
    const closed = new Promise<number>((resolve) =>
      relayed.provider.on("connection-close", (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    await postForm(base(relay), "/logout", {}, { cookie, origin: base(relay) });
    expect(await closed).toBe(4401);
    relayed.destroy();
  });

  it("sends a change the server makes elsewhere (restoring a version) to the owner, for everyone there", async () => {
    const watcher = connectClient(ws(owner), docId, await login(base(owner), "lead"));
    await synced(watcher);
    const userId = (await owner.services.db.user.findFirstOrThrow({ where: { email: "lead@demo.keyroom" } })).id;
    const accountId = (await owner.services.db.document.findUniqueOrThrow({ where: { id: docId } })).accountId;
    await relay.services.documents.changeDocument(docId, accountId, userId, (copy) =>
      appendParagraph(copy, "restored on the other process"),
    );
    expect(relay.collab.loadedDocuments).toBe(0);
    await waitFor(
      () => watcher.text().includes("restored on the other process"),
      "the change to reach the owner's clients",
    );
    watcher.destroy();
  });

  it("takes a document over at once when its owner's address refuses connections (the owner died)", async () => {
    const accountId = (await owner.services.db.document.findUniqueOrThrow({ where: { id: docId } })).accountId;
    const orphan = await owner.services.db.document.findFirstOrThrow({
      where: { accountId, id: { not: docId } },
      select: { id: true },
    });
    // A lease good for an hour, held by a process that no longer listens.
    const dead = `ws://127.0.0.1:${await freePort()}`;
    await owner.services.db.docLease.create({
      data: { documentId: orphan.id, owner: dead, epoch: 7, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const client = connectClient(ws(relay), orphan.id, await login(base(relay), "lead"));
    await synced(client);
    const lease = await owner.services.db.docLease.findUniqueOrThrow({ where: { documentId: orphan.id } });
    expect(lease).toMatchObject({ owner: `ws://127.0.0.1:${relay.port}`, epoch: 8 });
    client.destroy();
  });

  it("closes a user's connections on every process when their session ends on one", async () => {
    const cookie = await login(base(owner), "logistics");
    const onOwner = connectClient(ws(owner), docId, cookie);
    await synced(onOwner);
    const closed = new Promise<number>((resolve) =>
      onOwner.provider.on("connection-close", (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    await postForm(base(relay), "/logout", {}, { cookie, origin: base(relay) });
    expect(await closed).toBe(4401);
    onOwner.destroy();
  });

  it("closes a removed member's connections on every process", async () => {
    const onOwner = connectClient(ws(owner), docId, await login(base(owner), "support"));
    await synced(onOwner);
    const closed = new Promise<number>((resolve) =>
      onOwner.provider.on("connection-close", (event: CloseEvent | null) => resolve(event?.code ?? 0)),
    );
    const userId = (await owner.services.db.user.findFirstOrThrow({ where: { email: "support@demo.keyroom" } })).id;
    const accountId = (await owner.services.db.document.findUniqueOrThrow({ where: { id: docId } })).accountId;
    await relay.services.live.revokeAccountAccess(userId, accountId);
    expect(await closed).toBe(4403);
    onOwner.destroy();
  });

  it("refuses the internal path without a genuine, fresh signature for that document", async () => {
    const context = Buffer.from(JSON.stringify({ documentId: docId, expires: Date.now() + 10_000 })).toString(
      "base64url",
    );
    const forged = createHmac("sha256", "not the cluster's secret").update(context).digest("base64url");
    const path = `/internal/collab/${docId}`;
    expect(await upgradeStatus(ws(owner), path)).toBe(403);
    expect(await upgradeStatus(ws(owner), path, { "x-keyroom-context": context, "x-keyroom-signature": forged })).toBe(
      403,
    );
    expect(await upgradeStatus(ws(owner), `/internal/collab/other-doc`, { "x-keyroom-context": context })).toBe(403);
  });
});
