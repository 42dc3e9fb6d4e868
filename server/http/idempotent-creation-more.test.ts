import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recentQuarters } from "~/features/kpis/kpi";
import type { Db } from "~/utils/db.server";
import { get } from "../test/clients";
import { demoAccountId, demoDocId, demoUserIds, NORTHWIND } from "../test/demo-data";
import { People } from "../test/people";
import { startTestServer, type TestServer } from "../test/start-test-server";

/**
 * Nothing lost, for the creates idempotent-creation.test.ts does not
 * cover: scheduling a review, requesting an approval, saving a version and
 * creating a document. A retried submit (double click, resend, two tabs) with
 * the same clientId creates one thing and answers like the first; without a
 * clientId creation works as before. And a committed write never answers 500
 * because what follows it (a count, a push, a notification) failed.
 */
let server: TestServer;
let northwind: string;
let roadmap: string;
let plan: string;
let ids: Record<string, string>;
const people = new People(() => server);
const db = () => server.services.db;

const REVIEWS_ROUTE = "routes/_workspace.accounts.$accountId.reviews._index";
const APPROVAL_ROUTE = "routes/_workspace.accounts.$accountId.docs.$docId_.approval";
const VERSIONS_ROUTE = "routes/_workspace.accounts.$accountId.docs.$docId_.versions";
const ACCOUNT_ROUTE = "routes/_workspace.accounts.$accountId._index";
const KPIS_ROUTE = "routes/_workspace.accounts.$accountId.kpis";
const NOTIFICATIONS_ROUTE = "routes/_workspace.notifications";

type Fields = Record<string, string> | [string, string][];

/** Posts a form as `handle`; with `_data`, a redirect is a 204 whose target is in X-Remix-Redirect. */
async function post(handle: string, pathname: string, fields: Fields, route: string) {
  const res = await fetch(`${server.url}${pathname}?_data=${encodeURIComponent(route)}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  const text = await res.text();
  return {
    status: res.status,
    redirect: res.headers.get("x-remix-redirect"),
    body: res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as unknown) : text,
  };
}

const twice = async <T>(send: () => Promise<T>) => [await send(), await send()];
const atOnce = <T>(send: () => Promise<T>, n = 3) => Promise.all(Array.from({ length: n }, send));
const BAD_IDS = ["short", "x".repeat(101), "has space in it", "<script>alert(1)</script>"];

/** A loader's data as `handle`. */
async function loaded<T>(handle: string, pathname: string, route: string): Promise<T> {
  const res = await get(server.url, `${pathname}?_data=${encodeURIComponent(route)}`, await people.cookie(handle));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** The clientId a page renders into its creating form (works before hydration). */
async function renderedClientId(handle: string, pathname: string): Promise<string | undefined> {
  const res = await get(server.url, pathname, await people.cookie(handle));
  return /<input type="hidden" name="clientId" value="([^"]+)"/.exec(await res.text())?.[1];
}

/**
 * Fault injection: the real database client, with one model's method replaced
 * (failing like a broken query, or answering like a race) while `work` runs;
 * everything else is the real thing.
 */
async function replaced<T>(
  model: "notification" | "user" | "kpiDefinition",
  method: string,
  replacement: () => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const real = server.services.db;
  server.services.db = new Proxy(real, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (property !== model) return typeof value === "function" ? (value as () => unknown).bind(target) : value;
      return new Proxy(value as object, {
        get(delegate, name) {
          return name === method ? replacement : (Reflect.get(delegate, name) as unknown);
        },
      });
    },
  }) as Db;
  try {
    return await work();
  } finally {
    server.services.db = real;
  }
}

const failing = <T>(model: "notification" | "user", method: string, work: () => Promise<T>) =>
  replaced(model, method, () => Promise.reject(new Error(`injected: ${model}.${method}`)), work);

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(db(), NORTHWIND);
  roadmap = await demoDocId(db(), NORTHWIND);
  plan = await demoDocId(db(), NORTHWIND, "account_plan");
  ids = await demoUserIds(db());
});
afterAll(() => server.close());

describe("scheduling a review", () => {
  const [, , quarter] = recentQuarters(new Date(), 4);
  const fields = (title: string, clientId?: string): [string, string][] => [
    ["intent", "schedule"],
    ["quarter", quarter ?? ""],
    ["scheduledAt", "2030-01-15T09:00"],
    ["tzOffset", "0"],
    ["attendees", ids.lead],
    ["attendees", ids.sales],
    ["agendaKind", "custom"],
    ["agendaTitle", title],
    ["agendaMinutes", "10"],
    ...(clientId ? [["clientId", clientId] as [string, string]] : []),
  ];
  const schedule = (title: string, clientId?: string) =>
    post("lead", `/accounts/${northwind}/reviews`, fields(title, clientId), REVIEWS_ROUTE);
  const reviewsTitled = (title: string) => db().review.count({ where: { agenda: { some: { title } } } });

  it("the same submit twice, in a row or at once, schedules one review and opens it each time", async () => {
    const clientId = randomUUID();
    const sequential = await twice(() => schedule("Retried review", clientId));
    expect(sequential[0]).toMatchObject({ status: 204, redirect: expect.stringMatching(/\/reviews\/[^/]+$/) });
    expect(sequential[1]).toEqual(sequential[0]);
    const raced = randomUUID();
    const concurrent = await atOnce(() => schedule("Raced review", raced));
    expect(new Set(concurrent.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(concurrent[0]).toMatchObject({ status: 204 });

    expect(await reviewsTitled("Retried review")).toBe(1);
    expect(await reviewsTitled("Raced review")).toBe(1);
    // Told once: one invitation, one feed entry.
    const review = await db().review.findUniqueOrThrow({
      where: { createdById_clientId: { createdById: ids.lead, clientId } },
    });
    expect(
      await db().notification.count({
        where: { kind: "review_scheduled", userId: ids.sales, link: { endsWith: review.id } },
      }),
    ).toBe(1);
    expect(await db().activity.count({ where: { kind: "review_scheduled", detail: review.id } })).toBe(1);
  });

  it("different clientIds, and no clientId, schedule as before; a malformed one is refused", async () => {
    await schedule("Two reviews", randomUUID());
    await schedule("Two reviews", randomUUID());
    await schedule("No id review");
    await schedule("No id review");
    expect(await reviewsTitled("Two reviews")).toBe(2);
    expect(await reviewsTitled("No id review")).toBe(2);
    for (const clientId of BAD_IDS) expect((await schedule("Bad id review", clientId)).status).toBe(400);
    expect(await reviewsTitled("Bad id review")).toBe(0);
  });

  it("the page renders a fresh clientId into the schedule form", async () => {
    const first = await renderedClientId("lead", `/accounts/${northwind}/reviews`);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await renderedClientId("lead", `/accounts/${northwind}/reviews`)).not.toBe(first);
  });
});

describe("requesting an approval", () => {
  const request = (note: string, clientId?: string, doc = plan) =>
    post(
      "lead",
      `/accounts/${northwind}/docs/${doc}/approval`,
      { intent: "request-approval", departments: "sales", note, ...(clientId ? { clientId } : {}) },
      APPROVAL_ROUTE,
    );
  const frozen = (doc = plan) => db().docVersion.count({ where: { documentId: doc, reason: "approval" } });

  it("the same request twice, in a row or at once, opens one round, freezes one version and stays in review", async () => {
    const versionsBefore = await frozen();
    const clientId = randomUUID();
    const sequential = await twice(() => request("Retried request", clientId));
    expect(sequential).toEqual([
      { status: 200, redirect: null, body: { ok: true, error: null } },
      { status: 200, redirect: null, body: { ok: true, error: null } },
    ]);
    const asked = await db().notification.count({ where: { kind: "approval_requested", excerpt: "Retried request" } });
    expect(asked).toBeGreaterThan(0);

    const raced = randomUUID();
    const concurrent = await atOnce(() => request("Raced request", raced));
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200]);

    const rounds = await db().approvalRequest.findMany({ where: { documentId: plan }, orderBy: { createdAt: "asc" } });
    expect(rounds.map((r) => r.note)).toEqual(["Retried request", "Raced request"]);
    // The resend did not supersede the round it repeats with a copy.
    expect(rounds.map((r) => r.status)).toEqual(["superseded", "in_review"]);
    expect(await frozen()).toBe(versionsBefore + 2);
    expect(await db().notification.count({ where: { kind: "approval_requested", excerpt: "Retried request" } })).toBe(
      asked,
    );
    expect(await db().activity.count({ where: { kind: "approval_requested", detail: "Raced request" } })).toBe(1);
  });

  it("different clientIds, and no clientId, open rounds as before; a malformed one is refused", async () => {
    const before = await db().approvalRequest.count({ where: { documentId: plan } });
    await request("Again", randomUUID());
    await request("Again", randomUUID());
    await request("Again without id");
    expect(await db().approvalRequest.count({ where: { documentId: plan } })).toBe(before + 3);
    for (const clientId of BAD_IDS) expect((await request("Bad id", clientId)).status).toBe(400);
    expect(await db().approvalRequest.count({ where: { note: "Bad id" } })).toBe(0);
    // The same id on another document is a client's mistake, refused, not a retry.
    const clientId = randomUUID();
    await request("Here", clientId);
    expect((await request("There", clientId, roadmap)).status).toBe(409);
    expect(await db().approvalRequest.count({ where: { note: "There" } })).toBe(0);
  });

  it("the page renders a fresh clientId into the request form", async () => {
    const first = await renderedClientId("lead", `/accounts/${northwind}/docs/${plan}/approval`);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await renderedClientId("lead", `/accounts/${northwind}/docs/${plan}/approval`)).not.toBe(first);
  });

  it("a stored request answers success when telling the signers fails", async () => {
    const answer = await failing("user", "findMany", () => request("Nobody told"));
    expect(answer).toEqual({ status: 200, redirect: null, body: { ok: true, error: null } });
    const round = await db().approvalRequest.findFirstOrThrow({ where: { note: "Nobody told" } });
    expect(round.status).toBe("in_review");
  });

  it("a stored signature answers success when telling the team fails", async () => {
    expect((await request("Sign while the hub is down")).status).toBe(200);
    const round = await db().approvalRequest.findFirstOrThrow({ where: { note: "Sign while the hub is down" } });
    const decided = await failing("user", "findMany", () =>
      post(
        "sales",
        `/accounts/${northwind}/docs/${plan}/approval`,
        { intent: "decide", requestId: round.id, step: "sales", decision: "approved", comment: "" },
        APPROVAL_ROUTE,
      ),
    );
    expect(decided).toEqual({ status: 200, redirect: null, body: { ok: true, error: null } });
    expect(await db().approvalStep.findFirstOrThrow({ where: { requestId: round.id } })).toMatchObject({
      decision: "approved",
      deciderId: ids.sales,
    });
  });
});

describe("saving a named version", () => {
  const save = (name: string, clientId?: string) =>
    post(
      "sales",
      `/accounts/${northwind}/docs/${roadmap}/versions`,
      { intent: "save-version", name, ...(clientId ? { clientId } : {}) },
      VERSIONS_ROUTE,
    );
  const named = (name: string) => db().docVersion.count({ where: { documentId: roadmap, name } });

  it("the same save twice, in a row or at once, stores one version and answers the same", async () => {
    const ok = { status: 200, redirect: null, body: { ok: true, error: null } };
    const clientId = randomUUID();
    expect(await twice(() => save("Retried version", clientId))).toEqual([ok, ok]);
    const raced = randomUUID();
    expect(await atOnce(() => save("Raced version", raced))).toEqual([ok, ok, ok]);
    expect(await named("Retried version")).toBe(1);
    expect(await named("Raced version")).toBe(1);
    expect(await db().activity.count({ where: { kind: "version_saved", detail: "Raced version" } })).toBe(1);
  });

  it("different clientIds, and no clientId, save as before; a malformed one is refused", async () => {
    await save("Two versions", randomUUID());
    await save("Two versions", randomUUID());
    await save("No id version");
    await save("No id version");
    expect(await named("Two versions")).toBe(2);
    expect(await named("No id version")).toBe(2);
    for (const clientId of BAD_IDS) expect((await save("Bad id version", clientId)).status).toBe(400);
    expect(await named("Bad id version")).toBe(0);
  });

  it("the page hands the save form a fresh clientId with every load", async () => {
    const pathname = `/accounts/${northwind}/docs/${roadmap}/versions`;
    const first = (await loaded<{ clientId: string }>("sales", pathname, VERSIONS_ROUTE)).clientId;
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect((await loaded<{ clientId: string }>("sales", pathname, VERSIONS_ROUTE)).clientId).not.toBe(first);
    expect(await renderedClientId("sales", pathname)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("restoring a version", () => {
  it("answers success when the restored comment anchors cannot be stored after the restore", async () => {
    const pathname = `/accounts/${northwind}/docs/${roadmap}/versions`;
    const threads = await db().commentThread.count({ where: { documentId: roadmap } });
    expect(threads).toBeGreaterThan(0);
    expect((await post("sales", pathname, { intent: "save-version", name: "To restore" }, VERSIONS_ROUTE)).status).toBe(
      200,
    );
    const version = await db().docVersion.findFirstOrThrow({ where: { documentId: roadmap, name: "To restore" } });
    // A real database fault after the restore's own write: comment threads refuse updates.
    await db().$executeRawUnsafe(
      "CREATE TRIGGER refuse_anchors BEFORE UPDATE ON CommentThread BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    try {
      const restored = await post(
        "sales",
        pathname,
        { intent: "restore-version", versionId: version.id },
        VERSIONS_ROUTE,
      );
      expect(restored).toEqual({ status: 200, redirect: null, body: { ok: true, error: null } });
    } finally {
      await db().$executeRawUnsafe("DROP TRIGGER refuse_anchors");
    }
    expect(await db().activity.count({ where: { kind: "version_restored", documentId: roadmap } })).toBe(1);
  });
});

describe("creating a document", () => {
  const create = (title: string, clientId?: string) =>
    post(
      "sales",
      `/accounts/${northwind}`,
      { intent: "create-document", kind: "account_plan", title, ...(clientId ? { clientId } : {}) },
      ACCOUNT_ROUTE,
    );
  const titled = (title: string) => db().document.count({ where: { accountId: northwind, title } });

  it("the same submit twice, in a row or at once, creates one document and opens it each time", async () => {
    const clientId = randomUUID();
    const sequential = await twice(() => create("Retried plan", clientId));
    expect(sequential[0]).toMatchObject({ status: 204, redirect: expect.stringMatching(/\/docs\/[^/]+$/) });
    expect(sequential[1]).toEqual(sequential[0]);
    const raced = randomUUID();
    const concurrent = await atOnce(() => create("Raced plan", raced));
    expect(new Set(concurrent.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(concurrent[0]).toMatchObject({ status: 204 });

    expect(await titled("Retried plan")).toBe(1);
    expect(await titled("Raced plan")).toBe(1);
    expect(await db().activity.count({ where: { kind: "doc_created", subject: "Raced plan" } })).toBe(1);
  });

  it("different clientIds, and no clientId, create as before; a malformed one is refused", async () => {
    await create("Two plans", randomUUID());
    await create("Two plans", randomUUID());
    await create("No id plan");
    await create("No id plan");
    expect(await titled("Two plans")).toBe(2);
    expect(await titled("No id plan")).toBe(2);
    for (const clientId of BAD_IDS) expect((await create("Bad id plan", clientId)).status).toBe(400);
    expect(await titled("Bad id plan")).toBe(0);
  });

  it("the account page renders a fresh clientId into the new-document form", async () => {
    const first = await renderedClientId("sales", `/accounts/${northwind}`);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await renderedClientId("sales", `/accounts/${northwind}`)).not.toBe(first);
  });
});

describe("defining a KPI", () => {
  it("a definition whose key was taken between the check and the insert is refused as taken, not a 500", async () => {
    const fields = {
      intent: "define",
      key: "nps",
      name: "Net promoter score",
      nameZh: "净推荐值",
      unit: "score",
      direction: "higher_better",
      target: "50",
      weight: "1",
    };
    const define = () => post("admin", `/accounts/${northwind}/kpis`, fields, KPIS_ROUTE);
    expect((await define()).status).toBe(200);
    // The race of a double click: the check finds nothing, the twin's insert lands first.
    const raced = await replaced("kpiDefinition", "findUnique", () => Promise.resolve(null), define);
    expect(raced).toMatchObject({ status: 400, body: { ok: false, fieldErrors: { key: expect.any(String) } } });
    expect(await db().kpiDefinition.count({ where: { key: "nps" } })).toBe(1);
  });
});

describe("marking notifications read", () => {
  it("answers success when the unread count cannot be read after the marking is stored", async () => {
    await db().notification.createMany({
      data: [1, 2].map((n) => ({ userId: ids.logistics, kind: "mention", title: `Unread ${n}`, link: "/accounts" })),
    });
    const answer = await failing("notification", "count", () =>
      post("logistics", "/notifications", { intent: "read-all" }, NOTIFICATIONS_ROUTE),
    );
    expect(answer).toMatchObject({ status: 200, body: { ok: true, unread: null } });
    expect(await db().notification.count({ where: { userId: ids.logistics, readAt: null } })).toBe(0);

    await db().notification.create({ data: { userId: ids.logistics, kind: "mention", title: "One", link: "/" } });
    const counted = await post("logistics", "/notifications", { intent: "read-all" }, NOTIFICATIONS_ROUTE);
    expect(counted).toMatchObject({ status: 200, body: { ok: true, changed: 1, unread: 0 } });
  });
});
