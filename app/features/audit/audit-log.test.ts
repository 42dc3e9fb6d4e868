import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENDA_TEMPLATE, reviewLink } from "~/features/reviews/review";
import { appendParagraph, connectClient, get, synced, waitFor } from "../../../server/test/clients";
import { demoAccountId, demoDocId, demoUserIds, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { request } from "../../../server/test/hub-client";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

/**
 * The audit log records a write from each channel (pages, the hub, live
 * editing), names who made it and on what, leaves out what was refused, and
 * cannot be rewritten; its page and CSV export are for admins only.
 */
let server: TestServer;
const people = new People(() => server);
let northwind: string;
let huadong: string;
let ids: Record<string, string>;
const db = () => server.services.db;
const ACTIONS_ROUTE = encodeURIComponent("routes/_workspace.accounts.$accountId.actions");

beforeAll(async () => {
  // Edit sessions end five minutes after the last edit; this test ends them by leaving.
  server = await startTestServer();
  northwind = await demoAccountId(db(), NORTHWIND);
  huadong = await demoAccountId(db(), HUADONG);
  ids = await demoUserIds(db());
});

afterAll(async () => {
  people.disconnect();
  await server?.close();
});

async function post(handle: string, pathname: string, fields: [string, string][], route?: string) {
  return fetch(`${server.url}${pathname}${route ? `?_data=${route}` : ""}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** The entries written since `since`, oldest first (an entry is written just after its answer). */
async function entriesSince(since: Date, where: Record<string, unknown> = {}) {
  return db().auditEvent.findMany({ where: { at: { gte: since }, ...where }, orderBy: { at: "asc" } });
}

/** What `read` finds once it finds anything (or nothing after 5 s). */
async function eventually<T>(read: () => Promise<T[]>): Promise<T[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const rows = await read();
    if (rows.length > 0 || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("audit log", () => {
  it("logs a page's write with who, what, which account, the channel and the address", async () => {
    const since = new Date();
    const res = await post(
      "lead",
      `/accounts/${northwind}/actions`,
      [
        ["intent", "create"],
        ["title", "Audit me"],
      ],
      ACTIONS_ROUTE,
    );
    expect(res.status).toBe(200);
    const rows = await eventually(() => entriesSince(since, { action: "accounts.actions.create" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: ids.lead,
      actorEmail: "lead@demo.keyroom",
      channel: "web",
      accountId: northwind,
      objectType: "account",
      objectId: northwind,
    });
    expect(rows[0].ip).toMatch(/127\.0\.0\.1/);
  });

  it("logs a retried submit once: the retry changed nothing", async () => {
    const since = new Date();
    const fields: [string, string][] = [
      ["intent", "create"],
      ["title", "Sent twice"],
      ["clientId", "c0000000-0000-4000-8000-000000000001"],
    ];
    const first = await post("lead", `/accounts/${northwind}/actions`, fields, ACTIONS_ROUTE);
    const again = await post("lead", `/accounts/${northwind}/actions`, fields, ACTIONS_ROUTE);
    expect([first.status, again.status]).toEqual([200, 200]);
    await eventually(() => entriesSince(since, { action: "accounts.actions.create" }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await entriesSince(since, { action: "accounts.actions.create" })).toHaveLength(1);
  });

  it("leaves nothing for a refused or invalid write", async () => {
    const since = new Date();
    // Not on Huadong's team: 404. An empty title: 400.
    expect(
      (
        await post(
          "production",
          `/accounts/${huadong}/actions`,
          [
            ["intent", "create"],
            ["title", "x"],
          ],
          ACTIONS_ROUTE,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await post(
          "lead",
          `/accounts/${northwind}/actions`,
          [
            ["intent", "create"],
            ["title", ""],
          ],
          ACTIONS_ROUTE,
        )
      ).status,
    ).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await entriesSince(since, { action: { startsWith: "accounts.actions" } })).toEqual([]);
  });

  it("logs sign-in and sign-out as the person", async () => {
    const since = new Date();
    const signIn = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "support@demo.keyroom", password: "keyroom-demo" }),
      redirect: "manual",
    });
    const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
    await fetch(`${server.url}/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    const rows = await eventually(() => entriesSince(since, { actorId: ids.support, action: "logout" }));
    const actions = (await entriesSince(since, { actorId: ids.support })).map((row) => row.action);
    expect(actions).toEqual(["login", "logout"]);
    expect(rows[0].channel).toBe("web");
  });

  it("logs a write made through the team hub (the lead moving a live review)", async () => {
    const schedule = await post(
      "lead",
      `/accounts/${northwind}/reviews`,
      [
        ["intent", "schedule"],
        ["quarter", "2026-Q2"],
        ["scheduledAt", "2031-06-01T09:00"],
        ["tzOffset", "0"],
        ["attendees", ids.lead],
        ...AGENDA_TEMPLATE.flatMap((item): [string, string][] => [
          ["agendaKind", item.kind],
          ["agendaTitle", item.kind],
          ["agendaMinutes", String(item.plannedMinutes)],
        ]),
      ],
      encodeURIComponent("routes/_workspace.accounts.$accountId.reviews._index"),
    );
    const reviewId = schedule.headers.get("x-remix-redirect")?.split("/").at(-1) ?? "";
    expect(reviewId).not.toBe("");
    const started = await post(
      "lead",
      reviewLink(northwind, reviewId),
      [["intent", "start"]],
      encodeURIComponent("routes/_workspace.accounts.$accountId.reviews.$reviewId"),
    );
    expect(started.status).toBe(200);
    const items = await db().reviewAgendaItem.findMany({ where: { reviewId }, orderBy: { position: "asc" } });
    const since = new Date();
    const lead = await people.hub("lead");
    expect(await request(lead, "review:go", { reviewId, itemId: items[1].id })).toMatchObject({ ok: true });
    const rows = await eventually(() => entriesSince(since, { channel: "socket" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "reviews.go",
      actorId: ids.lead,
      actorEmail: "lead@demo.keyroom",
      accountId: northwind,
      objectType: "review",
      objectId: reviewId,
    });
    expect(JSON.parse(rows[0].detail ?? "{}")).toEqual({ itemId: items[1].id });
  });

  it("logs live edits once per session of editing, not per keystroke", async () => {
    const docId = await demoDocId(db(), NORTHWIND, "account_plan");
    const since = new Date();
    const client = connectClient(server.wsUrl, docId, await people.cookie("sales"));
    await synced(client);
    for (let i = 0; i < 12; i++) appendParagraph(client.doc, `keystroke ${i}`);
    await waitFor(() => client.provider.wsconnected && !client.provider.ws?.bufferedAmount, "sent");
    // Stored once the server has them: the count of stored updates is what the entry reports.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await entriesSince(since, { channel: "collab" })).toEqual([]);
    client.destroy();
    const rows = await eventually(() => entriesSince(since, { channel: "collab" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "document.edit",
      actorId: ids.sales,
      actorEmail: "sales@demo.keyroom",
      accountId: northwind,
      objectType: "document",
      objectId: docId,
    });
    expect(JSON.parse(rows[0].detail ?? "{}").updates).toBe(12);
  });

  it("is append-only: the database refuses to change or delete an entry", async () => {
    const entry = await db().auditEvent.findFirstOrThrow();
    await expect(db().auditEvent.update({ where: { id: entry.id }, data: { action: "forged" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db().auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await db().auditEvent.findUnique({ where: { id: entry.id } })).toMatchObject({ action: entry.action });
  });
});

describe("audit log page and export", () => {
  const AUDIT_ROUTE = encodeURIComponent("routes/_workspace.admin.audit");

  it("is the admins' only: everyone else gets 404, for the page and the CSV", async () => {
    for (const handle of ["lead", "exec", "sales", "outsider"]) {
      const cookie = await people.cookie(handle);
      expect((await get(server.url, "/admin/audit", cookie)).status, handle).toBe(404);
      expect((await get(server.url, "/admin/audit.csv", cookie)).status, handle).toBe(404);
    }
    expect((await get(server.url, "/admin/audit")).status).toBe(302);
  });

  it("filters by person, account, kind, channel and date, and pages older entries", async () => {
    const cookie = await people.cookie("admin");
    const data = async (query: string) => {
      const res = await get(server.url, `/admin/audit?${query}&_data=${AUDIT_ROUTE}`, cookie);
      expect(res.status).toBe(200);
      return (await res.json()) as {
        rows: Array<{ action: string; actorEmail: string; channel: string; accountId: string }>;
        older: string | null;
      };
    };
    const byPerson = await data("person=sales%40demo.keyroom");
    expect(byPerson.rows.length).toBeGreaterThan(0);
    expect(byPerson.rows.every((row) => row.actorEmail === "sales@demo.keyroom")).toBe(true);
    const byAccount = await data(`account=${northwind}`);
    expect(byAccount.rows.every((row) => row.accountId === northwind)).toBe(true);
    const byKind = await data("kind=accounts.actions");
    // The first test's create and the retried one (logged once).
    expect(byKind.rows.map((row) => row.action)).toEqual(["accounts.actions.create", "accounts.actions.create"]);
    const byChannel = await data("channel=collab");
    expect(byChannel.rows.map((row) => row.action)).toEqual(["document.edit"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await data(`from=${today}&to=${today}`)).rows.length).toBeGreaterThan(2);
    expect((await data("to=2000-01-01")).rows).toEqual([]);
    // A filter that does not parse is dropped, not an error.
    expect((await data("channel=carrier-pigeon&from=yesterday")).rows.length).toBeGreaterThan(2);

    const many = Array.from({ length: 60 }, (_, i) => ({
      channel: "system",
      action: "test.paging",
      detail: JSON.stringify({ i }),
      at: new Date(Date.now() - i * 1000),
    }));
    await db().auditEvent.createMany({ data: many });
    const first = await data("kind=test.paging");
    expect(first.rows).toHaveLength(50);
    expect(first.older).not.toBeNull();
    const second = await data(`kind=test.paging&cursor=${first.older}`);
    expect(second.rows).toHaveLength(10);
    expect(second.older).toBeNull();
  });

  it("exports the filtered log as CSV, safe to open in a spreadsheet", async () => {
    await db().auditEvent.create({
      data: {
        channel: "system",
        action: "test.csv",
        detail: '=HYPERLINK("http://evil")',
        actorEmail: "a,b@example.com",
      },
    });
    const res = await get(server.url, "/admin/audit.csv?kind=test.csv", await people.cookie("admin"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="keyroom-audit-/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "at,actor_email,actor_id,channel,action,account_id,account_name,object_type,object_id,ip,detail",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"a,b@example.com"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
