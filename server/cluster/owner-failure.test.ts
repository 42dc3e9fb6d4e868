import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadState } from "../collab/storage";
import { postgresDocStorage } from "../postgres/doc-storage";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { startCluster, until, type TestCluster } from "../test/cluster";
import { NORTHWIND } from "../test/demo-data";
import { seededDatabase, type TestDatabase } from "../test/postgres";

/*
 * Bad days for a document's owner, with three real processes behind the
 * documented HAProxy configuration on one PostgreSQL database.
 */
const LEASE_TTL_MS = 1500;

const paragraphs = (client: TestClient): string[] =>
  client.doc
    .getXmlFragment("default")
    .toArray()
    .map((node) => node.toString().replace(/<[^>]+>/g, ""));

describe("a document's owner fails", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let cluster: TestCluster;
  let docId: string;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    database = await seededDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    const doc = await pool.query<{ id: string }>(
      `SELECT d."id" FROM "Document" d JOIN "Account" a ON a."id" = d."accountId" WHERE a."name" = $1 AND d."kind" = 'roadmap'`,
      [NORTHWIND],
    );
    docId = doc.rows[0].id;
    cluster = await startCluster(database.url, { leaseTtlMs: LEASE_TTL_MS });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    try {
      await cluster.stop();
    } finally {
      // Even when the cluster never started, the test's database goes.
      await pool.end();
      await database.drop();
    }
  });

  const owner = async (): Promise<{ owner: string; epoch: number } | undefined> =>
    (
      await pool.query<{ owner: string; epoch: number }>(
        `SELECT "owner", "epoch" FROM "DocLease" WHERE "documentId" = $1`,
        [docId],
      )
    ).rows[0];

  const open = async (wsUrl: string, handle: string, cookieBase = cluster.url): Promise<TestClient> => {
    const client = connectClient(wsUrl, docId, await login(cookieBase, handle));
    clients.push(client);
    await synced(client);
    return client;
  };

  /** Appends `count` paragraphs, one every `everyMs`. */
  const type = async (client: TestClient, prefix: string, count: number, everyMs = 25) => {
    for (let i = 0; i < count; i++) {
      appendParagraph(client.doc, `${prefix}-${i}`);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };

  const stored = async (): Promise<string[]> => {
    const { doc } = await loadState(postgresDocStorage(pool), docId);
    const text = doc
      .getXmlFragment("default")
      .toArray()
      .map((node) => node.toString().replace(/<[^>]+>/g, ""));
    doc.destroy();
    return text;
  };

  it("kill -9 of the owner with its clients: everything another client received is in PostgreSQL, and the clients left converge on a new owner", async () => {
    // Two writers reach the owner through the balancer; a reader reaches another node, which relays it.
    const writerA = await open(cluster.wsUrl, "lead");
    const writerB = await open(cluster.wsUrl, "sales");
    const lease = await owner();
    expect(lease).toBeDefined();
    const ownerNode = cluster.byAddress(lease!.owner);
    const other = cluster.nodes.find((node) => node !== ownerNode)!;
    const reader = await open(other.wsUrl, "production", other.url);

    await Promise.all([type(writerA, "a", 40), type(writerB, "b", 40)]);
    await waitFor(() => paragraphs(reader).filter((p) => /^[ab]-/.test(p)).length >= 40, "the reader to receive edits");

    // The owner dies, and its clients with it: their edits survive only if they were stored.
    await cluster.kill(ownerNode);
    writerA.destroy();
    writerB.destroy();
    const received = paragraphs(reader).filter((p) => /^[ab]-/.test(p));
    expect(received.length).toBeGreaterThanOrEqual(40);
    const inDatabase = new Set(await stored());
    expect(received.filter((p) => !inDatabase.has(p))).toEqual([]);

    // The reader's node takes the lease once it expires; the reader resyncs and keeps working.
    await until(async () => (await owner())?.owner === other.wsUrl && reader.provider.synced, "a new owner", 20_000);
    appendParagraph(reader.doc, "after the failover");
    const late = await open(cluster.wsUrl, "exec");
    await waitFor(() => paragraphs(late).includes("after the failover"), "the new owner to serve everyone", 10_000);
    expect(paragraphs(late)).toEqual(paragraphs(reader));
    expect((await owner())!.epoch).toBeGreaterThan(lease!.epoch);
  });

  it("SIGSTOP past the lease, then SIGCONT: the old owner is fenced, drops its clients, and nothing is lost or doubled", async () => {
    const writer = await open(cluster.wsUrl, "lead");
    const lease = await owner();
    const ownerNode = cluster.byAddress(lease!.owner);
    const [other, third] = cluster.nodes.filter((node) => node !== ownerNode);
    await type(writer, "before", 10);
    await waitFor(() => paragraphs(writer).includes("before-9"), "the writer's own edits");

    ownerNode.child.kill("SIGSTOP");
    try {
      // The writer keeps typing into the paused owner's socket.
      await type(writer, "paused", 10);
      await new Promise((resolve) => setTimeout(resolve, LEASE_TTL_MS + 500));
      // Someone else opens the document elsewhere: that node takes the expired lease.
      const newcomer = await open(other.wsUrl, "sales", other.url);
      expect(await owner()).toMatchObject({ owner: other.wsUrl });
      await type(newcomer, "newcomer", 10);
    } finally {
      ownerNode.child.kill("SIGCONT");
    }

    // Resumed, the old owner finds its lease gone: it writes nothing and sends its clients away.
    const watcher = await open(third.wsUrl, "exec", third.url);
    await waitFor(
      () => ["before-9", "paused-9", "newcomer-9"].every((p) => paragraphs(watcher).includes(p)),
      "every edit to reach the new owner",
      20_000,
    );
    await waitFor(() => paragraphs(writer).length === paragraphs(watcher).length, "the writer to resync", 20_000);
    const all = paragraphs(watcher);
    const ours = all.filter((p) => /^(before|paused|newcomer)-/.test(p));
    expect(ours).toHaveLength(30);
    expect(new Set(ours).size).toBe(30);
    expect(await stored()).toEqual(all);
    expect(ownerNode.output()).toMatch(/lease lost|fenced/);
  });
});
