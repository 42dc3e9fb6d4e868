import * as Y from "yjs";
import { Adapter, type BroadcastOptions, type Room, type SocketId } from "socket.io-adapter";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { waitFor } from "../test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../test/demo-data";
import { collect, connectHub, request } from "../test/hub-client";
import { People } from "../test/people";
import { startTestServer, type TestServer } from "../test/start-test-server";
import { setLogLevel } from "../lib/logger";

/** Which calls of the hub's adapter fail, as a Redis adapter's can when Redis is away. */
const faults = { addAll: false, broadcast: false, fetchSockets: false };

/** socket.io's own in-memory adapter with injected failures; everything else is the real thing. */
class FailingAdapter extends Adapter {
  override addAll(id: SocketId, rooms: Set<Room>): Promise<void> | void {
    // A socket's own room is joined by socket.io itself, out of our reach: fail only ours.
    if (faults.addAll && [...rooms].some((room) => room !== id)) {
      return Promise.reject(new Error("injected: addAll"));
    }
    return super.addAll(id, rooms);
  }
  override broadcast(packet: unknown, opts: BroadcastOptions): void {
    if (faults.broadcast) throw new Error("injected: broadcast");
    super.broadcast(packet, opts);
  }
  override fetchSockets(opts: BroadcastOptions): Promise<unknown[]> {
    if (faults.fetchSockets) return Promise.reject(new Error("injected: fetchSockets"));
    return super.fetchSockets(opts);
  }
}

let server: TestServer;
let northwind: string;
let roadmap: string;
const people = new People(() => server);
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);
const logLines: string[] = [];

function logged(message: string): boolean {
  return logLines.some((line) => (JSON.parse(line) as { msg: string }).msg === message);
}

/** An anchor as the editor makes one: a Yjs relative position, base64. */
function anchor(index: number): string {
  const doc = new Y.Doc();
  const text = new Y.XmlText("Milestones for the next quarter");
  doc.getXmlFragment("default").insert(0, [text]);
  return Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString("base64");
}

async function postTo(handle: string, pathname: string, route: string, fields: Record<string, string>) {
  const res = await fetch(`${server.url}${pathname}?_data=${encodeURIComponent(route)}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const postComment = (handle: string, fields: Record<string, string>) =>
  postTo(handle, `/accounts/${northwind}/docs/${roadmap}`, "routes/_workspace.accounts.$accountId.docs.$docId", fields);
const postAction = (handle: string, fields: Record<string, string>) =>
  postTo(handle, `/accounts/${northwind}/actions`, "routes/_workspace.accounts.$accountId.actions", fields);

beforeAll(async () => {
  setLogLevel("error");
  vi.spyOn(process.stderr, "write").mockImplementation((line: string | Uint8Array) => {
    logLines.push(String(line));
    return true;
  });
  process.on("unhandledRejection", recordUnhandled);
  server = await startTestServer(undefined, { hubAdapter: FailingAdapter });
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  roadmap = await demoDocId(server.services.db, NORTHWIND);
});
beforeEach(() => {
  unhandled.length = 0;
  logLines.length = 0;
});
afterEach(() => {
  Object.assign(faults, { addAll: false, broadcast: false, fetchSockets: false });
  people.disconnect();
});
afterAll(async () => {
  await server.close();
  process.off("unhandledRejection", recordUnhandled);
  vi.restoreAllMocks();
  setLogLevel("silent");
});

/** Lets rejections that nobody handled surface (Node reports them after the microtask queue drains). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("a failing hub adapter: no unhandled promise", () => {
  it("presence, room joins and pushes that fail are logged, never unhandled, and others are still served", async () => {
    const lead = await people.hub("lead");
    expect(await request(lead, "account:join", { accountId: northwind })).toMatchObject({ ok: true });

    faults.fetchSockets = true;
    const sales = await people.hub("sales");
    // The join reply needs presence: it says "try again", and the account's presence push fails in the background.
    expect(await request(sales, "document:join", { documentId: roadmap })).toMatchObject({ ok: false });
    expect(await request(sales, "document:leave", { documentId: roadmap })).toEqual({ ok: true });
    expect(await request(sales, "account:leave", { accountId: northwind })).toEqual({ ok: true });
    sales.disconnect();
    await settle();

    faults.fetchSockets = false;
    faults.broadcast = true;
    const support = await people.hub("support");
    expect(await request(support, "document:join", { documentId: roadmap })).toMatchObject({ ok: false });
    expect(await request(support, "presence:section", { documentId: roadmap, section: "Q3" })).toEqual({ ok: true });

    faults.broadcast = false;
    faults.addAll = true;
    // Without its user room a tab would miss its notifications: the hub closes it so it reconnects.
    const production = people.track(connectHub(server.url, await people.cookie("production")));
    let closedByServer = false;
    production.on("disconnect", (reason) => (closedByServer = reason === "io server disconnect"));
    await waitFor(() => closedByServer, "the socket without its user room closed by the server");
    await settle();
    expect(unhandled).toEqual([]);
    expect(logged("hub: user room not joined")).toBe(true);
    expect(logged("hub: presence not sent")).toBe(true);

    faults.addAll = false;
    // The hub goes on serving: a new join answers with presence, and pushes arrive again.
    const presence = collect(lead, "presence");
    expect(await request(support, "document:leave", { documentId: roadmap })).toEqual({ ok: true });
    const joined = await request(lead, "document:join", { documentId: roadmap });
    expect(joined).toMatchObject({ ok: true, presence: { scope: "document", id: roadmap } });
    await waitFor(() => presence.some((p) => p.scope === "account"), "account presence pushed again");
  });
});

describe("a committed write never answers 500", () => {
  it("comments, replies, resolutions and action items are saved and answered as saved when every push fails", async () => {
    const lead = await people.hub("lead");
    await request(lead, "account:join", { accountId: northwind });
    faults.broadcast = true;

    const started = await postComment("sales", {
      intent: "comment-start",
      anchorStart: anchor(0),
      anchorEnd: anchor(10),
      quote: "Milestones",
      body: "Pushes are down, @maya.chen: is this saved?",
    });
    expect(started).toMatchObject({ status: 200, body: { ok: true } });
    const threadId = String(started.body.threadId);
    const reply = await postComment("lead", { intent: "comment-reply", threadId, body: "Yes, it is." });
    expect(reply).toMatchObject({ status: 200, body: { ok: true, threadId } });
    expect(await postComment("lead", { intent: "comment-resolve", threadId })).toMatchObject({ status: 200 });
    const comments = await server.services.db.comment.findMany({ where: { threadId } });
    expect(comments.map((c) => c.body).sort()).toEqual(["Pushes are down, @maya.chen: is this saved?", "Yes, it is."]);
    expect(await server.services.db.commentThread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({
      status: "resolved",
    });

    const created = await postAction("lead", { intent: "create", title: "Confirm the Q3 date with logistics" });
    expect(created).toMatchObject({ status: 200, body: { ok: true } });
    const actionId = (created.body.action as { id: string }).id;
    expect(await postAction("lead", { intent: "update", actionId, status: "done" })).toMatchObject({ status: 200 });
    const items = await server.services.db.actionItem.findMany({
      where: { title: "Confirm the Q3 date with logistics" },
    });
    expect(items.map((item) => [item.id, item.status])).toEqual([[actionId, "done"]]);

    expect(logged("hub: push failed")).toBe(true);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it("a comment is answered as saved when its notifications cannot be stored after it", async () => {
    const db = server.services.db;
    // A real database fault after the comment's own write: the Notification table refuses inserts.
    await db.$executeRawUnsafe(
      "CREATE TRIGGER refuse_notifications BEFORE INSERT ON Notification BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    await db.$executeRawUnsafe(
      "CREATE TRIGGER refuse_activity BEFORE INSERT ON Activity BEGIN SELECT RAISE(ABORT, 'injected'); END",
    );
    try {
      const body = "Notifications are down, @maya.chen";
      const started = await postComment("sales", {
        intent: "comment-start",
        anchorStart: anchor(0),
        anchorEnd: anchor(10),
        quote: "Milestones",
        body,
      });
      expect(started).toMatchObject({ status: 200, body: { ok: true } });
      expect(await db.comment.count({ where: { body } })).toBe(1);

      const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
      const title = "Assigned while notifications are down";
      const created = await postAction("sales", { intent: "create", title, assigneeId: lead.id });
      expect(created).toMatchObject({ status: 200, body: { ok: true } });
      expect(await db.actionItem.count({ where: { title } })).toBe(1);
      expect(logged("notifications: not stored or sent")).toBe(true);
      expect(logged("activity: entry not recorded")).toBe(true);
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER refuse_notifications");
      await db.$executeRawUnsafe("DROP TRIGGER refuse_activity");
    }
  });
});
