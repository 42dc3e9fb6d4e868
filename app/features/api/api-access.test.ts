import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/features/api-tokens/api-token.server";
import { demoAccountId, demoUserIds, NORTHWIND } from "../../../server/test/demo-data";
import { login } from "../../../server/test/clients";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { API_RATE } from "./rate-limit.server";
import { MAX_API_BODY_BYTES } from "./dispatch.server";
import { ErrorSchema } from "./api-schemas";
import { operations } from "./operations.server";

/** Who may call /api/v1 at all, and the answers every endpoint shares: errors, limits, ETags, the document. */
describe("/api/v1 access and conventions", () => {
  let server: TestServer;
  let users: Record<string, string>;
  let northwind: string;

  const token = async (handle: string, scope: "read" | "write" = "write", expiresAt: Date | null = null) =>
    (await createApiToken(server.services.db, users[handle], { name: "test", scope, expiresAt })).token;

  function api(path: string, init: RequestInit & { token?: string } = {}) {
    const { token: bearer, headers, ...rest } = init;
    return fetch(`${server.url}/api/v1${path}`, {
      ...rest,
      headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...(headers as Record<string, string>) },
    });
  }

  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body: unknown = await response.json();
    expect(ErrorSchema.parse(body).error.code).toBe(code);
    return body as { error: { code: string; message: string; details?: Array<{ path: string; message: string }> } };
  }

  beforeAll(async () => {
    server = await startTestServer();
    users = await demoUserIds(server.services.db);
    northwind = await demoAccountId(server.services.db, NORTHWIND);
  });
  afterAll(() => server.close());

  it("refuses a request without a token, and ignores the session cookie", async () => {
    const none = await api("/accounts");
    await expectError(none, 401, "unauthorized");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const cookie = await login(server.url, "lead");
    await expectError(await api("/accounts", { headers: { Cookie: cookie } }), 401, "unauthorized");
  });

  it("refuses unknown, revoked and expired tokens, and a deactivated user's", async () => {
    await expectError(await api("/accounts", { token: "kr_not-a-real-token" }), 401, "unauthorized");
    const { db } = server.services;
    const revoked = await createApiToken(db, users.sales, { name: "old", scope: "read", expiresAt: null });
    await db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    await expectError(await api("/accounts", { token: revoked.token }), 401, "unauthorized");
    const expired = await token("sales", "read", new Date(Date.now() - 1000));
    await expectError(await api("/accounts", { token: expired }), 401, "unauthorized");
    const support = await token("support");
    expect((await api("/accounts", { token: support })).status).toBe(200);
    await db.user.update({ where: { id: users.support }, data: { active: false } });
    await expectError(await api("/accounts", { token: support }), 401, "unauthorized");
  });

  it("lets a read-only token read but not write", async () => {
    const read = await token("lead", "read");
    expect((await api(`/accounts/${northwind}`, { token: read })).status).toBe(200);
    const write = await api(`/accounts/${northwind}/action-items`, {
      token: read,
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Nope" }),
    });
    await expectError(write, 403, "read_only_token");
  });

  it("answers unknown paths with 404 and wrong methods with 405, both in JSON", async () => {
    const lead = await token("lead");
    await expectError(await api("/nothing/here", { token: lead }), 404, "not_found");
    await expectError(await api("/nothing/here"), 404, "not_found");
    const wrong = await api("/accounts", { token: lead, method: "DELETE" });
    await expectError(wrong, 405, "method_not_allowed");
    expect(wrong.headers.get("allow")).toBe("GET, POST");
  });

  it("refuses a body that is not JSON, not valid JSON, or too big", async () => {
    const lead = await token("lead");
    const post = (body: string, type: string) =>
      api(`/accounts/${northwind}/action-items`, {
        token: lead,
        method: "POST",
        headers: { "Content-Type": type },
        body,
      });
    await expectError(await post("title=x", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
    const broken = await expectError(await post("{nope", "application/json"), 400, "invalid_request");
    expect(broken.error.details?.[0].path).toBe("body");
    const huge = JSON.stringify({ title: "x".repeat(MAX_API_BODY_BYTES) });
    await expectError(await post(huge, "application/json"), 413, "payload_too_large");
  });

  it("explains invalid query and path parameters with their paths", async () => {
    const lead = await token("lead");
    const query = await expectError(
      await api("/accounts?limit=500&tier=gold", { token: lead }),
      400,
      "invalid_request",
    );
    expect(query.error.details?.map((d) => d.path).sort()).toEqual(["query.limit", "query.tier"]);
    const cursor = await expectError(await api("/accounts?cursor=garbage", { token: lead }), 400, "invalid_request");
    expect(cursor.error.details?.[0].path).toBe("query.cursor");
    const path = await expectError(await api("/accounts/bad%20id", { token: lead }), 400, "invalid_request");
    expect(path.error.details?.[0].path).toBe("path.accountId");
  });

  it("rate-limits each token, with Retry-After, and leaves other tokens alone", async () => {
    const busy = await token("logistics", "read");
    // Three bursts at once: on a busy machine answering them takes seconds, and the bucket refills meanwhile.
    const answers = await Promise.all(
      Array.from({ length: API_RATE.burst * 3 }, () => api("/kpis/definitions", { token: busy })),
    );
    const limited = answers.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    await expectError(limited[0], 429, "rate_limited");
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await api("/kpis/definitions", { token: await token("logistics", "read") })).status).toBe(200);
  });

  it("tags every read with an ETag and answers If-None-Match with 304 and no body", async () => {
    const lead = await token("lead");
    const first = await api(`/accounts/${northwind}`, { token: lead });
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await api(`/accounts/${northwind}`, { token: lead, headers: { "If-None-Match": etag ?? "" } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await api(`/accounts/${northwind}`, { token: lead, headers: { "If-None-Match": '"stale"' } });
    expect(other.status).toBe(200);
  });

  it("documents exactly the operations it serves, publicly", async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearerAuth.scheme).toBe("bearer");
    expect(document.components.schemas.Error).toBeDefined();
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    const table = operations.map((op) => `${op.method.toUpperCase()} /api/v1${op.path} ${op.operationId}`);
    expect(documented.sort()).toEqual(table.sort());
    for (const methods of Object.values(document.paths)) {
      for (const op of Object.values(methods))
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "404"]));
    }

    // Every documented path is served: with made-up ids the answer is "no such resource", never "no such endpoint".
    const lead = await token("lead");
    for (const line of documented) {
      const [method, path] = line.split(" ");
      const url = path.replace(/\{quarter\}/g, "2020-Q1").replace(/\{\w+\}/g, "unknown-id");
      const answer = await fetch(`${server.url}${url}`, {
        method,
        headers: { Authorization: `Bearer ${lead}`, "Content-Type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      });
      const body = answer.status === 200 ? null : ((await answer.json()) as { error: { message: string } });
      expect(answer.status, line).not.toBe(405);
      expect(body?.error.message, line).not.toBe("No such endpoint");
    }
  });

  it("serves the reference page without a token", async () => {
    const page = await fetch(`${server.url}/api/v1/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/v1/accounts/{accountId}");
    expect(html).toContain("listAccounts");
  });
});
