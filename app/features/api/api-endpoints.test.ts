import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/features/api-tokens/api-token.server";
import { requestApproval } from "~/features/approvals/approval-commands.server";
import { demoAccountId, demoDocId, demoUserIds, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { operations } from "./operations.server";

/**
 * Every endpoint's happy path over real HTTP, with what each user may not do
 * beside it. Each success body is kept and checked at the end against the
 * operation's own response schema: the one the OpenAPI document is made from.
 */
describe("/api/v1 endpoints", () => {
  let server: TestServer;
  let users: Record<string, string>;
  let northwind: string;
  let huadong: string;
  let roadmap: string;
  const tokens: Record<string, string> = {};
  const served = new Map<string, unknown>();

  async function call(
    handle: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${tokens[handle]}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get("content-type") ?? "";
    const parsed = type.startsWith("application/json") ? await response.json() : await response.text();
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** A success, remembered under its operation for the schema check. */
  async function ok(operationId: string, handle: string, method: string, path: string, body?: unknown) {
    const result = await call(handle, method, path, body);
    expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
    served.set(operationId, result.body);
    return result.body as Record<string, unknown> & { data: Array<Record<string, unknown>> };
  }

  beforeAll(async () => {
    server = await startTestServer();
    const { db } = server.services;
    users = await demoUserIds(db);
    northwind = await demoAccountId(db, NORTHWIND);
    huadong = await demoAccountId(db, HUADONG);
    roadmap = await demoDocId(db, NORTHWIND);
    for (const handle of ["lead", "logistics", "viewer", "admin", "wang.fang", "exec"]) {
      tokens[handle] = (
        await createApiToken(db, users[handle], { name: "test", scope: "write", expiresAt: null })
      ).token;
    }
  });
  afterAll(() => server.close());

  it("lists the accounts a user may see, filters them and pages through them", async () => {
    const mine = await ok("listAccounts", "wang.fang", "GET", "/accounts");
    expect(mine.data.map((a) => a.name)).toEqual([HUADONG]);
    const all = await call("exec", "GET", "/accounts?limit=1");
    const page = all.body as { data: Array<{ name: string }>; nextCursor: string | null };
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = (await call("exec", "GET", `/accounts?limit=1&cursor=${page.nextCursor}`)).body as typeof page;
    expect(next.data[0].name > page.data[0].name).toBe(true);
    const strategic = (await call("exec", "GET", "/accounts?tier=strategic&limit=200")).body as typeof page;
    expect(strategic.data.every((a) => (a as unknown as { tier: string }).tier === "strategic")).toBe(true);
    const found = (await call("exec", "GET", `/accounts?q=${encodeURIComponent("Northwind")}`)).body as typeof page;
    expect(found.data.map((a) => a.name)).toEqual([NORTHWIND]);
  });

  it("leaves archived accounts out unless asked", async () => {
    const { db } = server.services;
    const archived = await db.account.create({
      data: {
        name: "Zz Archived Co",
        industry: "",
        tier: "key",
        ladderStage: "customer",
        lifecycleStage: "connect",
        archivedAt: new Date(),
      },
    });
    const names = async (query: string) =>
      ((await call("admin", "GET", `/accounts?limit=200${query}`)).body as { data: Array<{ id: string }> }).data.map(
        (a) => a.id,
      );
    expect(await names("")).not.toContain(archived.id);
    expect(await names("&archived=true")).toContain(archived.id);
  });

  it("gets an account, and answers another team's account like an unknown one", async () => {
    const account = await ok("getAccount", "lead", "GET", `/accounts/${northwind}`);
    expect(account.name).toBe(NORTHWIND);
    const other = await call("wang.fang", "GET", `/accounts/${northwind}`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    expect((await call("wang.fang", "GET", `/accounts/no-such-account`)).status).toBe(404);
  });

  it("lets an admin create an account, refuses others and explains a bad body", async () => {
    const body = { name: "API Created Ltd", tier: "growth", ownerEmail: "lead@demo.keyroom" };
    const created = await call("admin", "POST", "/accounts", body);
    expect(created.status).toBe(201);
    served.set("createAccount", created.body);
    expect((await call("lead", "POST", "/accounts", { ...body, name: "Other" })).status).toBe(403);
    expect((await call("admin", "POST", "/accounts", body)).status).toBe(409);
    const invalid = await call("admin", "POST", "/accounts", { name: "", tier: "gold" });
    expect(invalid.status).toBe(400);
    const error = (invalid.body as { error: { code: string; details: Array<{ path: string }> } }).error;
    expect(error.code).toBe("invalid_request");
    expect(error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(["body.name", "body.tier", "body.ownerEmail"]),
    );
  });

  it("moves an account's stage for its lead only, and records the change", async () => {
    const current = (await call("lead", "GET", `/accounts/${northwind}`)).body as { ladderStage: string };
    const value = current.ladderStage === "partner" ? "advocate" : "partner";
    const moved = await ok("updateAccount", "lead", "PATCH", `/accounts/${northwind}`, {
      ladderStage: value,
      note: "via API",
    });
    expect(moved.ladderStage).toBe(value);
    const change = await server.services.db.stageChange.findFirst({
      where: { accountId: northwind, toValue: value, note: "via API" },
    });
    expect(change).not.toBeNull();
    expect((await call("logistics", "PATCH", `/accounts/${northwind}`, { tier: "key" })).status).toBe(403);
    expect((await call("wang.fang", "PATCH", `/accounts/${northwind}`, { tier: "key" })).status).toBe(404);
  });

  it("lists the team, documents, versions and their content", async () => {
    const members = await ok("listMembers", "viewer", "GET", `/accounts/${northwind}/members`);
    expect(members.data.map((m) => m.email)).toContain("lead@demo.keyroom");
    const documents = await ok("listDocuments", "viewer", "GET", `/accounts/${northwind}/documents`);
    expect(documents.data.map((d) => d.id)).toContain(roadmap);
    expect((await call("wang.fang", "GET", `/accounts/${northwind}/documents`)).status).toBe(404);

    await ok("getDocument", "viewer", "GET", `/documents/${roadmap}`);
    expect((await call("wang.fang", "GET", `/documents/${roadmap}`)).status).toBe(404);
    const content = await ok("getDocumentContent", "viewer", "GET", `/documents/${roadmap}/content`);
    expect((content.content as { type: string }).type).toBe("doc");
    const markdown = await call("viewer", "GET", `/documents/${roadmap}/markdown`);
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(String(markdown.body)).toMatch(/^# /);
    served.set("exportDocumentMarkdown", markdown.body);

    const { db } = server.services;
    const version = await db.docVersion.findFirst({ where: { documentId: roadmap }, select: { id: true } });
    const versions = await ok("listVersions", "viewer", "GET", `/documents/${roadmap}/versions`);
    expect(versions.data.map((v) => v.id)).toContain(version?.id);
    const one = await ok("getVersion", "viewer", "GET", `/documents/${roadmap}/versions/${version?.id}`);
    expect((one.content as { type: string }).type).toBe("doc");
    expect((await call("wang.fang", "GET", `/documents/${roadmap}/versions`)).status).toBe(404);
  });

  it("lists approval rounds and lets the right department sign a step", async () => {
    const doc = await server.services.db.document.findUniqueOrThrow({
      where: { id: roadmap },
      select: { id: true, accountId: true, title: true, kind: true },
    });
    const { requestId } = await requestApproval(server.services, { id: users.lead, workspaceRole: "member" }, doc, {
      departments: ["logistics"],
      executive: false,
      note: "API test",
    });
    const rounds = await ok("listApprovals", "viewer", "GET", `/documents/${roadmap}/approvals`);
    expect(rounds.data[0].id).toBe(requestId);
    await ok("getApproval", "viewer", "GET", `/documents/${roadmap}/approvals/${requestId}`);

    const path = `/documents/${roadmap}/approvals/${requestId}/decisions`;
    const wrongPerson = await call("viewer", "POST", path, { step: "logistics", decision: "approved" });
    expect(wrongPerson.status).toBe(403);
    const signed = await ok("decideApproval", "logistics", "POST", path, { step: "logistics", decision: "approved" });
    const steps = signed.steps as Array<{ key: string; decision: string }>;
    expect(steps.find((step) => step.key === "logistics")?.decision).toBe("approved");
    const again = await call("logistics", "POST", path, { step: "logistics", decision: "approved" });
    expect(again.status).toBe(409);
    expect((await call("logistics", "POST", path, { step: "logistics", decision: "maybe" })).status).toBe(400);
  });

  it("lists reviews and gets one", async () => {
    const { db } = server.services;
    const review = await db.review.create({
      data: {
        accountId: northwind,
        quarter: "2026-Q1",
        scheduledAt: new Date("2026-03-01T09:00:00Z"),
        createdById: users.lead,
        agenda: { create: { position: 0, kind: "custom", title: "Results", plannedMinutes: 10 } },
      },
    });
    const reviews = await ok("listReviews", "viewer", "GET", `/accounts/${northwind}/reviews`);
    expect(reviews.data.map((r) => r.id)).toContain(review.id);
    const one = await ok("getReview", "viewer", "GET", `/reviews/${review.id}`);
    expect((one.agenda as unknown[]).length).toBe(1);
    expect((await call("wang.fang", "GET", `/reviews/${review.id}`)).status).toBe(404);
    expect((await call("wang.fang", "GET", `/accounts/${northwind}/reviews`)).status).toBe(404);
  });

  it("creates, reads, changes and lists action items", async () => {
    const created = await call("lead", "POST", `/accounts/${northwind}/action-items`, {
      title: "Send the API spec",
      assigneeId: users.logistics,
      dueDate: "2030-01-31",
      department: "logistics",
    });
    expect(created.status).toBe(201);
    served.set("createActionItem", created.body);
    const id = (created.body as { id: string }).id;
    await ok("getActionItem", "viewer", "GET", `/action-items/${id}`);
    const done = await ok("updateActionItem", "logistics", "PATCH", `/action-items/${id}`, { status: "done" });
    expect(done.status).toBe("done");
    const listed = await ok("listActionItems", "viewer", "GET", `/accounts/${northwind}/action-items?status=all`);
    expect(listed.data.map((item) => item.id)).toContain(id);

    expect((await call("viewer", "PATCH", `/action-items/${id}`, { status: "open" })).status).toBe(403);
    expect((await call("wang.fang", "PATCH", `/action-items/${id}`, { status: "open" })).status).toBe(404);
    expect((await call("wang.fang", "GET", `/action-items/${id}`)).status).toBe(404);
    const badAssignee = await call("lead", "POST", `/accounts/${northwind}/action-items`, {
      title: "x",
      assigneeId: users["wang.fang"],
    });
    expect(badAssignee.status).toBe(400);
    expect((badAssignee.body as { error: { details: Array<{ path: string }> } }).error.details[0].path).toBe(
      "body.assigneeId",
    );
  });

  it("writes are in the audit log under their operation", async () => {
    const { db } = server.services;
    const logged = async () =>
      db.auditEvent.findFirst({ where: { action: "api.createActionItem", channel: "api", actorId: users.lead } });
    for (let i = 0; i < 50 && !(await logged()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await logged()).toMatchObject({ accountId: northwind, objectType: "actionItem" });
  });

  it("lists KPI definitions and values, and saves a quarter's values at once", async () => {
    const definitions = await ok("listKpiDefinitions", "wang.fang", "GET", "/kpis/definitions");
    const keys = definitions.data.map((d) => d.key as string);
    const kpis = await ok("listKpiValues", "viewer", "GET", `/accounts/${northwind}/kpis`);
    const quarter = (kpis.quarters as string[]).at(-2) ?? "";
    const percent = definitions.data.find((d) => d.unit === "percent")?.key as string;
    const saved = await ok("saveQuarterKpis", "lead", "PUT", `/accounts/${northwind}/kpis/${quarter}`, {
      values: { [percent]: 42 },
    });
    expect((saved.values as Record<string, Record<string, number>>)[quarter][percent]).toBe(42);
    const refused = await call("lead", "PUT", `/accounts/${northwind}/kpis/${quarter}`, {
      values: { [percent]: 420, [keys[0] === percent ? keys[1] : keys[0]]: null },
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { error: { details: Array<{ path: string }> } }).error.details[0].path).toBe(
      `body.values.${percent}`,
    );
    expect((await call("viewer", "PUT", `/accounts/${northwind}/kpis/${quarter}`, { values: {} })).status).toBe(403);
    expect((await call("wang.fang", "GET", `/accounts/${northwind}/kpis`)).status).toBe(404);
  });

  it("lists revealed assessments and net value rounds", async () => {
    await ok("listAssessments", "wang.fang", "GET", `/accounts/${huadong}/assessments`);
    await ok("listNetValue", "wang.fang", "GET", `/accounts/${huadong}/net-value`);
    expect((await call("wang.fang", "GET", `/accounts/${northwind}/net-value`)).status).toBe(404);
  });

  it("served every operation, and every body matches the operation's response schema", () => {
    for (const operation of operations) {
      expect(served.has(operation.operationId), `${operation.operationId} not exercised`).toBe(true);
      const result = operation.response.safeParse(served.get(operation.operationId));
      expect(result.success, `${operation.operationId}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });
});
