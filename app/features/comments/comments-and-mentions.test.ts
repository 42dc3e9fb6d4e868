import * as Y from "yjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appendParagraph, connectClient, login, synced, waitFor } from "../../../server/test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { collect, connected, connectHub, request } from "../../../server/test/hub-client";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let northwind: string;
let roadmap: string;
let docPath: string;
const people = new People(() => server);

/** Posts a comment intent to the document page as the given user. */
async function post(handle: string, fields: Record<string, string>): Promise<Response> {
  // `_data` asks Remix for the action's JSON, as a fetcher does.
  const route = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId");
  return fetch(`${server.url}${docPath}?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** An anchor as the editor makes one: a Yjs relative position, base64. */
function anchor(index: number): string {
  const doc = new Y.Doc();
  const text = new Y.XmlText("Milestones for the next quarter");
  doc.getXmlFragment("default").insert(0, [text]);
  return Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString("base64");
}

async function startThread(handle: string, body: string): Promise<string> {
  const res = await post(handle, {
    intent: "comment-start",
    anchorStart: anchor(0),
    anchorEnd: anchor(10),
    quote: "Milestones",
    body,
  });
  expect(res.status).toBe(200);
  const reply = (await res.json()) as { ok: boolean; threadId: string };
  return reply.threadId;
}

async function userId(handle: string): Promise<string> {
  const user = await server.services.db.user.findUniqueOrThrow({ where: { email: `${handle}@demo.keyroom` } });
  return user.id;
}

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  roadmap = await demoDocId(server.services.db, NORTHWIND);
  docPath = `/accounts/${northwind}/docs/${roadmap}`;
});
afterEach(() => {
  people.disconnect();
});
afterAll(() => server.close());

describe("comments", () => {
  it("starts a thread, replies, edits, resolves and reopens, and shows it on the page", async () => {
    const threadId = await startThread("sales", "Can we commit to the Q3 date?");
    expect((await post("lead", { intent: "comment-reply", threadId, body: "Yes, if logistics agrees." })).status).toBe(
      200,
    );
    const comments = await server.services.db.comment.findMany({ where: { threadId }, orderBy: { createdAt: "asc" } });
    expect(comments.map((c) => c.body)).toEqual(["Can we commit to the Q3 date?", "Yes, if logistics agrees."]);

    expect(
      (await post("sales", { intent: "comment-edit", commentId: comments[0].id, body: "Can we commit to 30 Sep?" }))
        .status,
    ).toBe(200);
    expect((await post("sales", { intent: "comment-resolve", threadId })).status).toBe(200);
    expect(await server.services.db.commentThread.findUnique({ where: { id: threadId } })).toMatchObject({
      status: "resolved",
      resolvedById: await userId("sales"),
    });
    expect((await post("lead", { intent: "comment-reopen", threadId })).status).toBe(200);

    const page = await (
      await fetch(`${server.url}${docPath}`, { headers: { cookie: await people.cookie("lead") } })
    ).text();
    expect(page).toContain("Can we commit to 30 Sep?");
    expect(page).toContain("Yes, if logistics agrees.");
  });

  it("lets only the author edit a comment", async () => {
    const threadId = await startThread("sales", "Mine");
    const comment = await server.services.db.comment.findFirstOrThrow({ where: { threadId } });
    const res = await post("lead", { intent: "comment-edit", commentId: comment.id, body: "Not yours" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: "Only the author can edit a comment" });
    expect((await server.services.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).body).toBe("Mine");
  });

  it("viewers comment too (PRODUCT.md); an admin off the team and an outsider are refused and store nothing", async () => {
    const fields = (body: string) => ({
      intent: "comment-start",
      anchorStart: anchor(0),
      anchorEnd: anchor(3),
      quote: "Mil",
      body,
    });
    const before = await server.services.db.commentThread.count();
    for (const handle of ["admin", "outsider"]) {
      const res = await post(handle, fields("hi"));
      expect(res.status, handle).toBe(handle === "outsider" ? 404 : 403);
    }
    expect(await server.services.db.commentThread.count()).toBe(before);
    const res = await post("viewer", fields("A question from finance"));
    expect(res.status).toBe(200);
    const { threadId } = (await res.json()) as { threadId: string };
    const thread = await server.services.db.commentThread.findUniqueOrThrow({
      where: { id: threadId },
      include: { comments: true },
    });
    expect(thread.comments.map((comment) => comment.body)).toEqual(["A question from finance"]);
  });

  it("refuses malformed input with 400: empty body, oversized body, a bad anchor, unknown thread", async () => {
    const base = { intent: "comment-start", anchorStart: anchor(0), anchorEnd: anchor(3), quote: "Mil" };
    expect((await post("sales", { ...base, body: "   " })).status).toBe(400);
    expect((await post("sales", { ...base, body: "x".repeat(5001) })).status).toBe(400);
    expect((await post("sales", { ...base, anchorStart: "AAAA", body: "bad anchor" })).status).toBe(400);
    expect((await post("sales", { ...base, anchorStart: "not base64!", body: "bad anchor" })).status).toBe(400);
    expect((await post("sales", { intent: "comment-reply", threadId: "nope", body: "hello" })).status).toBe(404);
    expect((await post("sales", { intent: "delete-everything" })).status).toBe(400);
  });

  it("pushes comment changes to everyone with the document open", async () => {
    const watcher = await people.hub("logistics");
    await request(watcher, "document:join", { documentId: roadmap });
    const changes = collect(watcher, "comment:changed");
    const threadId = await startThread("sales", "Heads up");
    await waitFor(() => changes.some((c) => c.threadId === threadId), "comment:changed");
  });
});

describe("mentions and notifications", () => {
  it("a department mention reaches exactly that department's members on the team", async () => {
    const clients = Object.fromEntries(
      await Promise.all(
        ["lead", "sales", "logistics", "outsider", "production"].map(async (h) => [h, await people.hub(h)] as const),
      ),
    );
    const received = Object.fromEntries(Object.entries(clients).map(([h, c]) => [h, collect(c, "notification")]));
    await startThread("production", "@sales can you confirm the delivery window?");

    await waitFor(() => received.lead.length === 1 && received.sales.length === 1, "both sales members notified");
    expect(received.lead[0]).toMatchObject({
      kind: "department_mention",
      actorName: "Li Wei",
      accountName: NORTHWIND,
      excerpt: "@sales can you confirm the delivery window?",
      link: expect.stringMatching(new RegExp(`^${docPath}\\?thread=`)),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(received.logistics).toEqual([]);
    expect(received.outsider).toEqual([]);
    expect(received.production).toEqual([]);
  });

  it("a person mention notifies that person once, even when their department is mentioned too", async () => {
    const lead = await people.hub("lead");
    const got = collect(lead, "notification");
    await startThread("logistics", "@maya.chen and @sales: please review the milestones");
    await waitFor(() => got.length >= 1, "lead notified");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(got.map((n) => n.kind)).toEqual(["mention"]);
  });

  it("an edit that adds a mention notifies the newly mentioned, and nobody twice", async () => {
    const threadId = await startThread("sales", "@zhang.min please check");
    const comment = await server.services.db.comment.findFirstOrThrow({ where: { threadId } });
    const support = await people.hub("support");
    const production = await people.hub("production");
    const supportGot = collect(support, "notification");
    const productionGot = collect(production, "notification");
    const res = await post("sales", {
      intent: "comment-edit",
      commentId: comment.id,
      body: "@zhang.min please check, and @li.wei too",
    });
    expect(res.status).toBe(200);
    await waitFor(() => productionGot.length === 1, "newly mentioned notified");
    expect(productionGot[0]).toMatchObject({ kind: "mention", actorName: "Daniel Okafor" });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(supportGot).toEqual([]);
  });

  it("never notifies people off the team, even by name", async () => {
    const outsider = await people.hub("outsider");
    const got = collect(outsider, "notification");
    await startThread("sales", "@oscar.lind should see this? (no)");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(got).toEqual([]);
    expect(await server.services.db.notification.count({ where: { userId: await userId("outsider") } })).toBe(0);
  });

  it("a reply notifies the thread's earlier participants", async () => {
    const threadId = await startThread("sales", "Opening question");
    const sales = await people.hub("sales");
    const got = collect(sales, "notification");
    await post("support", { intent: "comment-reply", threadId, body: "An answer" });
    await waitFor(() => got.length === 1, "reply notification");
    expect(got[0]).toMatchObject({ kind: "reply", actorName: "Zhang Min", excerpt: "An answer" });
  });

  it("a user who was offline gets what they missed on return, and can mark it read", async () => {
    const since = new Date().toISOString();
    await startThread("lead", "@sofia.rossi while you were away: customs papers?");
    const logistics = await people.hub("logistics");
    const reads = collect(logistics, "notifications:read");
    const missed = await request(logistics, "notifications:sync", { since });
    if (!missed.ok) throw new Error("sync refused");
    expect(missed.notifications.map((n) => [n.kind, n.excerpt])).toEqual([
      ["mention", "@sofia.rossi while you were away: customs papers?"],
    ]);
    expect(missed.unread).toBeGreaterThanOrEqual(1);

    const markOne = await fetch(`${server.url}/notifications?_data=routes/_workspace.notifications`, {
      method: "POST",
      headers: { cookie: await people.cookie("logistics") },
      body: new URLSearchParams({ intent: "read", id: missed.notifications[0].id }),
    });
    expect(await markOne.json()).toMatchObject({ ok: true, changed: 1 });
    const markAll = await fetch(`${server.url}/notifications?_data=routes/_workspace.notifications`, {
      method: "POST",
      headers: { cookie: await people.cookie("logistics") },
      body: new URLSearchParams({ intent: "read-all" }),
    });
    expect(await markAll.json()).toMatchObject({ ok: true, unread: 0 });
    // Every open tab hears about reads, so each bell shows the same count.
    await waitFor(() => reads.length === 2, "notifications:read twice");
    expect(reads[1]).toEqual({ ids: null, unread: 0 });
  });

  it("cannot mark someone else's notification read", async () => {
    await startThread("sales", "@sofia.rossi one more");
    const theirs = await server.services.db.notification.findFirstOrThrow({
      where: { userId: await userId("logistics"), readAt: null },
    });
    const res = await fetch(`${server.url}/notifications?_data=routes/_workspace.notifications`, {
      method: "POST",
      headers: { cookie: await people.cookie("outsider") },
      body: new URLSearchParams({ intent: "read", id: theirs.id }),
    });
    expect(await res.json()).toMatchObject({ ok: true, changed: 0 });
    expect((await server.services.db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
  });
});

describe("activity feed", () => {
  it("records comments and mentions", async () => {
    const lead = await people.hub("lead");
    await request(lead, "account:join", { accountId: northwind });
    const feed = collect(lead, "activity");
    await startThread("sales", "@logistics FYI");
    await waitFor(() => feed.some((a) => a.kind === "mention"), "mention activity");
    expect(feed.find((a) => a.kind === "comment")).toMatchObject({
      actorName: "Daniel Okafor",
      detail: "@logistics FYI",
    });
  });
});

describe("activity from document edits", () => {
  it("coalesces a person's edits to a document into one entry that grows", async () => {
    const edits = await startTestServer(undefined, { activityFlushMs: 50 });
    try {
      const sales = await login(edits.url, "sales");
      const watcher = connectHub(edits.url, await login(edits.url, "lead"));
      people.track(watcher);
      await connected(watcher);
      await request(watcher, "account:join", { accountId: northwind });
      const feed = collect(watcher, "activity");
      const client = connectClient(edits.wsUrl, roadmap, sales);
      await synced(client);
      for (const text of ["one", "two", "three"]) {
        appendParagraph(client.doc, text);
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
      await waitFor(() => feed.filter((a) => a.kind === "doc_edited").length >= 2, "edits in the feed");
      const rows = await edits.services.db.activity.findMany({ where: { kind: "doc_edited", documentId: roadmap } });
      expect(rows).toHaveLength(1);
      expect(rows[0].count).toBeGreaterThanOrEqual(3);
      expect(new Set(feed.filter((a) => a.kind === "doc_edited").map((a) => a.id))).toEqual(new Set([rows[0].id]));
      client.destroy();
    } finally {
      await edits.close();
    }
  });
});

describe("people who left the team", () => {
  it("are not notified of replies in threads they once wrote in", async () => {
    const own = await startTestServer();
    try {
      const account = await demoAccountId(own.services.db, NORTHWIND);
      const doc = await demoDocId(own.services.db, NORTHWIND);
      const route = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId");
      const postAs = async (handle: string, fields: Record<string, string>) =>
        fetch(`${own.url}/accounts/${account}/docs/${doc}?_data=${route}`, {
          method: "POST",
          headers: { cookie: await login(own.url, handle) },
          body: new URLSearchParams(fields),
        });
      const started = await postAs("support", {
        intent: "comment-start",
        anchorStart: anchor(0),
        anchorEnd: anchor(4),
        quote: "Mile",
        body: "Before I leave the team",
      });
      const { threadId } = (await started.json()) as { threadId: string };
      const support = await own.services.db.user.findUniqueOrThrow({ where: { email: "support@demo.keyroom" } });
      // The demo has notified her before (review invitations); only what comes after she left counts.
      await own.services.db.notification.deleteMany({ where: { userId: support.id } });
      await own.services.db.accountMember.deleteMany({ where: { accountId: account, userId: support.id } });

      expect((await postAs("sales", { intent: "comment-reply", threadId, body: "Answer after she left" })).status).toBe(
        200,
      );
      expect(await own.services.db.notification.count({ where: { userId: support.id } })).toBe(0);
    } finally {
      await own.close();
    }
  });
});
