import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, get, login, synced } from "../test/clients";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let northwind: string;
let huadong: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  huadong = await demoAccountId(server.services.db, HUADONG);
});

afterAll(async () => {
  await server.close();
});

async function page(handle: string, pathname: string) {
  const res = await get(server.url, pathname, await login(server.url, handle));
  return { status: res.status, html: await res.text() };
}

describe("portfolio", () => {
  it("without a session, pages redirect to sign-in and come back", async () => {
    const res = await get(server.url, `/accounts/${northwind}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/accounts/${northwind}`)}`);
  });

  it("a member sees only their teams' accounts, with tier, ladder and lifecycle stage", async () => {
    const { html } = await page("production", "/accounts");
    expect(html).toContain(NORTHWIND);
    expect(html).not.toContain(HUADONG);
    expect(html).toContain("Strategic");
    expect(html).toContain("Supporter");
    expect(html).toContain("Loyalty");
  });

  it("executives and admins see every account", async () => {
    for (const handle of ["exec", "admin"]) {
      const { html } = await page(handle, "/accounts");
      expect(html).toContain(NORTHWIND);
      expect(html).toContain(HUADONG);
    }
  });

  it("someone on no team sees an empty portfolio that says why", async () => {
    const { status, html } = await page("outsider", "/accounts");
    expect(status).toBe(200);
    expect(html).not.toContain(NORTHWIND);
    expect(html).toContain("You are not on any account team");
  });

  it("search narrows the list", async () => {
    const { html } = await page("exec", "/accounts?q=Northwind");
    expect(html).toContain(NORTHWIND);
    expect(html).not.toContain(HUADONG);
  });
});

describe("account page", () => {
  it("shows the team grouped by department with roles, the documents and the stage history", async () => {
    const { status, html } = await page("production", `/accounts/${northwind}`);
    expect(status).toBe(200);
    for (const text of [
      "Maya Chen",
      "Team lead",
      "Production",
      "Logistics",
      "Viewer",
      "Northwind customer roadmap 2026",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain("Relationship ladder: Client → Supporter");
  });

  it("refuses anyone not on the team with 403", async () => {
    expect((await page("outsider", `/accounts/${northwind}`)).status).toBe(403);
    expect((await page("production", `/accounts/${huadong}`)).status).toBe(403);
  });

  it("answers 404 for an account that does not exist", async () => {
    expect((await page("exec", "/accounts/no-such-account")).status).toBe(404);
  });
});

describe("document page", () => {
  it("opens for a team member and refuses others", async () => {
    const docId = await demoDocId(server.services.db, HUADONG);
    const member = await page("logistics", `/accounts/${huadong}/docs/${docId}`);
    expect(member.status).toBe(200);
    expect(member.html).toContain("华东精密机械 2026 年客户路线图");
    expect((await page("production", `/accounts/${huadong}/docs/${docId}`)).status).toBe(403);
  });

  it("answers 404 when the document belongs to another account", async () => {
    const docId = await demoDocId(server.services.db, HUADONG);
    expect((await page("lead", `/accounts/${northwind}/docs/${docId}`)).status).toBe(404);
  });
});

describe("creating a document from a template", () => {
  async function create(handle: string, fields: Record<string, string>) {
    return fetch(`${server.url}/accounts/${northwind}`, {
      method: "POST",
      headers: { cookie: await login(server.url, handle) },
      body: new URLSearchParams({ intent: "create-document", ...fields }),
      redirect: "manual",
    });
  }

  const count = () => server.services.db.document.count({ where: { accountId: northwind } });

  it("a member creates a roadmap whose sections come from the template, in their language", async () => {
    const res = await create("sales", { kind: "roadmap", title: "2027 roadmap draft" });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    const docId = /\/docs\/([^/]+)$/.exec(location)?.[1] ?? "";
    expect(location).toBe(`/accounts/${northwind}/docs/${docId}`);

    const client = connectClient(server.wsUrl, docId, await login(server.url, "sales"));
    await synced(client);
    const text = client.text();
    client.destroy();
    for (const section of ["External goals", "Internal goals", "Initiatives by quarter"])
      expect(text).toContain(section);

    // support@ uses Keyroom in Chinese: the same template comes in Chinese.
    const zh = await create("support", { kind: "bill_of_rights", title: "权利清单草稿" });
    const zhId = /\/docs\/([^/]+)$/.exec(zh.headers.get("location") ?? "")?.[1] ?? "";
    const zhClient = connectClient(server.wsUrl, zhId, await login(server.url, "support"));
    await synced(zhClient);
    expect(zhClient.text()).toMatch(/[\u4e00-\u9fff]/);
    zhClient.destroy();
  });

  it("a viewer cannot create documents, and nothing is created", async () => {
    const before = await count();
    expect((await create("viewer", { kind: "roadmap", title: "Sneaky" })).status).toBe(403);
    expect((await create("outsider", { kind: "roadmap", title: "Sneaky" })).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it("an empty title or an unknown kind is refused with 400, and nothing is created", async () => {
    const before = await count();
    expect((await create("lead", { kind: "roadmap", title: "   " })).status).toBe(400);
    expect((await create("lead", { kind: "poem", title: "A poem" })).status).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe("language", () => {
  it("switching to Chinese is kept on the user and renders the whole page in zh-CN", async () => {
    const cookie = await login(server.url, "logistics");
    const res = await fetch(`${server.url}/settings/locale`, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ locale: "zh-CN", redirectTo: "/accounts" }),
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/accounts");
    const html = await (await get(server.url, "/accounts", cookie)).text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain("客户组合");
    expect(html).toContain("战略客户");
    // Kept on the profile: a new session (another browser) shows Chinese too.
    const other = await (await get(server.url, "/accounts", await login(server.url, "logistics"))).text();
    expect(other).toContain("客户组合");
  });

  it("an unknown language is refused", async () => {
    const res = await fetch(`${server.url}/settings/locale`, {
      method: "POST",
      headers: { cookie: await login(server.url, "sales") },
      body: new URLSearchParams({ locale: "fr" }),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
  });
});
