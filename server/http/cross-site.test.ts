import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, login, postForm } from "../test/clients";
import { demoAccountId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

/**
 * Cross-site requests: a browser marks every request with
 * Sec-Fetch-Site, Origin or not. A state-changing request from another site
 * (or a sibling subdomain) is refused before any action runs; our own pages
 * and non-browser clients go on as before.
 */
let server: TestServer;
let northwind: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
});
afterAll(() => server.close());

const post = (pathname: string, fields: Record<string, string>, headers: Record<string, string>) =>
  postForm(server.url, pathname, fields, headers);

async function expectRefused(res: Response): Promise<void> {
  expect(res.status).toBe(403);
  const body = (await res.json()) as { error: { code: string; requestId: string } };
  expect(body.error.code).toBe("forbidden_site");
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
}

async function signedIn(cookie: string): Promise<boolean> {
  return (await get(server.url, "/accounts", cookie)).status === 200;
}

const countDocuments = () => server.services.db.document.count({ where: { accountId: northwind } });
const countActions = () => server.services.db.actionItem.count({ where: { accountId: northwind } });

describe("cross-site requests", () => {
  for (const site of ["cross-site", "same-site"]) {
    it(`${site}: logout, the language switch, an account action and an action item are refused and change nothing`, async () => {
      const cookie = await login(server.url, "lead");
      const headers = { cookie, "sec-fetch-site": site };

      await expectRefused(await post("/logout", {}, headers));
      expect(await signedIn(cookie), "the session survives").toBe(true);

      const before = await server.services.db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
      await expectRefused(await post("/settings/locale", { locale: "zh-CN", redirectTo: "/accounts" }, headers));
      const after = await server.services.db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
      expect(after.locale).toBe(before.locale);

      const documents = await countDocuments();
      await expectRefused(
        await post(`/accounts/${northwind}`, { intent: "create-document", kind: "roadmap", title: "CSRF" }, headers),
      );
      expect(await countDocuments()).toBe(documents);

      const actions = await countActions();
      await expectRefused(await post(`/accounts/${northwind}/actions`, { intent: "create", title: "CSRF" }, headers));
      expect(await countActions()).toBe(actions);

      await expectRefused(
        await post("/login", { email: "sales@demo.keyroom", password: "keyroom-demo" }, { "sec-fetch-site": site }),
      );
    });
  }

  it("a browser's own pages (same-origin), typed navigation (none) and non-browser clients still work", async () => {
    const actions = await countActions();
    const variants: Array<Record<string, string>> = [
      { "sec-fetch-site": "same-origin", origin: server.url },
      { "sec-fetch-site": "none" },
      {},
    ];
    for (const headers of variants) {
      const cookie = await login(server.url, "lead");
      const created = await post(
        `/accounts/${northwind}/actions?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.actions")}`,
        { intent: "create", title: "Same-origin follow-up" },
        { cookie, ...headers },
      );
      expect(created.status, JSON.stringify(headers)).toBe(200);
      const locale = await post("/settings/locale", { locale: "en", redirectTo: "/accounts" }, { cookie, ...headers });
      expect(locale.status, JSON.stringify(headers)).toBe(302);
      const logout = await post("/logout", {}, { cookie, ...headers });
      expect(logout.status, JSON.stringify(headers)).toBe(302);
      expect(await signedIn(cookie), "the session ended").toBe(false);
    }
    expect(await countActions()).toBe(actions + 3);
  });

  it("reading stays open: a cross-site GET (a link from elsewhere) is served", async () => {
    const cookie = await login(server.url, "lead");
    const res = await fetch(`${server.url}/accounts`, { headers: { cookie, "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(200);
  });
});
