import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKeyroom } from "../app";
import { DEMO_PASSWORD, get, login, postForm } from "../test/clients";
import { demoAccountId, NORTHWIND } from "../test/demo-data";
import { freshDataDir, startTestServer, testConfig, type TestServer } from "../test/start-test-server";

/**
 * Headers: nothing a signed-in person sees is cached, every 429
 * says when to come back, and the Content-Security-Policy is never built from
 * the Host header a client chose.
 */
let server: TestServer;
let northwind: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
});
afterAll(() => server.close());

const post = (pathname: string, fields: Record<string, string>, cookie?: string) =>
  postForm(server.url, pathname, fields, cookie ? { cookie } : {});

/** GET with a Host header of our choosing (fetch does not let one set it). */
function getWithHost(port: number, pathname: string, host: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, headers: { host } }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on("error", reject);
  });
}

const noStore = (res: Response) => expect(res.headers.get("cache-control") ?? "", res.url).toContain("no-store");

describe("Cache-Control", () => {
  it("every page and loader data a signed-in person gets is no-store", async () => {
    const cookie = await login(server.url, "lead");
    for (const path of [
      "/accounts",
      `/accounts/${northwind}`,
      `/accounts/${northwind}/actions`,
      "/accounts?_data=root",
      `/accounts?_data=${encodeURIComponent("routes/_workspace.accounts._index")}`,
      `/accounts/${northwind}?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId._index")}`,
      "/",
    ]) {
      const res = await get(server.url, path, cookie);
      expect(res.status, path).toBeLessThan(400);
      noStore(res);
    }
  });

  it("the redirects of sign-in, the language switch and sign-out are no-store", async () => {
    const signIn = await post("/login", { email: "lead@demo.keyroom", password: DEMO_PASSWORD });
    expect(signIn.status).toBe(302);
    noStore(signIn);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const locale = await post("/settings/locale", { locale: "en", redirectTo: "/accounts" }, cookie);
    expect(locale.status).toBe(302);
    noStore(locale);
    const logout = await post("/logout", {}, cookie);
    expect(logout.status).toBe(302);
    noStore(logout);
  });
});

describe("Retry-After", () => {
  it("a throttled sign-in from a plain form (a document POST) gets 429 with Retry-After and the message", async () => {
    for (let i = 0; i < 5; i++) server.services.signIns.failed("production@demo.keyroom", "198.51.100.7");
    const res = await post("/login", { email: "production@demo.keyroom", password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number.isInteger(Number(res.headers.get("retry-after")))).toBe(true);
    expect(await res.text()).toContain("Too many failed sign-ins");
    noStore(res);
  });
});

describe("Content-Security-Policy", () => {
  it("never carries the request's Host header", async () => {
    const res = await getWithHost(server.port, "/login", "evil.example:4444");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("evil.example");
  });

  it("names PUBLIC_URL's WebSocket origin, and still not the Host header", async () => {
    const configured = await startKeyroom({ ...testConfig(freshDataDir()), publicUrl: "https://keyroom.example" });
    try {
      const res = await getWithHost(configured.port, "/login", "evil.example");
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toMatch(/connect-src 'self' wss:\/\/keyroom\.example(;|$)/);
      expect(csp).not.toContain("evil.example");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    } finally {
      await configured.close();
    }
  });
});

describe("Compression", () => {
  /** Headers of a GET that accepts gzip (fetch would hide the encoding by decoding it). */
  function headersOf(pathname: string, cookie = ""): Promise<http.IncomingHttpHeaders> {
    return new Promise((resolve, reject) => {
      const headers = { "accept-encoding": "gzip, br", cookie };
      const req = http.get({ host: "127.0.0.1", port: server.port, path: pathname, headers }, (res) => {
        res.resume();
        resolve(res.headers);
      });
      req.on("error", reject);
    });
  }

  it("the scripts a page loads are compressed; the page itself is not, so its size hints at nothing on it", async () => {
    const cookie = await login(server.url, "lead");
    const html = await (await get(server.url, "/accounts", cookie)).text();
    const scripts = [...html.matchAll(/\/build\/[\w/-]+\.js/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(2);
    let compressed = 0;
    for (const script of new Set(scripts)) {
      const headers = await headersOf(script);
      expect(headers["cache-control"], script).toContain("immutable");
      // Under 1 kB it is not worth it (the middleware's threshold).
      if (Number(headers["content-length"]) < 1024) continue;
      expect(headers["content-encoding"], script).toMatch(/^(gzip|br)$/);
      compressed++;
    }
    expect(compressed).toBeGreaterThan(2);
    expect((await headersOf("/accounts", cookie))["content-encoding"]).toBeUndefined();
    expect((await headersOf("/login"))["content-encoding"]).toBeUndefined();
  });
});
