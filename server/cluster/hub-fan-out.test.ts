import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { NotificationPayload } from "~/shared/hub";
import { startKeyroom, type KeyroomServer } from "../app";
import { login, waitFor } from "../test/clients";
import { demoAccountId, demoDocId, demoUserIds, NORTHWIND } from "../test/demo-data";
import { collect, connected, connectHub, request, HubVisitors } from "../test/hub-client";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { dropPrefix, MACHINE_REDIS, uniquePrefix } from "../test/redis";
import { testConfig } from "../test/start-test-server";

/*
 * The team hub across two Keyroom servers on one PostgreSQL database, linked
 * by the machine's Redis: whatever is stored through one reaches the people
 * connected to the other, presence spans both, and refusals hold on each.
 */
let database: TestDatabase;
const prefix = uniquePrefix();
const nodes: { name: string; server: KeyroomServer; url: string }[] = [];
let northwind: string;
let roadmap: string;
let users: Record<string, string>;
const visitors = new HubVisitors(() => nodes[0]);

const [a, b] = [() => nodes[0], () => nodes[1]];

/** A Remix action answered as JSON (`?_data=`), posted to one node. */
async function post(
  node: { url: string },
  handle: string,
  pathname: string,
  route: string,
  fields: [string, string][],
) {
  const res = await fetch(`${node.url}${pathname}?_data=${encodeURIComponent(route)}`, {
    method: "POST",
    headers: { cookie: await visitors.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const createAction = (node: { url: string }, handle: string, title: string, assignee: string) =>
  post(node, handle, `/accounts/${northwind}/actions`, "routes/_workspace.accounts.$accountId.actions", [
    ["intent", "create"],
    ["title", title],
    ["assigneeId", users[assignee]],
  ]);

async function healthOf(node: { url: string }): Promise<unknown> {
  return (await fetch(`${node.url}/healthz`)).json();
}

beforeAll(async () => {
  database = await seededDatabase();
  for (const name of ["A", "B"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keyroom-hub-${name}-`));
    const server = await startKeyroom({
      ...testConfig(dir),
      databaseUrl: database.url,
      redisUrl: MACHINE_REDIS,
      redisPrefix: prefix,
    });
    nodes.push({ name, server, url: `http://127.0.0.1:${server.port}` });
  }
  const db = a().server.services.db;
  northwind = await demoAccountId(db, NORTHWIND);
  roadmap = await demoDocId(db, NORTHWIND);
  users = await demoUserIds(db);
  for (const node of nodes) {
    await waitFor(() => node.server.hub.health === "ok", `node ${node.name} linked through Redis`);
  }
});
afterEach(() => {
  visitors.disconnectAll();
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.server.close()));
  await database.drop();
  await dropPrefix(MACHINE_REDIS, prefix);
});

describe("events stored through one node reach people on the other", () => {
  it("an approval request made through A: the signer on B is notified, the account room on B is told", async () => {
    const logistics = await visitors.hubOn(b(), "logistics");
    const asked = collect(logistics, "notification");
    const watcher = await visitors.hubOn(b(), "production");
    expect(await request(watcher, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
    const changes = collect(watcher, "approval:changed");

    const res = await post(
      a(),
      "lead",
      `/accounts/${northwind}/docs/${roadmap}/approval`,
      "routes/_workspace.accounts.$accountId.docs.$docId_.approval",
      [
        ["intent", "request-approval"],
        ["departments", "logistics"],
        ["note", "Across nodes"],
      ],
    );
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
    await waitFor(() => asked.some((n) => n.kind === "approval_requested"), "logistics on B asked");
    await waitFor(() => changes.some((c) => c.documentId === roadmap), "approval:changed on B");
  });

  it("an action item assigned through A: the assignee on B is notified, and the account room on B sees it", async () => {
    const sales = await visitors.hubOn(b(), "sales");
    const told = collect(sales, "notification");
    const watcher = await visitors.hubOn(b(), "support");
    await request(watcher, "account:join", { accountId: northwind });
    const changed = collect(watcher, "action:changed");

    const created = await createAction(a(), "lead", "Confirm the spare-parts date", "sales");
    expect(created).toMatchObject({ status: 200, body: { ok: true } });
    const actionId = (created.body.action as { id: string }).id;
    await waitFor(
      () => told.some((n: NotificationPayload) => n.kind === "action_assigned" && n.title.length > 0),
      "sales on B notified",
    );
    await waitFor(() => changed.some((c) => c.actionId === actionId), "action:changed in the account room on B");
  });

  it("every event reaches each socket once, whichever node it is on", async () => {
    const onA = await visitors.hubOn(a(), "sales");
    const onB = await visitors.hubOn(b(), "sales");
    const [seenA, seenB] = [collect(onA, "notification"), collect(onB, "notification")];
    await createAction(b(), "lead", "Once per tab", "sales");
    await waitFor(() => seenA.length > 0 && seenB.length > 0, "both of sales's tabs notified");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([seenA.length, seenB.length]).toEqual([1, 1]);
  });
});

describe("presence across nodes", () => {
  it("an account room lists the people on both nodes, with the document each has open", async () => {
    const lead = await visitors.hubOn(a(), "lead");
    const seen = collect(lead, "presence");
    await request(lead, "account:join", { accountId: northwind });
    const sales = await visitors.hubOn(b(), "sales");
    const joined = await request(sales, "account:join", { accountId: northwind });
    expect(joined.ok && joined.presence.users.map((u) => u.name)).toEqual(["Daniel Okafor", "Maya Chen"]);
    await request(sales, "document:join", { documentId: roadmap });
    await waitFor(
      () => seen.at(-1)?.users.some((u) => u.name === "Daniel Okafor" && u.documentIds.includes(roadmap)) ?? false,
      "sales (on B) in A's account presence with the roadmap open",
    );

    sales.disconnect();
    await waitFor(
      () =>
        seen
          .at(-1)
          ?.users.map((u) => u.name)
          .join() === "Maya Chen",
      "sales gone from presence",
    );
  });
});

describe("refusals hold on either node", () => {
  it("an outsider cannot join Northwind's rooms through A or B, and hears nothing of it", async () => {
    for (const node of nodes) {
      const outsider = await visitors.hubOn(node, "outsider");
      const heard = collect(outsider, "action:changed");
      expect(await request(outsider, "account:join", { accountId: northwind })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      expect(await request(outsider, "document:join", { documentId: roadmap })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
      await createAction(node === a() ? b() : a(), "lead", `Not for outsiders (${node.name})`, "sales");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
    }
  });

  it("a member removed through A leaves the account's rooms on B at once", async () => {
    const production = await visitors.hubOn(b(), "production");
    await request(production, "account:join", { accountId: northwind });
    await request(production, "document:join", { documentId: roadmap });
    const revoked = collect(production, "access:revoked");
    const heard = collect(production, "action:changed");

    const removed = await post(
      a(),
      "lead",
      `/accounts/${northwind}/team`,
      "routes/_workspace.accounts.$accountId.team",
      [
        ["intent", "remove"],
        ["userId", users.production],
      ],
    );
    expect(removed).toMatchObject({ status: 200, body: { ok: true } });
    await waitFor(() => revoked.some((r) => r.accountId === northwind), "access:revoked on B");
    await createAction(a(), "lead", "After the removal", "sales");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
    expect(await request(production, "account:join", { accountId: northwind })).toMatchObject({ ok: false });
  });

  it("signing out through A closes the session's hub socket on B", async () => {
    const session = await login(a().url, "support");
    const client = connectHub(b().url, session);
    visitors.track(client);
    await connected(client);
    let reason = "";
    client.on("disconnect", (why) => (reason = why));
    const res = await fetch(`${a().url}/logout`, { method: "POST", headers: { cookie: session }, redirect: "manual" });
    expect(res.status).toBe(302);
    await waitFor(() => reason === "io server disconnect", "the socket on B closed by the server");
  });
});

describe("connection-state recovery", () => {
  it("a tab that lost its connection to B gets back its rooms and the events stored through A meanwhile", async () => {
    const client = connectHub(b().url, await visitors.cookie("logistics"));
    visitors.track(client);
    await connected(client);
    await request(client, "account:join", { accountId: northwind });
    const changed = collect(client, "action:changed");
    // A first broadcast gives the client the stream offset it resumes from.
    await createAction(a(), "lead", "Before the drop", "sales");
    await waitFor(() => changed.length === 1, "first action:changed");

    const clientsOnB = b().server.hub.clients;
    client.io.engine.close();
    await waitFor(() => b().server.hub.clients === clientsOnB - 1, "B saw the connection drop");
    const missed = await createAction(a(), "lead", "While away", "sales");
    const missedId = (missed.body.action as { id: string }).id;

    client.connect();
    await connected(client);
    expect(client.recovered).toBe(true);
    await waitFor(() => changed.some((c) => c.actionId === missedId), "the missed action:changed replayed");
    // Its rooms came back with it: the account room's pushes arrive without a new join.
    const after = await createAction(a(), "lead", "After the return", "sales");
    const afterId = (after.body.action as { id: string }).id;
    await waitFor(() => changed.some((c) => c.actionId === afterId), "live again in the account room");
  });

  it("a tab whose user was removed while it was away gets neither the account's rooms nor its events back", async () => {
    const client = connectHub(b().url, await visitors.cookie("viewer"));
    visitors.track(client);
    await connected(client);
    await request(client, "account:join", { accountId: northwind });
    const changed = collect(client, "action:changed");
    await createAction(a(), "lead", "Seen by the viewer", "sales");
    await waitFor(() => changed.length === 1, "the viewer's first action:changed");

    const clientsOnB = b().server.hub.clients;
    client.io.engine.close();
    await waitFor(() => b().server.hub.clients === clientsOnB - 1, "B saw the connection drop");
    const removed = await post(
      a(),
      "lead",
      `/accounts/${northwind}/team`,
      "routes/_workspace.accounts.$accountId.team",
      [
        ["intent", "remove"],
        ["userId", users.viewer],
      ],
    );
    expect(removed).toMatchObject({ status: 200, body: { ok: true } });
    await createAction(a(), "lead", "After the viewer left", "sales");

    client.connect();
    await connected(client);
    expect(client.recovered).toBe(false);
    await createAction(a(), "lead", "Later still", "sales");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changed).toHaveLength(1);
    expect(await request(client, "account:join", { accountId: northwind })).toMatchObject({ ok: false });
  });

  it("health says the hub is linked", async () => {
    for (const node of nodes) expect(await healthOf(node)).toEqual({ status: "ok", hub: "ok" });
  });
});
