import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, login } from "../test/clients";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

function postLogin(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/login`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers,
    redirect: "manual",
  });
}

describe("sign-in", () => {
  it("right credentials redirect to the portfolio with an HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await postLogin({ email: "lead@demo.keyroom", password: "keyroom-demo" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/accounts");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const page = await get(server.url, "/accounts", cookie.split(";")[0]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Northwind Rail Systems");
  });

  it("a wrong password gets a clear message and no session", async () => {
    const res = await postLogin({ email: "lead@demo.keyroom", password: "not-the-password" });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("That email and password do not match an active account.");
  });

  it("an unknown email answers exactly like a wrong password", async () => {
    const res = await postLogin({ email: "nobody@demo.keyroom", password: "keyroom-demo" });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain("That email and password do not match an active account.");
  });

  it("a malformed form is refused with 400", async () => {
    const res = await postLogin({ email: "not-an-email" });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("redirectTo only ever leads to a path on this site", async () => {
    for (const [redirectTo, expected] of [
      ["/accounts?x=1", "/accounts?x=1"],
      ["//evil.example", "/accounts"],
      ["https://evil.example/", "/accounts"],
    ]) {
      const res = await postLogin({ email: "lead@demo.keyroom", password: "keyroom-demo", redirectTo });
      expect(res.headers.get("location")).toBe(expected);
    }
  });

  it("a deactivated user cannot sign in, and their open session stops working", async () => {
    const cookie = await login(server.url, "support");
    await server.services.db.user.update({ where: { email: "support@demo.keyroom" }, data: { active: false } });
    try {
      const res = await postLogin({ email: "support@demo.keyroom", password: "keyroom-demo" });
      expect(res.status).toBe(400);
      expect((await get(server.url, "/accounts", cookie)).status).toBe(302);
    } finally {
      await server.services.db.user.update({ where: { email: "support@demo.keyroom" }, data: { active: true } });
    }
  });

  it("each sign-in starts a new session id", async () => {
    const first = await login(server.url, "sales");
    const second = await login(server.url, "sales");
    expect(first).not.toBe(second);
  });

  it("a cross-origin POST is refused; a same-origin one is not", async () => {
    const foreign = await postLogin(
      { email: "lead@demo.keyroom", password: "keyroom-demo" },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("set-cookie")).toBeNull();
    const same = await postLogin({ email: "lead@demo.keyroom", password: "keyroom-demo" }, { origin: server.url });
    expect(same.status).toBe(302);
  });
});

describe("sign-out", () => {
  it("ends the session: the old cookie no longer opens any page", async () => {
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

describe("health", () => {
  it("GET /healthz answers 200 ok when the database answers", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
