import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionItemView } from "~/features/action-items/action-item.schema";
import { get, login } from "../../../server/test/clients";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { ACTION_PAGE_SIZE } from "./action-item-pages.server";

let server: TestServer;
let northwind: string;
const cookies: Record<string, string> = {};

async function cookie(handle: string): Promise<string> {
  cookies[handle] ??= await login(server.url, handle);
  return cookies[handle];
}

/** The page's items (its loader's JSON) and the href of its "More items" link, as a person would follow it. */
async function visit(handle: string, path: string, routeId: string) {
  const html = await (await get(server.url, path, await cookie(handle))).text();
  const link = /<a [^>]*rel="next"[^>]*>/.exec(html.slice(0, html.indexOf("window.__remixContext")))?.[0];
  const next = link ? /href="([^"]+)"/.exec(link)?.[1].replaceAll("&amp;", "&") : undefined;
  const sep = path.includes("?") ? "&" : "?";
  const res = await get(server.url, `${path}${sep}_data=${encodeURIComponent(routeId)}`, await cookie(handle));
  expect(res.status).toBe(200);
  const data = (await res.json()) as { items?: ActionItemView[]; open?: ActionItemView[] };
  return { items: data.items ?? data.open ?? [], next };
}

/** Follows "More items" from `path` to the last page; every id seen, in order. */
async function walk(handle: string, path: string, routeId: string): Promise<{ ids: string[]; pages: string[] }> {
  const ids: string[] = [];
  const pages: string[] = [];
  let at: string | undefined = path;
  while (at) {
    pages.push(at);
    const { items, next } = await visit(handle, at, routeId);
    expect(items.length).toBeLessThanOrEqual(ACTION_PAGE_SIZE);
    ids.push(...items.map((item) => item.id));
    at = next;
    expect(pages.length).toBeLessThan(20);
  }
  return { ids, pages };
}

const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  northwind = await demoAccountId(db, NORTHWIND);
  const [lead, sales, production, logistics] = await Promise.all(
    ["lead", "sales", "production", "logistics"].map((h) =>
      db.user.findUniqueOrThrow({ where: { email: `${h}@demo.keyroom` } }),
    ),
  );
  const [prodDept, logDept] = await Promise.all(
    ["production", "logistics"].map((key) => db.department.findUniqueOrThrow({ where: { key } })),
  );
  const statuses = ["open", "in_progress", "done", "cancelled", "open"];
  const base = Date.UTC(2026, 0, 1);
  // Many items share a due date and a creation time: the cursor must break ties by id, not skip or repeat.
  await db.actionItem.createMany({
    data: Array.from({ length: 170 }, (_, i) => ({
      accountId: northwind,
      title: `Paged item ${i}`,
      status: statuses[i % statuses.length],
      departmentId: i % 2 === 0 ? prodDept.id : logDept.id,
      assigneeId: i % 3 === 2 ? (i % 2 ? production.id : logistics.id) : sales.id,
      dueDate: i % 7 === 0 ? null : new Date(base + (i % 4) * DAY),
      createdAt: new Date(base - (i % 5) * 1000),
      createdById: lead.id,
    })),
  });
});
afterAll(() => server.close());

describe("the account's action items page, a page at a time", () => {
  it.each([
    ["all", "status=all"],
    ["open", "status=open"],
    ["production's done", "status=done&department=production"],
    ["logistics' (open by default)", "department=logistics"],
  ])("walks %s: each item once, all of them, in list order, filters kept", async (_name, query) => {
    const path = `/accounts/${northwind}/actions?${query}`;
    const { ids, pages } = await walk("lead", path, "routes/_workspace.accounts.$accountId.actions");
    const params = new URLSearchParams(query);
    const status = params.get("status") ?? "open";
    const department = params.get("department");
    const expected = await server.services.db.actionItem.findMany({
      where: {
        accountId: northwind,
        status: {
          in:
            status === "all"
              ? ["open", "in_progress", "done", "cancelled"]
              : status === "done"
                ? ["done"]
                : ["open", "in_progress"],
        },
        ...(department ? { department: { key: department } } : {}),
      },
      select: { id: true, status: true, dueDate: true, createdAt: true },
    });
    expect(pages.length).toBeGreaterThan(expected.length > ACTION_PAGE_SIZE ? 1 : 0);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected.map((row) => row.id).sort());
    // Open work first, then by due date (undated last), creation, id.
    const closed = (s: string) => (s === "open" || s === "in_progress" ? 0 : 1);
    const key = (row: (typeof expected)[number]) =>
      [closed(row.status), row.dueDate?.getTime() ?? Infinity, row.createdAt.getTime(), row.id] as const;
    const order = [...expected]
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
        return 0;
      })
      .map((row) => row.id);
    expect(ids).toEqual(order);
    for (const page of pages.slice(1)) {
      if (department) expect(page).toContain(`department=${department}`);
      if (params.get("status")) expect(page).toContain(`status=${status}`);
    }
  });

  it("a malformed cursor starts from the first page", async () => {
    const first = await visit(
      "lead",
      `/accounts/${northwind}/actions?status=all`,
      "routes/_workspace.accounts.$accountId.actions",
    );
    const bad = await visit(
      "lead",
      `/accounts/${northwind}/actions?status=all&after=${encodeURIComponent("x'; drop")}`,
      "routes/_workspace.accounts.$accountId.actions",
    );
    expect(bad.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
  });
});

describe("My action items, a page at a time", () => {
  it("walks every open item assigned to the user once", async () => {
    const { ids, pages } = await walk("sales", "/actions", "routes/_workspace.actions");
    const sales = await server.services.db.user.findUniqueOrThrow({ where: { email: "sales@demo.keyroom" } });
    const expected = await server.services.db.actionItem.findMany({
      where: {
        assigneeId: sales.id,
        status: { in: ["open", "in_progress"] },
        account: { members: { some: { userId: sales.id } } },
      },
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(ACTION_PAGE_SIZE);
    expect(pages.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected.map((row) => row.id).sort());
  });

  it("counts the overdue items of every page, not only the one shown", async () => {
    const { pages } = await walk("sales", "/actions", "routes/_workspace.actions");
    const sales = await server.services.db.user.findUniqueOrThrow({ where: { email: "sales@demo.keyroom" } });
    const overdue = await server.services.db.actionItem.count({
      where: {
        assigneeId: sales.id,
        status: { in: ["open", "in_progress"] },
        dueDate: { lt: new Date(new Date().toISOString().slice(0, 10)) },
        account: { members: { some: { userId: sales.id } } },
      },
    });
    expect(overdue).toBeGreaterThan(ACTION_PAGE_SIZE);
    for (const page of pages) {
      const sep = page.includes("?") ? "&" : "?";
      const res = await get(server.url, `${page}${sep}_data=routes/_workspace.actions`, await cookie("sales"));
      const data = (await res.json()) as { overdue: number; open: ActionItemView[] };
      expect(data.overdue).toBe(overdue);
      expect(data.open.filter((item) => item.overdue).length).toBeLessThan(overdue);
    }
  });
});
