import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listMyActionItems } from "~/features/action-items/action-item-views.server";
import type { ActionItemView } from "~/features/action-items/action-item.schema";
import { get, login, waitFor } from "../../../server/test/clients";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { collect, connected, connectHub, request, type HubClient } from "../../../server/test/hub-client";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let northwind: string;
let huadong: string;
const cookies: Record<string, string> = {};
const open: HubClient[] = [];

type Reply = { ok: true; action: ActionItemView } | { ok: false; errors: Record<string, string[]> };

async function cookie(handle: string): Promise<string> {
  cookies[handle] ??= await login(server.url, handle);
  return cookies[handle];
}

async function userId(handle: string): Promise<string> {
  const user = await server.services.db.user.findUniqueOrThrow({ where: { email: `${handle}@demo.keyroom` } });
  return user.id;
}

async function hubAs(handle: string): Promise<HubClient> {
  const client = connectHub(server.url, await cookie(handle));
  open.push(client);
  return connected(client);
}

/** Posts to the account's action list as `handle`; `_data` asks Remix for the action's JSON, as a fetcher does. */
async function post(handle: string, accountId: string, fields: Record<string, string>, asFetcher = true) {
  const data = asFetcher ? `?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.actions")}` : "";
  return fetch(`${server.url}/accounts/${accountId}/actions${data}`, {
    method: "POST",
    headers: { cookie: await cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

async function create(handle: string, accountId: string, fields: Record<string, string>): Promise<ActionItemView> {
  const res = await post(handle, accountId, { intent: "create", ...fields });
  const reply = (await res.json()) as Reply;
  expect(res.status, JSON.stringify(reply)).toBe(200);
  if (!reply.ok) throw new Error("refused");
  return reply.action;
}

/** `YYYY-MM-DD`, `days` from today (UTC, as due dates are stored). */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The rendered page, without the serialized loader data that follows it. */
async function page(handle: string, pathname: string): Promise<string> {
  const res = await get(server.url, pathname, await cookie(handle));
  expect(res.status).toBe(200);
  const html = await res.text();
  return html.slice(0, html.indexOf("window.__remixContext"));
}

const countItems = () => server.services.db.actionItem.count();

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  huadong = await demoAccountId(server.services.db, HUADONG);
});
afterEach(() => {
  for (const client of open.splice(0)) client.disconnect();
});
afterAll(() => server.close());

describe("creating and changing action items", () => {
  it("a team member creates an item that is listed, then moves it to done and back", async () => {
    const production = await userId("production");
    const item = await create("lead", northwind, {
      title: "Share the Q3 capacity plan",
      department: "logistics",
      assigneeId: production,
      dueDate: dayFromToday(7),
    });
    expect(item).toMatchObject({
      accountId: northwind,
      status: "open",
      department: { key: "logistics" },
      assignee: { id: production, name: "Li Wei" },
      dueDate: dayFromToday(7),
      completedAt: null,
      createdByName: "Maya Chen",
    });
    expect(await page("sales", `/accounts/${northwind}/actions`)).toContain("Share the Q3 capacity plan");

    const done = (await (
      await post("sales", northwind, { intent: "update", actionId: item.id, status: "done" })
    ).json()) as Reply;
    expect(done.ok && done.action.status).toBe("done");
    expect(done.ok && done.action.completedAt).not.toBeNull();
    expect(await page("sales", `/accounts/${northwind}/actions`)).not.toContain("Share the Q3 capacity plan");
    expect(await page("sales", `/accounts/${northwind}/actions?status=done`)).toContain("Share the Q3 capacity plan");

    const reopened = (await (
      await post("sales", northwind, { intent: "update", actionId: item.id, status: "in_progress" })
    ).json()) as Reply;
    expect(reopened.ok && reopened.action).toMatchObject({ status: "in_progress", completedAt: null });
  });

  it("changes title, department, assignee and due date, and clears them with empty fields", async () => {
    const item = await create("lead", northwind, { title: "Draft", department: "sales", dueDate: dayFromToday(3) });
    const support = await userId("support");
    const res = await post("lead", northwind, {
      intent: "update",
      actionId: item.id,
      title: "Book the quarterly review room",
      department: "",
      assigneeId: support,
      dueDate: "",
    });
    const reply = (await res.json()) as Reply;
    expect(reply.ok && reply.action).toMatchObject({
      title: "Book the quarterly review room",
      department: null,
      assignee: { id: support },
      dueDate: null,
    });
  });

  it("a form post with redirectTo goes back to the list with the new item in focus", async () => {
    const res = await post(
      "lead",
      northwind,
      { intent: "create", title: "Confirm spare-parts stock", redirectTo: `/accounts/${northwind}/actions?status=all` },
      false,
    );
    expect(res.status).toBe(302);
    const stored = await server.services.db.actionItem.findFirstOrThrow({
      where: { title: "Confirm spare-parts stock" },
    });
    expect(res.headers.get("location")).toBe(`/accounts/${northwind}/actions?status=all&focus=${stored.id}`);
    const html = await page("lead", `/accounts/${northwind}/actions?focus=${stored.id}`);
    expect(html).toMatch(new RegExp(`id="action-${stored.id}" class="[^"]*action-item--focus`));
  });

  it("an item from a comment keeps its document, thread and quote; another account's thread is refused", async () => {
    const { db } = server.services;
    const roadmap = await demoDocId(db, NORTHWIND);
    const thread = await db.commentThread.create({
      data: {
        accountId: northwind,
        documentId: roadmap,
        anchorStart: new Uint8Array([1]),
        anchorEnd: new Uint8Array([2]),
        quote: "On-time delivery 97%",
        createdById: await userId("sales"),
      },
    });
    const item = await create("sales", northwind, {
      title: "Measure on-time delivery weekly",
      threadId: thread.id,
      quote: "On-time delivery 97%",
    });
    expect(item).toMatchObject({ documentId: roadmap, threadId: thread.id, quote: "On-time delivery 97%" });
    expect(item.documentTitle).toBeTruthy();

    const before = await countItems();
    const foreignDoc = await demoDocId(db, HUADONG);
    const refused = await post("lead", huadong, { intent: "create", title: "Wrong account", threadId: thread.id });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Reply).ok === false).toBe(true);
    const wrongDoc = await post("lead", northwind, { intent: "create", title: "Wrong doc", documentId: foreignDoc });
    expect(wrongDoc.status).toBe(400);
    expect(await wrongDoc.json()).toMatchObject({ ok: false, errors: { documentId: [expect.any(String)] } });
    expect(await countItems()).toBe(before);
  });
});

describe("validation", () => {
  const cases: Array<[string, string, () => Promise<Record<string, string>>]> = [
    ["an empty title", "title", async () => ({ title: "   " })],
    ["a title over 200 characters", "title", async () => ({ title: "x".repeat(201) })],
    ["an impossible date", "dueDate", async () => ({ title: "Bad date", dueDate: "2026-02-30" })],
    ["a date that is not YYYY-MM-DD", "dueDate", async () => ({ title: "Bad date", dueDate: "next friday" })],
    ["an assignee on another team", "assigneeId", async () => ({ title: "x", assigneeId: await userId("wang.fang") })],
    ["an assignee on no team", "assigneeId", async () => ({ title: "x", assigneeId: await userId("outsider") })],
    [
      "a read-only teammate as assignee",
      "assigneeId",
      async () => ({ title: "x", assigneeId: await userId("viewer") }),
    ],
    ["an unknown department", "department", async () => ({ title: "x", department: "marketing" })],
    ["a quote over 500 characters", "quote", async () => ({ title: "x", quote: "q".repeat(501) })],
  ];

  it.each(cases)("%s is refused with 400 and a field error, and nothing is stored", async (_what, field, fields) => {
    const before = await countItems();
    const res = await post("lead", northwind, { intent: "create", ...(await fields()) });
    expect(res.status).toBe(400);
    const reply = (await res.json()) as Reply;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.errors[field]).toEqual([expect.stringMatching(/\w/)]);
    expect(await countItems()).toBe(before);
  });

  it("an archived department takes no new items, but an item already in it keeps it", async () => {
    const item = await create("lead", northwind, { title: "Before the reorganisation", department: "support" });
    const db = server.services.db;
    await db.department.update({ where: { key: "support" }, data: { archivedAt: new Date() } });
    try {
      const refused = await post("lead", northwind, { intent: "create", title: "After it", department: "support" });
      expect(refused.status).toBe(400);
      const kept = await post("lead", northwind, {
        intent: "update",
        actionId: item.id,
        department: "support",
        status: "in_progress",
      });
      expect(kept.status).toBe(200);
    } finally {
      await db.department.update({ where: { key: "support" }, data: { archivedAt: null } });
    }
  });

  it("answers in the user's language", async () => {
    const res = await post("support", northwind, { intent: "create", title: "" });
    expect(await res.json()).toEqual({ ok: false, errors: { title: ["请输入 1 到 200 个字符的标题。"] } });
  });

  it("a plain form post shows the errors on the page with status 400", async () => {
    const res = await post("lead", northwind, { intent: "create", title: "", dueDate: "soon" }, false);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter the due date as YYYY-MM-DD.");
    expect(html).toMatch(/id="new-action-title"[^>]*aria-invalid="true"/);
  });

  it("an update of an item from another account is refused with 404", async () => {
    const item = await create("lead", huadong, { title: "Huadong only" });
    const res = await post("sales", northwind, { intent: "update", actionId: item.id, status: "done" });
    expect(res.status).toBe(404);
  });
});

describe("who may create and change items", () => {
  beforeAll(async () => {
    // An executive on no team: sees the portfolio, edits nothing.
    const exec = await server.services.db.user.findUniqueOrThrow({
      where: { email: "exec@demo.keyroom" },
      omit: { passwordHash: false },
    });
    await server.services.db.user.create({
      data: {
        email: "exec2@demo.keyroom",
        name: "Ren Ito",
        passwordHash: exec.passwordHash,
        workspaceRole: "executive",
        departmentId: exec.departmentId,
      },
    });
  });

  it.each(["viewer", "exec2", "admin", "outsider"])(
    "%s is refused create and update (403; an outsider 404), and nothing changes",
    async (handle) => {
      const item = await create("lead", northwind, { title: `Not for ${handle}` });
      const before = await countItems();
      const refused = handle === "outsider" ? 404 : 403;
      expect((await post(handle, northwind, { intent: "create", title: "Sneaky" })).status).toBe(refused);
      expect((await post(handle, northwind, { intent: "update", actionId: item.id, status: "done" })).status).toBe(
        refused,
      );
      expect(await countItems()).toBe(before);
      const stored = await server.services.db.actionItem.findUniqueOrThrow({ where: { id: item.id } });
      expect(stored.status).toBe("open");
    },
  );

  it("an outsider gets 404 on the page; a viewer reads it without the form or status selects", async () => {
    await create("lead", northwind, { title: "Readable by the viewer" });
    const outsider = await get(server.url, `/accounts/${northwind}/actions`, await cookie("outsider"));
    expect(outsider.status).toBe(404);
    const html = await page("viewer", `/accounts/${northwind}/actions`);
    expect(html).toContain("Readable by the viewer");
    expect(html).not.toContain('name="intent" value="create"');
    expect(html).not.toContain("status-select__input");
    expect(html).toContain("You can read this account");
  });

  it("an executive not on the team reads the page", async () => {
    expect((await get(server.url, `/accounts/${huadong}/actions`, await cookie("exec2"))).status).toBe(200);
  });
});

describe("live updates", () => {
  it("tells the account room and the assignee; an outsider receives nothing", async () => {
    const sales = await hubAs("sales");
    expect(await request(sales, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
    const teammateChanges = collect(sales, "action:changed");
    const production = await hubAs("production");
    const assigneeChanges = collect(production, "action:changed");
    const assigneeNotes = collect(production, "notification");
    const outsider = await hubAs("outsider");
    const outsiderEvents = [collect(outsider, "action:changed"), collect(outsider, "notification")];
    const lead = await hubAs("lead");
    const leadNotes = collect(lead, "notification");

    const item = await create("lead", northwind, {
      title: "Call the customer's plant manager",
      assigneeId: await userId("production"),
    });

    await waitFor(() => teammateChanges.length > 0, "action:changed in the account room");
    expect(teammateChanges).toContainEqual({ accountId: northwind, actionId: item.id });
    await waitFor(() => assigneeChanges.length > 0 && assigneeNotes.length > 0, "the assignee told");
    expect(assigneeChanges).toContainEqual({ accountId: northwind, actionId: item.id });
    expect(assigneeNotes[0]).toMatchObject({
      kind: "action_assigned",
      accountId: northwind,
      actorName: "Maya Chen",
      title: "Call the customer's plant manager",
      link: `/accounts/${northwind}/actions?focus=${item.id}`,
    });

    await post("production", northwind, { intent: "update", actionId: item.id, status: "in_progress" });
    await waitFor(() => teammateChanges.length > 1, "the status change in the account room");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(outsiderEvents.flat()).toEqual([]);
    expect(leadNotes).toEqual([]);
    expect(assigneeNotes).toHaveLength(1);
  });

  it("notifies a new assignee on reassignment, and tells the previous one their list changed", async () => {
    const item = await create("lead", northwind, { title: "Reassigned task", assigneeId: await userId("support") });
    const support = await hubAs("support");
    const supportChanges = collect(support, "action:changed");
    const logistics = await hubAs("logistics");
    const logisticsNotes = collect(logistics, "notification");

    await post("lead", northwind, { intent: "update", actionId: item.id, assigneeId: await userId("logistics") });
    await waitFor(() => logisticsNotes.length === 1 && supportChanges.length === 1, "both assignees told");
    expect(logisticsNotes[0]).toMatchObject({ kind: "action_assigned", title: "Reassigned task" });
  });

  it("records the creation and the status change in the account's feed", async () => {
    const item = await create("lead", northwind, { title: "Feed entry check" });
    await post("lead", northwind, { intent: "update", actionId: item.id, status: "done" });
    const feed = await server.services.db.activity.findMany({
      where: { accountId: northwind, subject: "Feed entry check" },
      orderBy: { createdAt: "asc" },
    });
    expect(feed.map((entry) => [entry.kind, entry.detail])).toEqual([
      ["action_created", ""],
      ["action_updated", "done"],
    ]);
  });
});

describe("changes at the same moment", () => {
  it("two people marking an item done at once: both see it done, the feed says it once", async () => {
    for (let round = 0; round < 5; round++) {
      const item = await create("lead", northwind, { title: `Simultaneous done ${round}` });
      const replies = await Promise.all(
        ["sales", "logistics", "lead"].map(async (handle) =>
          (await post(handle, northwind, { intent: "update", actionId: item.id, status: "done" })).json(),
        ),
      );
      for (const reply of replies as Reply[]) expect(reply.ok && reply.action.status).toBe("done");
      const feed = await server.services.db.activity.findMany({
        where: { accountId: northwind, subject: `Simultaneous done ${round}`, kind: "action_updated" },
      });
      expect(feed.map((entry) => entry.detail)).toEqual(["done"]);
    }
  });
});

describe("My action items", () => {
  it("lists the user's open items across accounts, overdue first, then by due date, then undated", async () => {
    const logistics = await userId("logistics");
    await create("lead", northwind, { title: "Mine: next week", assigneeId: logistics, dueDate: dayFromToday(7) });
    await create("lead", huadong, { title: "Mine: undated", assigneeId: logistics });
    await create("lead", northwind, { title: "Mine: long overdue", assigneeId: logistics, dueDate: dayFromToday(-10) });
    await create("lead", huadong, { title: "Mine: tomorrow", assigneeId: logistics, dueDate: dayFromToday(1) });
    await create("lead", northwind, { title: "Mine: overdue", assigneeId: logistics, dueDate: dayFromToday(-2) });
    const finished = await create("lead", northwind, { title: "Mine: finished", assigneeId: logistics });
    await post("lead", northwind, { intent: "update", actionId: finished.id, status: "done" });
    await create("lead", northwind, { title: "Mine: not mine", assigneeId: await userId("sales") });

    const html = await page("logistics", "/actions");
    const order = ["long overdue", "overdue", "tomorrow", "next week", "undated"].map((t) =>
      html.indexOf(`>Mine: ${t}<`),
    );
    expect(order.every((at) => at > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain("Mine: not mine");
    expect(html.slice(order[0], order[2])).toMatch(/overdue-label/);
    expect(html.slice(order[2])).not.toMatch(/overdue-label/);
    // Done lately: in the collapsed list after the open ones.
    expect(html.indexOf(">Mine: finished<")).toBeGreaterThan(order[4]);
    expect(html).toContain(HUADONG);
  });

  it("leaves out accounts the user can no longer read", async () => {
    const { db } = server.services;
    const sales = await userId("sales");
    await create("lead", huadong, { title: "Left behind", assigneeId: sales });
    const before = await listMyActionItems(db, { id: sales, workspaceRole: "member" });
    expect(before.open.map((item) => item.title)).toContain("Left behind");
    await db.accountMember.delete({ where: { accountId_userId: { accountId: huadong, userId: sales } } });
    const after = await listMyActionItems(db, { id: sales, workspaceRole: "member" });
    expect(after.open.map((item) => item.title)).not.toContain("Left behind");
  });

  it("shows an empty state to someone with nothing assigned", async () => {
    expect(await page("viewer", "/actions")).toContain("Nothing on your plate");
  });
});

describe("the account list", () => {
  it("filters by department and groups by department without a filter", async () => {
    await create("lead", northwind, { title: "Production line audit", department: "production" });
    await create("lead", northwind, { title: "Carrier rate review", department: "logistics" });
    const filtered = await page("lead", `/accounts/${northwind}/actions?department=production`);
    expect(filtered).toContain("Production line audit");
    expect(filtered).not.toContain("Carrier rate review");
    const grouped = await page("lead", `/accounts/${northwind}/actions`);
    const productionHeading = grouped.search(/class="action-group__title"[^>]*>Production/);
    const logisticsHeading = grouped.search(/class="action-group__title"[^>]*>Logistics/);
    expect(productionHeading).toBeGreaterThan(-1);
    expect(logisticsHeading).toBeGreaterThan(productionHeading);
    expect(grouped.indexOf("Carrier rate review")).toBeGreaterThan(logisticsHeading);
  });
});
