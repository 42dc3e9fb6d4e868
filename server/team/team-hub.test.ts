import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "../collab/wire/close-codes";
import type { ActivityPayload } from "~/shared/hub";
import { connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../test/demo-data";
import { collect, connected, connectHub, request } from "../test/hub-client";
import { People } from "../test/people";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let northwind: string;
let huadong: string;
let roadmap: string;
const people = new People(() => server);

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  huadong = await demoAccountId(server.services.db, HUADONG);
  roadmap = await demoDocId(server.services.db, NORTHWIND);
});
afterEach(() => {
  people.disconnect();
});
afterAll(() => server.close());

describe("team hub handshake", () => {
  it("refuses a client without a session", async () => {
    const client = connectHub(server.url, undefined);
    people.track(client);
    await expect(connected(client)).rejects.toThrow("Sign in first");
  });

  it("refuses a foreign Origin even with a valid session", async () => {
    const cookie = await login(server.url, "sales");
    const client = connectHub(server.url, cookie, "https://evil.example");
    people.track(client);
    await expect(connected(client)).rejects.toThrow();
    expect(client.connected).toBe(false);
  });

  it("counts connected clients in /metrics", async () => {
    await people.hub("sales");
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^keyroom_hub_clients 1$/m);
  });
});

describe("presence", () => {
  it("appears when a teammate joins and disappears when they leave", async () => {
    const lead = await people.hub("lead");
    const seen = collect(lead, "presence");
    const joined = await request(lead, "account:join", { accountId: northwind });
    expect(joined.ok && joined.presence.users.map((u) => u.name)).toEqual(["Maya Chen"]);

    const sales = await people.hub("sales");
    await request(sales, "account:join", { accountId: northwind });
    await request(sales, "document:join", { documentId: roadmap });
    await waitFor(
      () => seen.at(-1)?.users.some((u) => u.name === "Daniel Okafor" && u.documentIds.includes(roadmap)) ?? false,
      "sales in the account presence with the roadmap open",
    );
    const salesEntry = seen.at(-1)?.users.find((u) => u.name === "Daniel Okafor");
    expect(salesEntry).toMatchObject({ department: "sales", color: expect.stringMatching(/^#/) });

    sales.disconnect();
    await waitFor(() => seen.at(-1)?.users.length === 1, "sales gone from presence");
    expect(seen.at(-1)?.users.map((u) => u.name)).toEqual(["Maya Chen"]);
  });

  it("tells the document room which section each person is in", async () => {
    const lead = await people.hub("lead");
    await request(lead, "document:join", { documentId: roadmap });
    const seen = collect(lead, "presence");
    const sales = await people.hub("sales");
    await request(sales, "document:join", { documentId: roadmap });
    const reply = await request(sales, "presence:section", { documentId: roadmap, section: "Milestones" });
    expect(reply.ok).toBe(true);
    await waitFor(
      () =>
        seen.some(
          (p) =>
            p.scope === "document" && p.users.some((u) => u.name === "Daniel Okafor" && u.section === "Milestones"),
        ),
      "section in presence",
    );
  });

  it("merges one person's tabs into one entry", async () => {
    const first = await people.hub("lead");
    const second = await people.hub("lead");
    await request(first, "account:join", { accountId: northwind });
    const reply = await request(second, "account:join", { accountId: northwind });
    expect(reply.ok && reply.presence.users).toHaveLength(1);
  });
});

describe("room access", () => {
  it("refuses a non-member, who then receives none of the account's events", async () => {
    const outsider = await people.hub("outsider");
    const activity = collect(outsider, "activity");
    const presence = collect(outsider, "presence");
    expect(await request(outsider, "account:join", { accountId: northwind })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Not on this account's team" },
    });
    expect(await request(outsider, "document:join", { documentId: roadmap })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const lead = await people.hub("lead");
    await request(lead, "account:join", { accountId: northwind });
    const leadActivity = collect(lead, "activity");
    server.hub.toAccount(northwind, "activity", probeActivity("secret"));
    await waitFor(() => leadActivity.length === 1, "the member receives the event");
    expect(activity).toEqual([]);
    expect(presence).toEqual([]);
  });

  it("refuses a member of one account on another account's rooms", async () => {
    const production = await people.hub("production");
    expect(await request(production, "account:join", { accountId: huadong })).toMatchObject({ ok: false });
    expect(await request(production, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
  });

  it("lets an executive join any account", async () => {
    const exec = await people.hub("exec");
    expect(await request(exec, "account:join", { accountId: huadong })).toMatchObject({ ok: true });
    expect(await request(exec, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
  });

  it("answers malformed and unknown requests with a clear error and stays connected", async () => {
    const sales = await people.hub("sales");
    expect(await request(sales, "account:join", { accountId: "../../etc" })).toEqual({
      ok: false,
      error: { code: "invalid", message: "Malformed request" },
    });
    expect(await request(sales, "account:join", null as never)).toMatchObject({ error: { code: "invalid" } });
    expect(await request(sales, "document:join", { documentId: "nope" })).toMatchObject({
      error: { code: "not_found" },
    });
    expect(await request(sales, "presence:section", { documentId: roadmap, section: "x" })).toMatchObject({
      error: { code: "forbidden" },
    });
    expect(sales.connected).toBe(true);
  });

  it("rate-limits a flood of requests without disconnecting", async () => {
    const sales = await people.hub("sales");
    const replies = await Promise.all(
      Array.from({ length: 100 }, () => request(sales, "account:leave", { accountId: northwind })),
    );
    expect(replies.filter((r) => !r.ok && r.error.code === "rate_limited").length).toBeGreaterThan(0);
    expect(sales.connected).toBe(true);
  });
});

describe("sign-out and removal", () => {
  it("re-checks the user on every join: a deactivated user is refused and disconnected", async () => {
    const viewer = await people.hub("viewer");
    expect(await request(viewer, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
    const gone = new Promise((resolve) => viewer.once("disconnect", resolve));
    await server.services.db.user.update({ where: { email: "viewer@demo.keyroom" }, data: { active: false } });
    try {
      const refused = await request(viewer, "document:join", { documentId: roadmap }).catch(() => null);
      expect(refused === null || !refused.ok).toBe(true);
      await gone;
    } finally {
      await server.services.db.user.update({ where: { email: "viewer@demo.keyroom" }, data: { active: true } });
    }
  });

  it("disconnects the hub sockets of a session that signs out", async () => {
    const cookie = await login(server.url, "logistics");
    const client = connectHub(server.url, cookie);
    people.track(client);
    await connected(client);
    const gone = new Promise((resolve) => client.once("disconnect", resolve));
    await fetch(`${server.url}/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    await expect(gone).resolves.toBe("io server disconnect");
  });

  it("revoking a member's access closes their collab sockets and takes them out of the rooms", async () => {
    const support = await people.hub("support");
    await request(support, "account:join", { accountId: northwind });
    await request(support, "document:join", { documentId: roadmap });
    const revoked = collect(support, "access:revoked");
    const collab: TestClient = connectClient(server.wsUrl, roadmap, await people.cookie("support"));
    await synced(collab);
    const closed = new Promise<number>((resolve) =>
      collab.provider.ws?.addEventListener("close", (e) => resolve(e.code)),
    );

    await server.services.live.revokeAccountAccess((await userId("support")) ?? "", northwind);

    expect(await closed).toBe(CloseCode.Forbidden);
    await waitFor(() => revoked.length === 1, "access:revoked");
    expect(revoked[0]).toEqual({ accountId: northwind });
    const activity = collect(support, "activity");
    server.hub.toAccount(northwind, "activity", probeActivity("after removal"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(activity).toEqual([]);
    collab.destroy();
  });
});

async function userId(handle: string): Promise<string | undefined> {
  const user = await server.services.db.user.findUnique({ where: { email: `${handle}@demo.keyroom` } });
  return user?.id;
}

/** A feed entry pushed straight through the hub, to see who receives it. */
function probeActivity(subject: string): ActivityPayload {
  const now = new Date().toISOString();
  return {
    id: subject,
    accountId: northwind,
    kind: "comment",
    actorName: null,
    documentId: null,
    subject,
    detail: "",
    count: 1,
    createdAt: now,
    updatedAt: now,
  };
}
