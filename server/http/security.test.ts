import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Limits } from "~/shared/limits";
import { SESSION_IDLE_MS } from "~/features/auth/session.server";
import { connectClient, get, login, synced, waitFor } from "../test/clients";
import { connected, connectHub, request } from "../test/hub-client";
import { demoAccountId } from "../test/demo-data";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(undefined, { sessionSweepMs: 200 });
});
afterAll(async () => {
  await server.close();
});

/** The session row a cookie names, as the server reads it. */
async function sessionId(cookie: string): Promise<string> {
  const id: unknown = await server.services.sessionCookie.parse(cookie);
  if (typeof id !== "string") throw new Error("no session in cookie");
  return id;
}

describe("security headers", () => {
  it("every page carries a strict CSP whose nonce is on each inline script, and the hardening headers", async () => {
    const cookie = await login(server.url, "lead");
    for (const path of ["/login", "/accounts"]) {
      const res = await get(server.url, path, path === "/login" ? undefined : cookie);
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      const html = await res.text();
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1] ?? "");
      expect(inline.length).toBeGreaterThan(0);
      for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("x-robots-tag")).toContain("noindex");
    }
  });

  it("each response gets its own nonce", async () => {
    const nonces = await Promise.all(
      [1, 2].map(
        async () =>
          /'nonce-([^']+)'/.exec((await get(server.url, "/login")).headers.get("content-security-policy") ?? "")?.[1],
      ),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe("request body limits", () => {
  it("refuses a body over the limit with 413 before reading it, and the server keeps serving", async () => {
    const cookie = await login(server.url, "lead");
    const big = "x".repeat(Limits.maxHttpBodyBytes + 1);
    const res = await fetch(`${server.url}/login`, { method: "POST", headers: { cookie }, body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_large");
    expect((await get(server.url, "/healthz")).status).toBe(200);
  });

  it("refuses a chunked body without a declared length", async () => {
    const url = new URL(`${server.url}/login`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "transfer-encoding": "chunked" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write("email=a");
      req.end();
    });
    expect(status).toBe(411);
  });
});

describe("socket.io payloads", () => {
  it("a hub message over the size limit disconnects that socket only; others carry on", async () => {
    const northwind = await demoAccountId(server.services.db, NORTHWIND);
    const flooder = await connected(connectHub(server.url, await login(server.url, "sales")));
    const bystander = await connected(connectHub(server.url, await login(server.url, "production")));
    const gone = new Promise<string>((resolve) => flooder.on("disconnect", (reason) => resolve(reason)));
    flooder.emit("account:join", { accountId: "x".repeat(Limits.maxHubMessageBytes + 1) }, () => {});
    expect(await gone).toBe("transport close");
    expect(await request(bystander, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
    bystander.disconnect();
  });
});

describe("sign-in throttling", () => {
  // Every attempt comes from 127.0.0.1; the per-address limit is exercised on the throttle below.
  const attempt = (email: string, password: string) =>
    fetch(`${server.url}/login?_data=routes%2Flogin`, {
      method: "POST",
      body: new URLSearchParams({ email, password }),
      redirect: "manual",
    });

  it("locks an account after five wrong passwords, with a clear message, even for the right one", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt("support@demo.keyroom", "wrong")).status).toBe(400);
    const locked = await attempt("support@demo.keyroom", "wrong");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await locked.json()) as { error: string; minutes: number }).error).toBe("login.throttled");
    // The right password does not get through while the account is locked.
    expect((await attempt("support@demo.keyroom", "keyroom-demo")).status).toBe(429);
    // Another account from the same address still signs in.
    expect((await attempt("sales@demo.keyroom", "keyroom-demo")).status).toBe(204);
  });

  it("limits wrong passwords across many accounts from one address", () => {
    const throttle = server.services.signIns;
    for (let i = 0; i < 30; i++) throttle.failed(`nobody${i}@example.com`, "203.0.113.9");
    expect(throttle.retryAfter("someone-else@example.com", "203.0.113.9")).toBeGreaterThan(0);
    expect(throttle.retryAfter("someone-else@example.com", "198.51.100.1")).toBe(0);
  });
});

describe("session lifetime", () => {
  it("a session idle for longer than the limit ends: the next request is sent to sign in and the row is gone", async () => {
    const cookie = await login(server.url, "production");
    expect((await get(server.url, "/accounts", cookie)).status).toBe(200);
    await server.services.db.session.update({
      where: { id: await sessionId(cookie) },
      data: { lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) },
    });
    const res = await get(server.url, "/accounts", cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    expect(await server.services.db.session.count({ where: { id: await sessionId(cookie) } })).toBe(0);
  });

  it("deactivating a user closes their live collab connection through the sweeper", async () => {
    const cookie = await login(server.url, "viewer");
    const doc = await demoDocId(server.services.db, NORTHWIND);
    const client = connectClient(server.wsUrl, doc, cookie);
    const user = await server.services.db.user.findUniqueOrThrow({ where: { email: "viewer@demo.keyroom" } });
    try {
      await synced(client);
      const closes: number[] = [];
      client.provider.ws?.addEventListener("close", (event) => closes.push(event.code));
      await server.services.db.user.update({ where: { id: user.id }, data: { active: false } });
      await waitFor(() => closes.length > 0, "the collab socket to close");
      expect(await server.services.db.session.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      client.destroy();
      await server.services.db.user.update({ where: { id: user.id }, data: { active: true } });
    }
  });

  it("an expired session's live collab connection is closed by the sweeper", async () => {
    const cookie = await login(server.url, "logistics");
    const doc = await demoDocId(server.services.db, NORTHWIND);
    const client = connectClient(server.wsUrl, doc, cookie);
    try {
      await synced(client);
      await server.services.db.session.update({
        where: { id: await sessionId(cookie) },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const closes: number[] = [];
      client.provider.ws?.addEventListener("close", (event) => closes.push(event.code));
      await waitFor(() => closes.length > 0, "the collab socket to close");
      expect(await server.services.db.session.count({ where: { id: await sessionId(cookie) } })).toBe(0);
    } finally {
      client.destroy();
    }
  });
});
