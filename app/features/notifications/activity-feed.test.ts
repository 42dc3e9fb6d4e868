import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get } from "../../../server/test/clients";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

/** The account's feed pages back through all of its history, to its team only. */
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
