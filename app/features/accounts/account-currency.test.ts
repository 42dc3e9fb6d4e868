import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/features/api-tokens/api-token.server";
import { recentQuarters } from "~/features/kpis/kpi";
import { demoAccountId, demoUserIds, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let northwind: string;
let users: Record<string, string>;
const people = new People(() => server);
const current = recentQuarters(new Date())[7];

/** Posts to the account page's action as a fetcher would. */
async function post(handle: string, fields: Record<string, string>) {
  const route = encodeURIComponent("routes/_workspace.accounts.$accountId._index");
  return fetch(`${server.url}/accounts/${northwind}?index&_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

async function patchApi(handle: string, body: unknown) {
  const { token } = await createApiToken(server.services.db, users[handle], {
    name: "currency test",
    scope: "write",
    expiresAt: null,
  });
  const res = await fetch(`${server.url}/api/v1/accounts/${northwind}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const stored = async () =>
  (await server.services.db.account.findUniqueOrThrow({ where: { id: northwind }, select: { currency: true } }))
    .currency;

async function kpiPage(handle: string) {
  const res = await fetch(`${server.url}/accounts/${northwind}/kpis`, {
    headers: { cookie: await people.cookie(handle) },
  });
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  users = await demoUserIds(server.services.db);
  // A revenue figure of this quarter, with a target, so the health table shows it.
  const revenue = await server.services.db.kpiDefinition.findFirstOrThrow({ where: { key: "revenue" } });
  await server.services.db.kpiDefinition.update({ where: { id: revenue.id }, data: { target: 1_000_000 } });
  await server.services.db.kpiValue.deleteMany({ where: { accountId: northwind, quarter: current } });
  await server.services.db.kpiValue.create({
    data: { accountId: northwind, kpiId: revenue.id, quarter: current, value: 1_250_000 },
  });
});
afterAll(async () => {
  people.disconnect();
  await server.close();
});

describe("the account's currency", () => {
  it("starts as CNY, and the lead sets USD: the KPI page shows revenue in dollars, and the change is audited", async () => {
    expect(await stored()).toBe("CNY");
    expect(await kpiPage("lead")).toContain("CN¥1.3M");

    const res = await post("lead", { intent: "set-currency", currency: "usd" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, currency: "USD" });
    expect(await stored()).toBe("USD");

    const html = await kpiPage("viewer");
    expect(html).toContain("$1.3M");
    expect(html).not.toContain("CN¥");
    const audited = await server.services.db.auditEvent.findFirst({
      where: { accountId: northwind, action: { contains: "set-currency" }, actorId: users.lead },
    });
    expect(audited).not.toBeNull();
  });

  it("refuses members and viewers (403) and keeps the currency", async () => {
    const before = await stored();
    for (const handle of ["sales", "viewer"]) {
      expect((await post(handle, { intent: "set-currency", currency: "EUR" })).status, handle).toBe(403);
    }
    expect(await stored()).toBe(before);
  });

  it("refuses a code that is not ISO 4217 with an error on the field, in the user's language", async () => {
    const before = await stored();
    const res = await post("lead", { intent: "set-currency", currency: "XYZ" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; fieldErrors: { currency: string } };
    expect(body.ok).toBe(false);
    expect(body.fieldErrors.currency).toMatch(/ISO 4217/);
    expect(await stored()).toBe(before);
  });

  it("is read and set through /api/v1 by the lead; others are refused; a bad code is a field error", async () => {
    const set = await patchApi("lead", { currency: "EUR" });
    expect(set.status).toBe(200);
    expect(set.body.currency).toBe("EUR");
    expect(await stored()).toBe("EUR");

    expect((await patchApi("viewer", { currency: "GBP" })).status).toBe(403);
    const bad = await patchApi("lead", { currency: "EURO" });
    expect(bad.status).toBe(400);
    const issues = (bad.body.error as { details: { path: string; message: string }[] }).details;
    expect(issues.map((issue) => issue.path)).toContain("body.currency");
    expect(await stored()).toBe("EUR");
  });
});
