import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, get, login, synced } from "../../../server/test/clients";
import { demoAccountId, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe("sessions", () => {
  it("each sign-in starts a new session id (no fixation)", async () => {
    const first = await login(server.url, "sales");
    const second = await login(server.url, "sales");
    expect(first).not.toBe(second);
  });

  it("a deactivated user cannot sign in, and their open session stops working", async () => {
    const cookie = await login(server.url, "support");
    await server.services.db.user.update({ where: { email: "support@demo.keyroom" }, data: { active: false } });
    try {
      const res = await fetch(`${server.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "support@demo.keyroom", password: "keyroom-demo" }),
        redirect: "manual",
      });
      expect(res.status).toBe(400);
      expect((await get(server.url, "/accounts", cookie)).status).toBe(302);
    } finally {
      await server.services.db.user.update({ where: { email: "support@demo.keyroom" }, data: { active: true } });
    }
  });

  it("a body that is not a form gets 400, not a server error", async () => {
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "lead@demo.keyroom", password: "keyroom-demo" }),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
  });
});

describe("portfolio search", () => {
  it("narrows the list by account name", async () => {
    const html = await (await get(server.url, "/accounts?q=Northwind", await login(server.url, "exec"))).text();
    expect(html).toContain(NORTHWIND);
    expect(html).not.toContain(HUADONG);
  });
});

describe("language", () => {
  it("a new document's template comes in its creator's language", async () => {
    const northwind = await demoAccountId(server.services.db, NORTHWIND);
    // support@ uses Keyroom in Chinese.
    const cookie = await login(server.url, "support");
    const res = await fetch(`${server.url}/accounts/${northwind}`, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ intent: "create-document", kind: "bill_of_rights", title: "权利清单草稿" }),
      redirect: "manual",
    });
    const docId = /\/docs\/([^/]+)$/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
    const client = connectClient(server.wsUrl, docId, cookie);
    await synced(client);
    expect(client.text()).toContain("客户");
    expect(client.text()).not.toContain("How we measure");
    client.destroy();
  });

  it("the choice is kept on the profile: another sign-in shows Chinese too", async () => {
    const cookie = await login(server.url, "logistics");
    await fetch(`${server.url}/settings/locale`, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ locale: "zh-CN", redirectTo: "/accounts" }),
      redirect: "manual",
    });
    const other = await (await get(server.url, "/accounts", await login(server.url, "logistics"))).text();
    expect(other).toContain("客户组合");
  });
});
