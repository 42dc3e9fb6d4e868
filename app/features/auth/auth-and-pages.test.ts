import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectClient, DEMO_PASSWORD, get, login, synced, type TestClient } from "../../../server/test/clients";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

const INVALID_LOGIN = "That email and password do not match an active account.";

function postForm(
  server: TestServer,
  pathname: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers,
    redirect: "manual",
  });
}

/** The names listed under each department heading in the account page's team card. */
function teamByDepartment(html: string): Record<string, string[]> {
  const start = html.indexOf('id="team-heading"');
  const end = html.indexOf('id="history-heading"');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  const section = html.slice(start, end);
  const groups: Record<string, string[]> = {};
  for (const chunk of section.split("<h3").slice(1)) {
    const label = /^[^>]*>([^<]*)<\/h3>/.exec(chunk)?.[1] ?? "?";
    groups[label] = [...chunk.matchAll(/class="people__name">([^<]*)</g)].map((m) => m[1]);
  }
  return groups;
}

/** The rendered stage-history card (not the serialized loader data). */
function stageHistory(html: string): string {
  const start = html.indexOf('id="history-heading"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
}

// One server for the describes that only read; the ones that change data start their own.
let server: TestServer;
let northwind: string;
let huadong: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  huadong = await demoAccountId(server.services.db, HUADONG);
});

afterAll(() => server.close());

describe("signing in", () => {
  it("right credentials redirect to /accounts with an HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await postForm(server, "/login", { email: "lead@demo.keyroom", password: DEMO_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/accounts");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^__session=[^;]+/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect((await get(server.url, "/accounts", setCookie.split(";")[0])).status).toBe(200);
  });

  it("a wrong password is refused with 400, an error message and no cookie", async () => {
    const res = await postForm(server, "/login", { email: "lead@demo.keyroom", password: "wrong-password" });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain(INVALID_LOGIN);
  });

  it("an unknown email is refused with 400 and no cookie", async () => {
    const res = await postForm(server, "/login", { email: "nobody@demo.keyroom", password: DEMO_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain(INVALID_LOGIN);
  });

  it("a form without a password is refused with 400 and no cookie", async () => {
    const res = await postForm(server, "/login", { email: "lead@demo.keyroom" });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("Enter your email and password.");
  });

  it("redirectTo leads to a path on this site, and anything else falls back to /accounts", async () => {
    const cases: Array<[string, string]> = [
      ["/accounts?page=1", "/accounts?page=1"],
      ["//evil.example", "/accounts"],
      ["https://evil.example", "/accounts"],
      ["/\\evil.example", "/accounts"],
    ];
    for (const [redirectTo, expected] of cases) {
      const res = await postForm(server, "/login", {
        email: "sales@demo.keyroom",
        password: DEMO_PASSWORD,
        redirectTo,
      });
      expect(res.status, redirectTo).toBe(302);
      expect(res.headers.get("location"), redirectTo).toBe(expected);
    }
  });

  it("a cross-origin POST to /login is refused with 403 and starts no session", async () => {
    const res = await postForm(
      server,
      "/login",
      { email: "lead@demo.keyroom", password: DEMO_PASSWORD },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("a same-origin POST to /login signs in as usual", async () => {
    const res = await postForm(
      server,
      "/login",
      { email: "lead@demo.keyroom", password: DEMO_PASSWORD },
      { origin: server.url },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("set-cookie")).toMatch(/^__session=/);
  });
});

describe("health and session gate", () => {
  it("GET /healthz answers 200 with status ok", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("GET /accounts without a session redirects to the login page, which comes back here", async () => {
    const res = await get(server.url, "/accounts?q=North");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent("/accounts?q=North")}`);
  });

  it("a forged session cookie is treated as no session", async () => {
    const res = await get(server.url, "/accounts", "__session=forged");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("after POST /logout the old cookie no longer opens the portfolio", async () => {
    const cookie = await login(server.url, "logistics");
    expect((await get(server.url, "/accounts", cookie)).status).toBe(200);
    const res = await fetch(`${server.url}/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    const after = await get(server.url, "/accounts", cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("portfolio", () => {
  async function portfolio(handle: string): Promise<string> {
    const res = await get(server.url, "/accounts", await login(server.url, handle));
    expect(res.status).toBe(200);
    return res.text();
  }

  it("a team member sees only the accounts whose team they are on", async () => {
    const html = await portfolio("production");
    expect(html).toContain(`href="/accounts/${northwind}"`);
    expect(html).toContain(NORTHWIND);
    expect(html).not.toContain(`/accounts/${huadong}`);
    expect(html).not.toContain(HUADONG);
  });

  it("an executive sees every account", async () => {
    const html = await portfolio("exec");
    expect(html).toContain(`href="/accounts/${northwind}"`);
    expect(html).toContain(`href="/accounts/${huadong}"`);
  });

  it("an admin on no team sees every account, as oversight", async () => {
    const html = await portfolio("admin");
    expect(html).toContain(`href="/accounts/${northwind}"`);
    expect(html).toContain(`href="/accounts/${huadong}"`);
    expect(html).toContain("Oversight");
  });

  it("someone on no team sees no account and the empty state", async () => {
    const html = await portfolio("outsider");
    expect(html).not.toContain(`/accounts/${northwind}`);
    expect(html).not.toContain(`/accounts/${huadong}`);
    expect(html).not.toContain(NORTHWIND);
    expect(html).not.toContain(HUADONG);
    expect(html).toContain("No accounts yet");
    expect(html).toContain("You are not on any account team.");
  });
});

describe("account page", () => {
  it("someone on no team gets 404, as for an account that does not exist", async () => {
    const res = await get(server.url, `/accounts/${northwind}`, await login(server.url, "outsider"));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Sofia Rossi");
  });

  it("a member of another account's team gets 404", async () => {
    const res = await get(server.url, `/accounts/${huadong}`, await login(server.url, "production"));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("王芳");
  });

  it("a team member sees the team grouped by department, and the stage history", async () => {
    const res = await get(server.url, `/accounts/${northwind}`, await login(server.url, "production"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(teamByDepartment(html)).toEqual({
      Sales: ["Maya Chen", "Daniel Okafor"],
      Production: ["Li Wei"],
      Logistics: ["Sofia Rossi"],
      Support: ["Zhang Min"],
      Finance: ["Tom Becker"],
      Management: ["Helen Park"],
    });
    const history = stageHistory(html);
    expect(history).toContain("First three-year framework agreement for NW-T4 traction gearboxes signed.");
    expect(history).toContain("Second year running with NPS above 45");
    expect(history).toContain("Maya Chen");
  });

  it("an unknown account id is 404 for an executive", async () => {
    const res = await get(server.url, "/accounts/no-such-account", await login(server.url, "exec"));
    expect(res.status).toBe(404);
  });
});

describe("document page", () => {
  let northwindDoc: { id: string; title: string };
  let huadongDoc: { id: string; title: string };
  beforeAll(async () => {
    const db = server.services.db;
    const doc = async (account: string) =>
      db.document.findUniqueOrThrow({
        where: { id: await demoDocId(db, account) },
        select: { id: true, title: true },
      });
    northwindDoc = await doc(NORTHWIND);
    huadongDoc = await doc(HUADONG);
  });

  it("a team member opens the document and sees its title", async () => {
    const res = await get(
      server.url,
      `/accounts/${northwind}/docs/${northwindDoc.id}`,
      await login(server.url, "production"),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`<h1>${northwindDoc.title}</h1>`);
  });

  it("a document requested under an account it does not belong to is 404, even for that account's member", async () => {
    const cookie = await login(server.url, "production");
    const res = await get(server.url, `/accounts/${northwind}/docs/${huadongDoc.id}`, cookie);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(huadongDoc.title);
  });

  it("someone not on the account's team gets 403", async () => {
    const outsider = await get(
      server.url,
      `/accounts/${northwind}/docs/${northwindDoc.id}`,
      await login(server.url, "outsider"),
    );
    expect(outsider.status).toBe(404);
    const production = await get(
      server.url,
      `/accounts/${huadong}/docs/${huadongDoc.id}`,
      await login(server.url, "production"),
    );
    expect(production.status).toBe(404);
    expect(await production.text()).not.toContain(huadongDoc.title);
  });
});

describe("creating a document", () => {
  let server: TestServer;
  let northwind: string;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    server = await startTestServer();
    northwind = await demoAccountId(server.services.db, NORTHWIND);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const countDocs = () => server.services.db.document.count({ where: { accountId: northwind } });

  function create(cookie: string, fields: Record<string, string>): Promise<Response> {
    return postForm(server, `/accounts/${northwind}`, { intent: "create-document", ...fields }, { cookie });
  }

  it("a team lead creates a roadmap: redirected to it, and it opens with the roadmap template", async () => {
    const cookie = await login(server.url, "lead");
    const before = await countDocs();
    const res = await create(cookie, { kind: "roadmap", title: "FY27 roadmap" });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    const match = new RegExp(`^/accounts/${northwind}/docs/([^/?]+)$`).exec(location);
    expect(match, location).not.toBeNull();
    const docId = match![1];
    expect(await countDocs()).toBe(before + 1);
    const row = await server.services.db.document.findUniqueOrThrow({ where: { id: docId } });
    expect(row).toMatchObject({ accountId: northwind, kind: "roadmap", title: "FY27 roadmap" });

    const page = await get(server.url, location, cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("FY27 roadmap");

    const client = connectClient(server.wsUrl, docId, cookie);
    clients.push(client);
    await synced(client);
    expect(client.text()).toContain("External goals");
    expect(client.text()).toContain("Initiatives by quarter");
  });

  it("a viewer cannot create a document: 403 and nothing is created", async () => {
    const before = await countDocs();
    const res = await create(await login(server.url, "viewer"), { kind: "roadmap", title: "Viewer's roadmap" });
    expect(res.status).toBe(403);
    expect(await countDocs()).toBe(before);
  });

  it("an executive overseeing an account it is not on cannot create there", async () => {
    await server.services.db.accountMember.deleteMany({
      where: { accountId: northwind, user: { email: "exec@demo.keyroom" } },
    });
    const before = await countDocs();
    const res = await create(await login(server.url, "exec"), { kind: "roadmap", title: "Oversight roadmap" });
    expect(res.status).toBe(403);
    expect(await countDocs()).toBe(before);
  });

  it("an empty title or an unknown kind is refused with 400 and nothing is created", async () => {
    const cookie = await login(server.url, "sales");
    const before = await countDocs();
    for (const fields of [
      { kind: "roadmap", title: "" },
      { kind: "roadmap", title: "   " },
      { kind: "memo", title: "A memo" },
      { kind: "roadmap", title: "x".repeat(161) },
    ]) {
      const res = await create(cookie, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await countDocs()).toBe(before);
  });

  it("someone not on the team cannot create a document: 404 and nothing is created", async () => {
    const before = await countDocs();
    const res = await create(await login(server.url, "outsider"), { kind: "roadmap", title: "Intruder" });
    expect(res.status).toBe(404);
    expect(await countDocs()).toBe(before);
  });

  it("a cross-origin create is refused with 403 and nothing is created", async () => {
    const cookie = await login(server.url, "lead");
    const before = await countDocs();
    const res = await postForm(
      server,
      `/accounts/${northwind}`,
      { intent: "create-document", kind: "roadmap", title: "CSRF roadmap" },
      { cookie, origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(await countDocs()).toBe(before);
  });
});

describe("language", () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  it("switching to zh-CN while signed in renders the portfolio in Chinese from then on", async () => {
    const cookie = await login(server.url, "lead");
    const englishHtml = await (await get(server.url, "/accounts", cookie)).text();
    expect(englishHtml).toContain('<html lang="en">');
    expect(englishHtml).toContain("Portfolio");

    const res = await postForm(server, "/settings/locale", { locale: "zh-CN", redirectTo: "/accounts" }, { cookie });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/accounts");

    // Only the session cookie: the choice is kept on the profile, not just in the locale cookie.
    const html = await (await get(server.url, "/accounts", cookie)).text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("客户组合");
  });

  it("an unknown locale is refused with 400 and the language stays as it was", async () => {
    const cookie = await login(server.url, "lead");
    const res = await postForm(server, "/settings/locale", { locale: "fr" }, { cookie });
    expect(res.status).toBe(400);
    const user = await server.services.db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
    expect(user.locale).toBe("en");
    expect(await (await get(server.url, "/accounts", cookie)).text()).toContain('<html lang="en">');
  });
});
