import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get } from "../../../server/test/clients";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

/**
 * Long lists page: the account's feed back through all of its history (to its
 * team only), and the notification centre back through all of a person's.
 */
let server: TestServer;
const people = new People(() => server);
let northwind: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  // A long history: 95 entries a minute apart, on top of the seed's.
  const start = Date.now() - 200 * 60_000;
  await server.services.db.activity.createMany({
    data: Array.from({ length: 95 }, (_, i) => ({
      accountId: northwind,
      kind: "kpis_updated",
      subject: `History ${i}`,
      createdAt: new Date(start + i * 60_000),
      updatedAt: new Date(start + i * 60_000),
    })),
  });
});

afterAll(async () => {
  people.disconnect();
  await server?.close();
});

interface Page {
  entries: Array<{ id: string; updatedAt: string }>;
  older: string | null;
}

async function page(handle: string, before?: string | null): Promise<Page> {
  const query = before ? `?before=${encodeURIComponent(before)}` : "";
  const res = await get(server.url, `/accounts/${northwind}/activity${query}`, await people.cookie(handle));
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
}

describe("the activity feed's older pages", () => {
  it("walks back through every entry once, newest first, and ends", async () => {
    const total = await server.services.db.activity.count({ where: { accountId: northwind } });
    const seen: Page["entries"] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const next: Page = await page("sales", before);
      seen.push(...next.entries);
      before = next.older;
      if (!before) break;
    }
    expect(before).toBeNull();
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((entry) => entry.id)).size).toBe(total);
    const times = seen.map((entry) => Date.parse(entry.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("is the team's only, and a cursor that does not parse starts from the newest", async () => {
    const res = await get(server.url, `/accounts/${northwind}/activity`, await people.cookie("wang.fang"));
    expect(res.status).toBe(404);
    expect((await get(server.url, `/accounts/${northwind}/activity`)).status).toBe(302);
    const first = await page("sales");
    expect((await page("sales", "not-a-cursor")).entries[0].id).toBe(first.entries[0].id);
  });
});

describe("the notification centre's pages", () => {
  it("walks back through every notification once, newest first", async () => {
    const db = server.services.db;
    const userId = (await db.user.findUniqueOrThrow({ where: { email: "logistics@demo.keyroom" } })).id;
    const start = Date.now() - 500 * 60_000;
    await db.notification.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        userId,
        kind: "mention",
        title: `Old mention ${i}`,
        link: "/accounts",
        createdAt: new Date(start + i * 60_000),
      })),
    });
    const total = await db.notification.count({ where: { userId } });
    const route = encodeURIComponent("routes/_workspace.notifications");
    const cookie = await people.cookie("logistics");
    const seen: string[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const query: string = before ? `before=${encodeURIComponent(before)}&` : "";
      const res = await get(server.url, `/notifications?${query}_data=${route}`, cookie);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { notifications: Array<{ id: string }>; older: string | null };
      seen.push(...page.notifications.map((n) => n.id));
      before = page.older;
      if (!before) break;
    }
    expect(before).toBeNull();
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe("notifications name departments, not their keys", () => {
  it("a team change and an approval decision read in the reader's language", async () => {
    const db = server.services.db;
    const userId = (await db.user.findUniqueOrThrow({ where: { email: "support@demo.keyroom" } })).id;
    await db.notification.createMany({
      data: [
        { userId, kind: "member_added", title: "Northwind", excerpt: "logistics/member", link: "/accounts" },
        { userId, kind: "approval_decided", title: "Plan", excerpt: "logistics/approved", link: "/accounts" },
      ],
    });
    const html = await (await get(server.url, "/notifications", await people.cookie("support"))).text();
    const text = html.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(text).toContain("物流部");
    expect(text).not.toMatch(/>\s*logistics\s*[·:]/);
  });
});
