import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HUB_NAMESPACE } from "~/shared/hub";
import { startKeyroom, type KeyroomServer } from "../app";
import { waitFor } from "../test/clients";
import { demoAccountId, demoDocId, demoUserIds, NORTHWIND } from "../test/demo-data";
import { collect, connected, connectHub, request, HubVisitors } from "../test/hub-client";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { PrivateRedis, uniquePrefix } from "../test/redis";
import { testConfig } from "../test/start-test-server";

/*
 * Redis is never the truth: two Keyroom servers on one PostgreSQL database,
 * linked by a Redis of the test's own that the test kills and starts again.
 * Meanwhile each server goes on serving its own clients and says it is
 * degraded; nothing stored is lost, and the link resumes when Redis returns.
 */
interface Node {
  name: string;
  server: KeyroomServer;
  url: string;
}

let database: TestDatabase;
let redis: PrivateRedis;
const nodes: Node[] = [];
let northwind: string;
let roadmap: string;
let users: Record<string, string>;
const visitors = new HubVisitors(() => nodes[0]);
const [a, b] = [() => nodes[0], () => nodes[1]];

async function startNode(name: string): Promise<Node> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keyroom-hub-${name}-`));
  const server = await startKeyroom({
    ...testConfig(dir),
    databaseUrl: database.url,
    redisUrl: redis.url,
    redisPrefix: uniquePrefix(),
  });
  return { name, server, url: `http://127.0.0.1:${server.port}` };
}

async function health(node: Node): Promise<{ code: number; body: unknown }> {
  const res = await fetch(`${node.url}/healthz`);
  return { code: res.status, body: await res.json() };
}

async function untilHealth(node: Node, hub: "ok" | "degraded"): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { code, body } = await health(node);
    if (code === 200 && JSON.stringify(body) === JSON.stringify({ status: "ok", hub })) return;
    if (Date.now() > deadline) throw new Error(`node ${node.name}: /healthz ${code} ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Creates an action item through one node's Remix action, as the page's form does. */
async function createAction(node: Node, handle: string, title: string, assignee: string): Promise<string> {
  const route = encodeURIComponent("routes/_workspace.accounts.$accountId.actions");
  const res = await fetch(`${node.url}/accounts/${northwind}/actions?_data=${route}`, {
    method: "POST",
    headers: { cookie: await visitors.cookie(handle) },
    body: new URLSearchParams({ intent: "create", title, assigneeId: users[assignee] }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { action: { id: string } }).action.id;
}

const names = (presence: { users: { name: string }[] } | undefined) => presence?.users.map((u) => u.name).join(", ");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await seededDatabase();
  redis = await PrivateRedis.start();
  // One prefix for both: they must share the stream and channels (a third node, later, gets its own).
  const prefix = uniquePrefix();
  for (const name of ["A", "B"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keyroom-hub-${name}-`));
    const server = await startKeyroom({
      ...testConfig(dir),
      databaseUrl: database.url,
      redisUrl: redis.url,
      redisPrefix: prefix,
    });
    nodes.push({ name, server, url: `http://127.0.0.1:${server.port}` });
  }
  const db = a().server.services.db;
  northwind = await demoAccountId(db, NORTHWIND);
  roadmap = await demoDocId(db, NORTHWIND);
  users = await demoUserIds(db);
  for (const node of nodes) await untilHealth(node, "ok");
});
afterEach(async () => {
  visitors.disconnectAll();
  // Each test leaves Redis running.
  for (const node of nodes) await untilHealth(node, "ok");
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.server.close()));
  await redis.kill();
  await database.drop();
});

describe("Redis goes away and comes back", () => {
  it("each node serves its own clients and says it is degraded; nothing stored is lost; the link resumes", async () => {
    const lead = await visitors.hubOn(a(), "lead");
    const sales = await visitors.hubOn(b(), "sales");
    const leadPresence = collect(lead, "presence");
    const [leadStatus, salesStatus] = [collect(lead, "hub:status"), collect(sales, "hub:status")];
    const [leadTold, salesTold] = [collect(lead, "notification"), collect(sales, "notification")];
    await request(lead, "account:join", { accountId: northwind });
    await request(sales, "account:join", { accountId: northwind });
    await waitFor(() => names(leadPresence.at(-1)) === "Daniel Okafor, Maya Chen", "presence across nodes");
    const before = new Date().toISOString();

    await redis.kill();
    for (const node of nodes) await untilHealth(node, "degraded");
    await waitFor(() => leadStatus.at(-1)?.degraded === true, "lead (on A) told the hub is degraded");
    await waitFor(() => salesStatus.at(-1)?.degraded === true, "sales (on B) told the hub is degraded");
    // Presence shows who this node can vouch for, and rooms still answer.
    await waitFor(() => names(leadPresence.at(-1)) === "Maya Chen", "A's presence: its own clients");
    const joined = await request(sales, "document:join", { documentId: roadmap });
    expect(joined.ok && names(joined.presence)).toBe("Daniel Okafor");
    // A tab connecting now is told at once.
    const late = connectHub(b().url, await visitors.cookie("support"));
    visitors.track(late);
    const lateStatus = collect(late, "hub:status");
    await connected(late);
    await waitFor(() => lateStatus.at(-1)?.degraded === true, "a new tab on B told it is degraded");

    // Local clients still get what is stored through their own node.
    await createAction(a(), "sales", "Local to A", "lead");
    await createAction(b(), "lead", "Local to B", "sales");
    await waitFor(() => leadTold.some((n) => n.kind === "action_assigned"), "lead notified through A");
    await waitFor(() => salesTold.some((n) => n.kind === "action_assigned"), "sales notified through B");
    // Stored through A for someone on B: kept in the database for B's client to fetch.
    const acrossId = await createAction(a(), "lead", "Stored while Redis is down", "sales");
    expect(await a().server.services.db.actionItem.count({ where: { id: acrossId } })).toBe(1);
    // A tab that drops now cannot leave its state in Redis: it must not crash anything.
    const dropping = connectHub(b().url, await visitors.cookie("logistics"));
    visitors.track(dropping);
    await connected(dropping);
    await request(dropping, "account:join", { accountId: northwind });
    dropping.io.engine.close();
    await pause(1000);

    await redis.start();
    for (const node of nodes) await untilHealth(node, "ok");
    await waitFor(() => leadStatus.at(-1)?.degraded === false, "lead told the hub is whole again");
    await waitFor(() => salesStatus.at(-1)?.degraded === false, "sales told the hub is whole again");
    await waitFor(() => names(leadPresence.at(-1)) === "Daniel Okafor, Maya Chen", "presence across nodes again");

    // What B's client missed is there to fetch (the browser does this on the status change).
    const synced = await request(sales, "notifications:sync", { since: before });
    expect(synced.ok && synced.notifications.map((n) => n.title)).toContain("Stored while Redis is down");
    // And pushes cross nodes again.
    const resumedId = await createAction(a(), "lead", "After Redis returned", "sales");
    await waitFor(() => salesTold.some((n) => n.title === "After Redis returned"), "sales on B notified again");
    expect(resumedId).toBeTruthy();

    // The tab that dropped during the outage finds no saved state: it connects fresh and refetches.
    dropping.connect();
    await connected(dropping);
    expect(dropping.recovered).toBe(false);
    expect(await request(dropping, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
  });

  it("a removal stored while Redis was away takes effect on the other node once it returns", async () => {
    const production = await visitors.hubOn(b(), "production");
    await request(production, "account:join", { accountId: northwind });
    const heard = collect(production, "action:changed");

    await redis.kill();
    for (const node of nodes) await untilHealth(node, "degraded");
    const route = encodeURIComponent("routes/_workspace.accounts.$accountId.team");
    const removed = await fetch(`${a().url}/accounts/${northwind}/team?_data=${route}`, {
      method: "POST",
      headers: { cookie: await visitors.cookie("lead") },
      body: new URLSearchParams({ intent: "remove", userId: users.production }),
    });
    expect(removed.status).toBe(200);

    await redis.start();
    for (const node of nodes) await untilHealth(node, "ok");
    // B checks its clients' rooms again when the link returns: production is out of Northwind's.
    await waitFor(
      () => !b().server.hub.io.of(HUB_NAMESPACE).adapter.rooms.get(`account:${northwind}`)?.size,
      "production out of the account room on B",
    );
    await createAction(b(), "lead", "Not for a removed member", "sales");
    await pause(300);
    expect(heard).toEqual([]);
  });

  it("a node started while Redis is down serves its clients, degraded, and links up when Redis comes", async () => {
    await redis.kill();
    const lone = await startNode("C");
    try {
      await untilHealth(lone, "degraded");
      const lead = await visitors.hubOn(lone, "lead");
      const told = collect(lead, "notification");
      expect(await request(lead, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
      await createAction(lone, "sales", "Served alone", "lead");
      await waitFor(() => told.some((n) => n.title === "Served alone"), "lead notified by the lone node");
      await redis.start();
      await untilHealth(lone, "ok");
    } finally {
      await lone.server.close();
    }
  });
});
