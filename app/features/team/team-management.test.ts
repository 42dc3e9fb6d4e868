import * as decoding from "lib0/decoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "../../../server/collab/wire/close-codes";
import type { TeamActionReply } from "~/features/team/team.schema";
import {
  appendParagraph,
  connectClient,
  get,
  login,
  synced,
  upgradeStatus,
  waitFor,
  type TestClient,
} from "../../../server/test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { collect, connected, connectHub, request, type HubClient } from "../../../server/test/hub-client";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

// Remix answers a fetcher's `?_data=<route id>` request with the action's JSON.
const ROUTE_DATA = `_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.team")}`;

let server: TestServer;
let northwind: string;
const cookies: Record<string, string> = {};
const hubs: HubClient[] = [];
const collabs: TestClient[] = [];

async function cookieOf(handle: string): Promise<string> {
  cookies[handle] ??= await login(server.url, handle);
  return cookies[handle];
}

async function userId(handle: string): Promise<string> {
  const user = await server.services.db.user.findUniqueOrThrow({ where: { email: `${handle}@demo.keyroom` } });
  return user.id;
}

/** Posts one team intent as `handle`; the reply body is JSON unless the guard refused (403). */
async function post(handle: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}/accounts/${northwind}/team?${ROUTE_DATA}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: await cookieOf(handle) },
    redirect: "manual",
  });
}

async function reply(res: Response): Promise<TeamActionReply> {
  return (await res.json()) as TeamActionReply;
}

async function add(by: string, handle: string, department: string, role: string): Promise<Response> {
  return post(by, { intent: "add", userId: await userId(handle), department, role });
}

async function change(by: string, handle: string, department: string, role: string): Promise<Response> {
  return post(by, { intent: "change", userId: await userId(handle), department, role });
}

async function remove(by: string, handle: string): Promise<Response> {
  return post(by, { intent: "remove", userId: await userId(handle) });
}

async function hubAs(handle: string): Promise<HubClient> {
  const client = connectHub(server.url, await cookieOf(handle));
  hubs.push(client);
  return connected(client);
}

async function collabAs(handle: string, docId: string): Promise<TestClient> {
  const client = connectClient(server.wsUrl, docId, await cookieOf(handle));
  collabs.push(client);
  await synced(client);
  return client;
}

async function roleOf(handle: string): Promise<string | null> {
  const member = await server.services.db.accountMember.findFirst({
    where: { accountId: northwind, user: { email: `${handle}@demo.keyroom` } },
    select: { role: true },
  });
  return member?.role ?? null;
}

/** The document as stored (snapshot plus log), not as any client holds it. */
async function storedText(docId: string): Promise<string> {
  const doc = new Y.Doc();
  const snapshot = await server.services.db.docSnapshot.findUnique({ where: { documentId: docId } });
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  for (const row of await server.services.db.docUpdate.findMany({
    where: { documentId: docId },
    orderBy: { id: "asc" },
  })) {
    Y.applyUpdate(doc, row.data);
  }
  const text = doc.getXmlFragment("default").toString();
  doc.destroy();
  return text;
}

/** Resolves with the server's next "permission denied" (auth message) to this provider. */
function nextDenial(client: TestClient): Promise<string> {
  return new Promise((resolve) => {
    client.provider.messageHandlers[2] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      resolve(decoding.readVarString(decoder));
    };
  });
}

function nextClose(client: TestClient): Promise<number> {
  return new Promise((resolve) => client.provider.once("connection-close", (event) => resolve(event?.code ?? 0)));
}

/** A fresh server (a copy of the seeded template) per describe: these change the team. */
function freshServer() {
  beforeAll(async () => {
    server = await startTestServer();
    northwind = await demoAccountId(server.services.db, NORTHWIND);
    for (const key of Object.keys(cookies)) delete cookies[key];
  });
  afterEach(() => {
    for (const client of hubs.splice(0)) client.disconnect();
    for (const client of collabs.splice(0)) client.destroy();
  });
  afterAll(() => server.close());
}

describe("reading the team page", () => {
  freshServer();

  it("a member sees the team by department, read-only, and not the workspace directory", async () => {
    const res = await get(server.url, `/accounts/${northwind}/team`, await cookieOf("sales"));
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const name of ["Maya Chen", "Daniel Okafor", "Li Wei", "Tom Becker", "Helen Park"])
      expect(html).toContain(name);
    expect(html).toContain("Only the team lead and workspace admins can");
    expect(html).not.toContain('value="add"');
    expect(html).not.toContain("Oscar Lind");
  });

  it("the lead gets the add form, offering only active people not on the team", async () => {
    const res = await get(server.url, `/accounts/${northwind}/team?${ROUTE_DATA}`, await cookieOf("lead"));
    expect(res.status).toBe(200);
    const data = (await res.json()) as { canManage: boolean; addable: { name: string }[]; members: unknown[] };
    expect(data.canManage).toBe(true);
    expect(data.members).toHaveLength(7);
    expect(data.addable.map((person) => person.name).sort()).toEqual(
      ["Oscar Lind", "Priya Nair", "刘洋", "王芳"].sort(),
    );
    const page = await (await get(server.url, `/accounts/${northwind}/team`, await cookieOf("lead"))).text();
    expect(page).toContain('value="add"');
    expect(page).toContain('value="change"');
  });

  it("renders in Chinese for a Chinese-speaking member", async () => {
    const html = await (await get(server.url, `/accounts/${northwind}/team`, await cookieOf("support"))).text();
    expect(html).toContain("<h1>团队</h1>");
    expect(html).toContain("团队负责人");
  });

  it("an outsider gets 404, a visitor without a session is sent to sign in", async () => {
    expect((await get(server.url, `/accounts/${northwind}/team`, await cookieOf("outsider"))).status).toBe(404);
    const anonymous = await get(server.url, `/accounts/${northwind}/team`);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("who may change the team", () => {
  freshServer();

  it("a plain member and a viewer get 403 on every intent (an outsider 404), and nothing changes", async () => {
    for (const handle of ["sales", "viewer", "outsider"]) {
      const refused = handle === "outsider" ? 404 : 403;
      expect((await add(handle, "outsider", "sales", "member")).status, `${handle} add`).toBe(refused);
      expect((await change(handle, "production", "sales", "lead")).status, `${handle} change`).toBe(refused);
      expect((await remove(handle, "logistics")).status, `${handle} remove`).toBe(refused);
      expect((await post(handle, { intent: "nonsense" })).status, `${handle} malformed`).toBe(refused);
    }
    expect(await roleOf("outsider")).toBeNull();
    expect(await roleOf("production")).toBe("member");
    expect(await roleOf("logistics")).toBe("member");
  });

  it("a workspace admin not on the team may add, change and remove; an unknown account is a 404", async () => {
    expect(await reply(await add("admin", "wang.fang", "production", "member"))).toEqual({
      ok: true,
      intent: "add",
      userId: await userId("wang.fang"),
    });
    expect((await change("admin", "wang.fang", "support", "viewer")).status).toBe(200);
    expect(await roleOf("wang.fang")).toBe("viewer");
    expect((await remove("admin", "wang.fang")).status).toBe(200);
    expect(await roleOf("wang.fang")).toBeNull();
    const missing = await fetch(`${server.url}/accounts/no-such-account/team?${ROUTE_DATA}`, {
      method: "POST",
      body: new URLSearchParams({
        intent: "add",
        userId: await userId("wang.fang"),
        department: "sales",
        role: "member",
      }),
      headers: { cookie: await cookieOf("admin") },
    });
    // Refused at the door, like every page of an account that is not there.
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("Not found");
  });

  it("a malformed intent is refused with 400", async () => {
    const bad: Record<string, string>[] = [
      { intent: "promote", userId: await userId("sales") },
      { intent: "change", userId: await userId("sales"), department: "sales", role: "owner" },
      { intent: "add", department: "sales", role: "member" },
      { intent: "remove", userId: "../../etc" },
    ];
    for (const fields of bad) {
      const res = await post("lead", fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(await reply(res)).toMatchObject({ ok: false, error: { code: "invalid" } });
    }
  });
});

describe("adding a member", () => {
  freshServer();

  it("the lead adds the outsider: they may open the account, join its room, and are notified live", async () => {
    const outsider = await hubAs("outsider");
    const notifications = collect(outsider, "notification");
    expect(await request(outsider, "account:join", { accountId: northwind })).toMatchObject({ ok: false });
    expect((await get(server.url, `/accounts/${northwind}`, await cookieOf("outsider"))).status).toBe(404);
    const lead = await hubAs("lead");
    await request(lead, "account:join", { accountId: northwind });
    const feed = collect(lead, "activity");

    const res = await add("lead", "outsider", "logistics", "member");
    expect(res.status).toBe(200);

    await waitFor(() => notifications.length === 1, "the member_added notification");
    expect(notifications[0]).toMatchObject({
      kind: "member_added",
      accountId: northwind,
      accountName: NORTHWIND,
      actorName: "Maya Chen",
      title: NORTHWIND,
      link: `/accounts/${northwind}`,
      readAt: null,
    });
    expect((await get(server.url, `/accounts/${northwind}`, await cookieOf("outsider"))).status).toBe(200);
    expect((await get(server.url, `/accounts/${northwind}/team`, await cookieOf("outsider"))).status).toBe(200);
    expect(await request(outsider, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
    await waitFor(() => feed.some((entry) => entry.kind === "member_added"), "the feed entry");
    expect(feed.find((entry) => entry.kind === "member_added")).toMatchObject({
      accountId: northwind,
      actorName: "Maya Chen",
      subject: "Oscar Lind",
      detail: "logistics/member",
    });
  });

  it("refuses, with 400 and a reason, an inactive user, someone already on the team and an unknown department", async () => {
    await server.services.db.user.update({ where: { email: "liu.yang@demo.keyroom" }, data: { active: false } });
    const cases: Array<[Promise<Response>, string]> = [
      [add("lead", "liu.yang", "support", "member"), "inactive_user"],
      [add("lead", "sales", "sales", "member"), "already_member"],
      [add("lead", "wang.fang", "marketing", "member"), "unknown_department"],
    ];
    for (const [pending, code] of cases) {
      const res = await pending;
      expect(res.status, code).toBe(400);
      const body = await reply(res);
      expect(body).toMatchObject({ ok: false, error: { code } });
      expect(!body.ok && body.error.message.length).toBeGreaterThan(5);
    }
    expect(await roleOf("liu.yang")).toBeNull();
    expect(await roleOf("wang.fang")).toBeNull();
    expect(await roleOf("sales")).toBe("member");
  });
});

describe("the last lead", () => {
  freshServer();

  it("cannot be demoted or removed until someone else leads", async () => {
    const demote = await change("admin", "lead", "sales", "member");
    expect(demote.status).toBe(400);
    expect(await reply(demote)).toMatchObject({ ok: false, error: { code: "last_lead" } });
    const self = await remove("lead", "lead");
    expect(self.status).toBe(400);
    expect(await reply(self)).toMatchObject({ ok: false, error: { code: "last_lead" } });
    expect(await roleOf("lead")).toBe("lead");

    expect((await change("lead", "sales", "sales", "lead")).status).toBe(200);
    expect((await change("lead", "lead", "sales", "member")).status).toBe(200);
    expect(await roleOf("lead")).toBe("member");
    // The former lead no longer manages; the new one does.
    expect((await change("lead", "production", "support", "member")).status).toBe(403);
    const last = await remove("sales", "sales");
    expect(await reply(last)).toMatchObject({ ok: false, error: { code: "last_lead" } });
  });
});

describe("removing a member", () => {
  freshServer();

  it("closes their collab socket with 4403, takes their hub sockets out of the rooms, and refuses them after", async () => {
    const roadmap = await demoDocId(server.services.db, NORTHWIND);
    const support = await hubAs("support");
    await request(support, "account:join", { accountId: northwind });
    await request(support, "document:join", { documentId: roadmap });
    const revoked = collect(support, "access:revoked");
    const supportFeed = collect(support, "activity");
    const lead = await hubAs("lead");
    await request(lead, "account:join", { accountId: northwind });
    const leadFeed = collect(lead, "activity");
    const collab = await collabAs("support", roadmap);
    const closed = nextClose(collab);

    const res = await remove("lead", "support");
    expect(res.status).toBe(200);

    expect(await closed).toBe(CloseCode.Forbidden);
    await waitFor(() => revoked.length === 1, "access:revoked");
    expect(revoked[0]).toEqual({ accountId: northwind });
    // A later change reaches the team but not the removed member.
    expect((await change("lead", "production", "logistics", "member")).status).toBe(200);
    await waitFor(() => leadFeed.some((entry) => entry.kind === "member_changed"), "the team's feed");
    expect(leadFeed.find((entry) => entry.kind === "member_removed")).toMatchObject({
      subject: "Zhang Min",
      detail: "support/member",
    });
    expect(supportFeed).toEqual([]);

    expect(await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { cookie: await cookieOf("support") })).toBe(403);
    expect((await get(server.url, `/accounts/${northwind}`, await cookieOf("support"))).status).toBe(404);
    expect((await get(server.url, `/accounts/${northwind}/team`, await cookieOf("support"))).status).toBe(404);
    expect(await request(support, "account:join", { accountId: northwind })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("a lead who removes themselves (another lead remaining) is sent back to the portfolio", async () => {
    expect((await change("lead", "sales", "sales", "lead")).status).toBe(200);
    const res = await remove("sales", "sales");
    expect(res.status).toBe(204);
    expect(res.headers.get("x-remix-redirect")).toBe("/accounts");
    expect(await roleOf("sales")).toBeNull();
  });

  it("someone not on the team cannot be removed: 404 with a reason", async () => {
    const res = await remove("lead", "outsider");
    expect(res.status).toBe(404);
    expect(await reply(res)).toMatchObject({ ok: false, error: { code: "not_member" } });
  });
});

describe("changing a member's role", () => {
  freshServer();

  it("to viewer: their collab connection closes with 4509, reconnects read-only, and their edits are not stored", async () => {
    const roadmap = await demoDocId(server.services.db, NORTHWIND);
    const logistics = await collabAs("logistics", roadmap);
    appendParagraph(logistics.doc, "edit while a member");
    await waitFor(() => logistics.provider.synced, "sync");
    const lead = await collabAs("lead", roadmap);
    await waitFor(() => lead.text().includes("edit while a member"), "the member's edit to arrive");
    const closed = nextClose(logistics);

    expect((await change("lead", "logistics", "logistics", "viewer")).status).toBe(200);

    expect(await closed).toBe(CloseCode.Resync);
    await waitFor(() => logistics.provider.wsconnected && logistics.provider.synced, "the reconnect");
    const denied = nextDenial(logistics);
    appendParagraph(logistics.doc, "edit as a viewer");
    expect(await denied).toMatch(/read-only/);
    appendParagraph(lead.doc, "lead after the change");
    await waitFor(() => logistics.text().includes("lead after the change"), "the viewer to keep receiving");
    expect(lead.text()).not.toContain("edit as a viewer");
    const stored = await storedText(roadmap);
    expect(stored).toContain("edit while a member");
    expect(stored).toContain("lead after the change");
    expect(stored).not.toContain("edit as a viewer");
  });

  it("to member: a viewer's connection reconnects and their edits are stored", async () => {
    const roadmap = await demoDocId(server.services.db, NORTHWIND);
    const viewer = await collabAs("viewer", roadmap);
    const closed = nextClose(viewer);

    expect((await change("lead", "viewer", "finance", "member")).status).toBe(200);

    expect(await closed).toBe(CloseCode.Resync);
    await waitFor(() => viewer.provider.wsconnected && viewer.provider.synced, "the reconnect");
    const lead = await collabAs("lead", roadmap);
    appendParagraph(viewer.doc, "first edit as a member");
    // Write-ahead: what another client received is stored.
    await waitFor(() => lead.text().includes("first edit as a member"), "the edit to arrive");
    expect(await storedText(roadmap)).toContain("first edit as a member");
  });

  it("a department change alone leaves open connections alone", async () => {
    const roadmap = await demoDocId(server.services.db, NORTHWIND);
    const production = await collabAs("production", roadmap);
    const closes: number[] = [];
    production.provider.on("connection-close", (event) => closes.push(event?.code ?? 0));

    expect((await change("lead", "production", "support", "member")).status).toBe(200);
    const lead = await collabAs("lead", roadmap);
    appendParagraph(production.doc, "still editing");
    await waitFor(() => lead.text().includes("still editing"), "the edit to arrive");
    expect(closes).toEqual([]);
  });
});
