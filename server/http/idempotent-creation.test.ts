import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get } from "../test/clients";
import { demoAccountId, demoDocId, demoUserIds, NORTHWIND } from "../test/demo-data";
import { People } from "../test/people";
import { startTestServer, type TestServer } from "../test/start-test-server";

/**
 * Nothing lost: a retried submit (a double click, a resend after a
 * lost answer, two tabs) carrying the same clientId creates one thing and
 * answers like the first; without a clientId creation works as before.
 */
let server: TestServer;
let northwind: string;
let roadmap: string;
let ids: Record<string, string>;
const people = new People(() => server);
const db = () => server.services.db;

const DOC_ROUTE = "routes/_workspace.accounts.$accountId.docs.$docId";
const ACTIONS_ROUTE = "routes/_workspace.accounts.$accountId.actions";
const REVIEW_ROUTE = "routes/_workspace.accounts.$accountId.reviews.$reviewId";

async function post(handle: string, pathname: string, fields: Record<string, string>, route?: string) {
  const data = route ? `?_data=${encodeURIComponent(route)}` : "";
  const res = await fetch(`${server.url}${pathname}${data}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  const text = await res.text();
  return {
    status: res.status,
    location: res.headers.get("location"),
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

const docPath = () => `/accounts/${northwind}/docs/${roadmap}`;
const comment = (handle: string, fields: Record<string, string>) => post(handle, docPath(), fields, DOC_ROUTE);
const action = (handle: string, fields: Record<string, string>, asFetcher = true) =>
  post(handle, `/accounts/${northwind}/actions`, fields, asFetcher ? ACTIONS_ROUTE : undefined);

function anchor(index: number): string {
  const doc = new Y.Doc();
  const text = new Y.XmlText("Milestones for the next quarter");
  doc.getXmlFragment("default").insert(0, [text]);
  return Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString("base64");
}

const newThread = (body: string, clientId?: string) => ({
  intent: "comment-start",
  anchorStart: anchor(0),
  anchorEnd: anchor(10),
  quote: "Milestones",
  body,
  ...(clientId ? { clientId } : {}),
});

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(db(), NORTHWIND);
  roadmap = await demoDocId(db(), NORTHWIND);
  ids = await demoUserIds(db());
});
afterAll(() => server.close());

describe("new comment threads", () => {
  it("the same submit twice, in a row or at once, starts one thread and answers the same", async () => {
    const clientId = randomUUID();
    const send = () => comment("sales", newThread("Retried thread", clientId));
    const sequential = [await send(), await send()];
    expect(sequential[0]).toMatchObject({ status: 200, body: { ok: true } });
    expect(sequential[1]).toEqual(sequential[0]);

    const raced = randomUUID();
    const concurrent = await Promise.all([1, 2, 3].map(() => comment("sales", newThread("Raced thread", raced))));
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(concurrent.map((r) => JSON.stringify(r.body))).size).toBe(1);

    expect(await db().commentThread.count({ where: { clientId } })).toBe(1);
    expect(await db().comment.count({ where: { body: "Retried thread" } })).toBe(1);
    expect(await db().commentThread.count({ where: { clientId: raced } })).toBe(1);
    expect(await db().comment.count({ where: { body: "Raced thread" } })).toBe(1);
    // Told once: one feed entry for the one comment.
    expect(await db().activity.count({ where: { kind: "comment", detail: "Retried thread" } })).toBe(1);
  });

  it("different clientIds, another author's same clientId, and no clientId all create", async () => {
    const clientId = randomUUID();
    const first = await comment("sales", newThread("Sales asks", clientId));
    const second = await comment("sales", newThread("Sales asks", randomUUID()));
    const lead = await comment("lead", newThread("Lead asks", clientId));
    const plain = [await comment("sales", newThread("No id")), await comment("sales", newThread("No id"))];
    for (const reply of [first, second, lead, ...plain]) expect(reply.status).toBe(200);
    const threadIds = [first, second, lead, ...plain].map((r) => (r.body as { threadId: string }).threadId);
    expect(new Set(threadIds).size).toBe(5);
    const leads = await db().commentThread.findUniqueOrThrow({ where: { id: threadIds[2] } });
    expect(leads.createdById).toBe(ids.lead);
  });

  it("a clientId is a UUID or a bounded token", async () => {
    for (const clientId of ["short", "x".repeat(101), "has space in it", "<script>alert(1)</script>"]) {
      expect((await comment("sales", newThread("Bad id", clientId))).status).toBe(400);
    }
    expect(await db().comment.count({ where: { body: "Bad id" } })).toBe(0);
  });
});

describe("replies", () => {
  it("the same reply twice, in a row or at once, is stored once; different ids store two", async () => {
    const started = await comment("sales", newThread("Thread for replies", randomUUID()));
    const threadId = (started.body as { threadId: string }).threadId;
    const reply = (clientId: string, body = "Same reply") =>
      comment("lead", { intent: "comment-reply", threadId, body, clientId });

    const clientId = randomUUID();
    const sequential = [await reply(clientId), await reply(clientId)];
    expect(sequential[0]).toEqual({ status: 200, location: null, body: { ok: true, threadId } });
    expect(sequential[1]).toEqual(sequential[0]);
    const raced = randomUUID();
    const concurrent = await Promise.all([reply(raced, "Raced reply"), reply(raced, "Raced reply")]);
    expect(concurrent).toEqual([sequential[0], sequential[0]]);
    expect(await db().comment.count({ where: { threadId, body: "Same reply" } })).toBe(1);
    expect(await db().comment.count({ where: { threadId, body: "Raced reply" } })).toBe(1);

    expect((await reply(randomUUID(), "Same reply")).status).toBe(200);
    expect(await db().comment.count({ where: { threadId, body: "Same reply" } })).toBe(2);
    // The lead's id used by sales is sales' own reply.
    await comment("sales", { intent: "comment-reply", threadId, body: "Same reply", clientId });
    expect(await db().comment.count({ where: { threadId, body: "Same reply" } })).toBe(3);
    // Replies are told once: the starter got one reply notification per stored reply from the lead.
    expect(
      await db().notification.count({ where: { userId: ids.sales, kind: "reply", link: { contains: threadId } } }),
    ).toBe(3);
  });
});

describe("action items", () => {
  it("the same create twice, in a row or at once, stores one item and answers with it", async () => {
    const clientId = randomUUID();
    const fields = { intent: "create", title: "Book the Q3 site visit", assigneeId: ids.production, clientId };
    const sequential = [await action("lead", fields), await action("lead", fields)];
    expect(sequential[0]).toMatchObject({ status: 200, body: { ok: true } });
    expect(sequential[1]).toEqual(sequential[0]);

    const raced = { ...fields, title: "Raced item", clientId: randomUUID() };
    const concurrent = await Promise.all([action("lead", raced), action("lead", raced), action("lead", raced)]);
    expect(concurrent.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(concurrent.map((r) => JSON.stringify(r.body))).size).toBe(1);

    expect(await db().actionItem.count({ where: { title: "Book the Q3 site visit" } })).toBe(1);
    expect(await db().actionItem.count({ where: { title: "Raced item" } })).toBe(1);
    // The assignee is told once per item.
    expect(
      await db().notification.count({
        where: { userId: ids.production, kind: "action_assigned", title: "Raced item" },
      }),
    ).toBe(1);
  });

  it("a form without JavaScript is sent back to the same place for the same item", async () => {
    const clientId = randomUUID();
    const fields = { intent: "create", title: "Form item", redirectTo: `/accounts/${northwind}/actions`, clientId };
    const first = await action("sales", fields, false);
    const again = await action("sales", fields, false);
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/\?focus=/);
    expect(again).toEqual(first);
    expect(await db().actionItem.count({ where: { title: "Form item" } })).toBe(1);
  });

  it("another person's same clientId creates their own item; no clientId creates as before", async () => {
    const clientId = randomUUID();
    const mine = await action("sales", { intent: "create", title: "Shared id", clientId });
    const theirs = await action("lead", { intent: "create", title: "Shared id", clientId });
    expect((mine.body as { action: { id: string } }).action.id).not.toBe(
      (theirs.body as { action: { id: string } }).action.id,
    );
    await action("lead", { intent: "create", title: "No id item" });
    await action("lead", { intent: "create", title: "No id item" });
    expect(await db().actionItem.count({ where: { title: "Shared id" } })).toBe(2);
    expect(await db().actionItem.count({ where: { title: "No id item" } })).toBe(2);
  });

  it("pages render a fresh clientId into their creating forms", async () => {
    const html = async () => {
      const res = await get(server.url, `/accounts/${northwind}/actions`, await people.cookie("lead"));
      const match = /<input type="hidden" name="clientId" value="([^"]+)"/.exec(await res.text());
      return match?.[1];
    };
    const first = await html();
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(await html()).not.toBe(first);

    // The document page hands its comment forms a fresh base id with every load, too.
    const loaded = async () => {
      const res = await get(
        server.url,
        `${docPath()}?_data=${encodeURIComponent(DOC_ROUTE)}`,
        await people.cookie("lead"),
      );
      return ((await res.json()) as { clientId: string }).clientId;
    };
    const base = await loaded();
    expect(base).toMatch(/^[0-9a-f-]{36}$/);
    expect(await loaded()).not.toBe(base);
  });
});

describe("review decisions and action items", () => {
  it("a retried decision or review action is recorded once", async () => {
    const review = await db().review.create({
      data: {
        accountId: northwind,
        quarter: "2026-Q3",
        scheduledAt: new Date(),
        status: "live",
        startedAt: new Date(),
        createdById: ids.lead,
      },
    });
    const path = `/accounts/${northwind}/reviews/${review.id}`;
    const decision = { intent: "decision", text: "Ship the pilot in Q3", clientId: randomUUID() };
    const decided = await Promise.all([
      post("sales", path, decision, REVIEW_ROUTE),
      post("sales", path, decision, REVIEW_ROUTE),
    ]);
    decided.push(await post("sales", path, decision, REVIEW_ROUTE));
    expect(decided.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await db().reviewDecision.count({ where: { reviewId: review.id } })).toBe(1);

    const item = { intent: "action", title: "Pilot plan", status: "open", clientId: randomUUID() };
    const added = await Promise.all([post("sales", path, item, REVIEW_ROUTE), post("sales", path, item, REVIEW_ROUTE)]);
    expect(added.map((r) => r.status)).toEqual([200, 200]);
    expect(await db().actionItem.count({ where: { reviewId: review.id } })).toBe(1);
  });
});
