import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AGENDA_TEMPLATE, reviewLink, type ReviewStatePayload } from "~/features/reviews/review";
import { waitFor } from "../test/clients";
import { demoAccountId, HUADONG, NORTHWIND, demoUserIds } from "../test/demo-data";
import { collect, request, type HubClient } from "../test/hub-client";
import { People } from "../test/people";
import { startTestServer, type TestServer } from "../test/start-test-server";

let server: TestServer;
let northwind: string;
let huadong: string;
const people = new People(() => server);
let ids: Record<string, string> = {};

const REVIEWS_ROUTE = encodeURIComponent("routes/_workspace.accounts.$accountId.reviews._index");
const REVIEW_ROUTE = encodeURIComponent("routes/_workspace.accounts.$accountId.reviews.$reviewId");
const TEAM_ROUTE = encodeURIComponent("routes/_workspace.accounts.$accountId.team");

const db = () => server.services.db;

async function post(handle: string, pathname: string, route: string, fields: [string, string][]) {
  return fetch(`${server.url}${pathname}?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

/** The lead schedules a review over HTTP (the template agenda, the whole team invited) and returns its id. */
async function scheduleReview(accountId = northwind, invitees = ["lead", "sales", "production", "support"]) {
  const res = await post("lead", `/accounts/${accountId}/reviews`, REVIEWS_ROUTE, [
    ["intent", "schedule"],
    ["quarter", "2026-Q2"],
    ["scheduledAt", "2031-06-01T09:00"],
    ["tzOffset", "0"],
    ...invitees.map((handle): [string, string] => ["attendees", ids[handle]]),
    ...AGENDA_TEMPLATE.flatMap((item): [string, string][] => [
      ["agendaKind", item.kind],
      ["agendaTitle", item.kind],
      ["agendaMinutes", String(item.plannedMinutes)],
    ]),
  ]);
  expect(res.status).toBe(204);
  return res.headers.get("x-remix-redirect")?.split("/").at(-1) ?? "";
}

async function startReview(reviewId: string, accountId = northwind) {
  const res = await post("lead", reviewLink(accountId, reviewId), REVIEW_ROUTE, [["intent", "start"]]);
  expect(res.status).toBe(200);
}

/** A live review of Northwind and its agenda item ids, in order. */
async function liveReview(accountId = northwind, invitees?: string[]) {
  const reviewId = await scheduleReview(accountId, invitees);
  await startReview(reviewId, accountId);
  const agenda = await db().reviewAgendaItem.findMany({ where: { reviewId }, orderBy: { position: "asc" } });
  return { reviewId, items: agenda.map((item) => item.id) };
}

/** A hub socket of `handle` following the review, with the review states it receives from then on. */
async function follower(handle: string, reviewId: string) {
  const socket = await people.hub(handle);
  const reply = await request(socket, "review:join", { reviewId });
  expect(reply, `${handle} joins`).toMatchObject({ ok: true });
  return { socket, states: collect(socket, "review:state"), joined: reply.ok ? reply.state : null };
}

/** The lead moves the review to `itemId` and returns the state the server answered with. */
async function go(lead: HubClient, reviewId: string, itemId: string): Promise<ReviewStatePayload> {
  const reply = await request(lead, "review:go", { reviewId, itemId });
  if (!reply.ok) throw new Error(`review:go refused: ${reply.error.code} ${reply.error.message}`);
  return reply.state;
}

const attendee = (reviewId: string, handle: string) =>
  db().reviewAttendee.findUnique({ where: { reviewId_userId: { reviewId, userId: ids[handle] } } });

/** Waits a little so a push that should not come has had its chance. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(db(), NORTHWIND);
  huadong = await demoAccountId(db(), HUADONG);
  ids = await demoUserIds(db());
});
afterEach(() => {
  people.disconnect();
});
afterAll(() => server.close());

describe("following a live review", () => {
  it("a follower gets the review's state when it joins, and moves with the lead", async () => {
    const { reviewId, items } = await liveReview();
    const sales = await follower("sales", reviewId);
    expect(sales.joined).toMatchObject({ reviewId, status: "live", currentItemId: items[0] });
    expect(Object.keys(sales.joined?.spent ?? {}).sort()).toEqual([...items].sort());

    // Thirty seconds on the first item, without waiting for them.
    await db().review.update({ where: { id: reviewId }, data: { itemStartedAt: new Date(Date.now() - 30_000) } });
    const lead = await people.hub("lead");
    const answered = await go(lead, reviewId, items[1]);
    expect(answered.currentItemId).toBe(items[1]);

    await waitFor(() => sales.states.length > 0, "review:state to the follower");
    const state = sales.states[0];
    expect(state).toMatchObject({ reviewId, status: "live", currentItemId: items[1] });
    const spent = state.spent[items[0]];
    expect(Number.isInteger(spent)).toBe(true);
    expect(spent).toBeGreaterThanOrEqual(30);
    expect(spent).toBeLessThan(60);
    expect(state.spent[items[1]]).toBe(0);
    expect(Date.parse(state.itemStartedAt ?? "")).toBeGreaterThan(Date.now() - 10_000);
    expect(Number.isNaN(Date.parse(state.serverNow))).toBe(false);

    // Going back adds the new visit to the item's time, never counting the first one twice.
    await go(lead, reviewId, items[0]);
    await waitFor(() => sales.states.length > 1, "the second move");
    expect(sales.states[1].currentItemId).toBe(items[0]);
    expect(sales.states[1].spent[items[0]]).toBe(spent);
    const stored = await db().reviewAgendaItem.findUniqueOrThrow({ where: { id: items[0] } });
    expect(stored.spentSeconds).toBe(spent);
  });

  it("two of the lead's tabs moving at once never count the same seconds twice", async () => {
    const { reviewId, items } = await liveReview();
    await db().review.update({ where: { id: reviewId }, data: { itemStartedAt: new Date(Date.now() - 20_000) } });
    const [first, second] = [await people.hub("lead"), await people.hub("lead")];
    const replies = await Promise.all([
      request(first, "review:go", { reviewId, itemId: items[1] }),
      request(second, "review:go", { reviewId, itemId: items[2] }),
    ]);
    expect(replies.some((reply) => reply.ok)).toBe(true);
    for (const reply of replies) if (!reply.ok) expect(reply.error.code).toBe("invalid");
    const agenda = await db().reviewAgendaItem.findMany({ where: { reviewId } });
    const total = agenda.reduce((sum, item) => sum + item.spentSeconds, 0);
    expect(agenda.find((item) => item.id === items[0])?.spentSeconds).toBeGreaterThanOrEqual(20);
    expect(total).toBeLessThan(30);
  });

  it("the lead's move to the item they are on changes nothing", async () => {
    const { reviewId, items } = await liveReview();
    const lead = await people.hub("lead");
    const before = await db().review.findUniqueOrThrow({ where: { id: reviewId } });
    const state = await go(lead, reviewId, items[0]);
    expect(state).toMatchObject({ currentItemId: items[0], itemStartedAt: before.itemStartedAt?.toISOString() });
    expect(Object.values(state.spent).every((seconds) => seconds === 0)).toBe(true);
  });

  it("a follower who left the room gets no more states", async () => {
    const { reviewId, items } = await liveReview();
    const sales = await follower("sales", reviewId);
    expect(await request(sales.socket, "review:leave", { reviewId })).toEqual({ ok: true });
    const production = await follower("production", reviewId);
    await go(await people.hub("lead"), reviewId, items[1]);
    await waitFor(() => production.states.length > 0, "the state to production");
    await settle();
    expect(sales.states).toEqual([]);
  });
});

describe("who may follow and drive a review", () => {
  it("refuses an outsider's join, and the outsider receives none of the lead's states", async () => {
    const { reviewId, items } = await liveReview();
    const outsider = await people.hub("outsider");
    const outsiderStates = collect(outsider, "review:state");
    expect(await request(outsider, "review:join", { reviewId })).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Not on this account's team" },
    });
    const sales = await follower("sales", reviewId);

    await go(await people.hub("lead"), reviewId, items[1]);
    await waitFor(() => sales.states.length > 0, "the member receives the state");
    await settle();
    expect(outsiderStates).toEqual([]);
    expect(await attendee(reviewId, "outsider")).toBeNull();
  });

  it("refuses a member of another account", async () => {
    const { reviewId } = await liveReview(huadong, ["lead", "sales"]);
    // Production is on Northwind's team, not Huadong's.
    const production = await people.hub("production");
    expect(await request(production, "review:join", { reviewId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await attendee(reviewId, "production")).toBeNull();
  });

  it("only the lead drives: a member's and a viewer's review:go are refused and move nothing", async () => {
    const { reviewId, items } = await liveReview();
    const watcher = await follower("production", reviewId);
    for (const handle of ["sales", "viewer", "outsider"]) {
      const socket = await people.hub(handle);
      expect(await request(socket, "review:go", { reviewId, itemId: items[2] })).toEqual({
        ok: false,
        error: { code: "forbidden", message: "Only the account's lead runs its reviews" },
      });
    }
    await settle();
    expect(watcher.states).toEqual([]);
    const review = await db().review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(review.currentItemId).toBe(items[0]);
  });

  it("refuses a move to an item of another review, an unknown review and a malformed payload", async () => {
    const { reviewId, items } = await liveReview();
    const other = await liveReview();
    const lead = await people.hub("lead");

    expect(await request(lead, "review:go", { reviewId, itemId: other.items[3] })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await request(lead, "review:go", { reviewId: "nosuchreview00000000", itemId: items[1] })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    for (const payload of [{ reviewId }, { reviewId: "../../etc", itemId: items[1] }, null, "review"]) {
      expect(await request(lead, "review:go", payload as never)).toEqual({
        ok: false,
        error: { code: "invalid", message: "Malformed request" },
      });
    }
    expect(await request(lead, "review:join", { reviewId: 42 } as never)).toMatchObject({
      error: { code: "invalid" },
    });
    expect(lead.connected).toBe(true);
    for (const id of [reviewId, other.reviewId]) {
      expect((await db().review.findUniqueOrThrow({ where: { id } })).currentItemId).not.toBe(other.items[3]);
    }
    expect((await db().review.findUniqueOrThrow({ where: { id: reviewId } })).currentItemId).toBe(items[0]);
  });

  it("refuses moves before the start and after the close", async () => {
    const scheduled = await scheduleReview();
    const [first] = await db().reviewAgendaItem.findMany({
      where: { reviewId: scheduled },
      orderBy: { position: "asc" },
    });
    const lead = await people.hub("lead");
    expect(await request(lead, "review:go", { reviewId: scheduled, itemId: first.id })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });

    const { reviewId, items } = await liveReview();
    const res = await post("lead", reviewLink(northwind, reviewId), REVIEW_ROUTE, [["intent", "close"]]);
    expect(res.status).toBe(200);
    expect(await request(lead, "review:go", { reviewId, itemId: items[1] })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
  });
});

describe("attendance from presence", () => {
  it("joining a live review records attendance; joining a scheduled one does not", async () => {
    const scheduled = await scheduleReview();
    const early = await follower("production", scheduled);
    expect(early.joined).toMatchObject({ status: "scheduled", currentItemId: null });
    expect(await attendee(scheduled, "production")).toMatchObject({ invited: true, attendedAt: null });

    const { reviewId } = await liveReview();
    expect(await attendee(reviewId, "production")).toMatchObject({ invited: true, attendedAt: null });
    const lead = await follower("lead", reviewId);
    const changes = collect(lead.socket, "review:changed");
    await follower("production", reviewId);
    const attended = await attendee(reviewId, "production");
    expect(attended?.attendedAt).toBeInstanceOf(Date);
    // The page of everyone following reloads to show who is there.
    await waitFor(() => changes.length > 0, "review:changed after the attendance");
    expect(changes[0]).toEqual({ accountId: northwind, reviewId });

    // Someone not invited who follows it attended too; a second join keeps the first time.
    await follower("exec", reviewId);
    expect(await attendee(reviewId, "exec")).toMatchObject({ invited: false, attendedAt: expect.any(Date) });
    await follower("production", reviewId);
    expect((await attendee(reviewId, "production"))?.attendedAt).toEqual(attended?.attendedAt);
  });

  it("joining a closed review does not record attendance", async () => {
    const { reviewId } = await liveReview();
    const res = await post("lead", reviewLink(northwind, reviewId), REVIEW_ROUTE, [["intent", "close"]]);
    expect(res.status).toBe(200);
    const late = await follower("support", reviewId);
    expect(late.joined).toMatchObject({ status: "closed", currentItemId: null });
    expect(await attendee(reviewId, "support")).toMatchObject({ attendedAt: null });
  });
});

describe("removal from the team", () => {
  it("a removed member leaves the review room, gets no more states and cannot join again", async () => {
    const { reviewId, items } = await liveReview();
    const support = await follower("support", reviewId);
    const revoked = collect(support.socket, "access:revoked");
    const sales = await follower("sales", reviewId);

    const removed = await post("lead", `/accounts/${northwind}/team`, TEAM_ROUTE, [
      ["intent", "remove"],
      ["userId", ids.support],
    ]);
    expect(removed.status).toBe(200);
    try {
      await waitFor(() => revoked.length === 1, "access:revoked");
      expect(revoked[0]).toEqual({ accountId: northwind });

      await go(await people.hub("lead"), reviewId, items[1]);
      await waitFor(() => sales.states.length > 0, "the state to the member who stayed");
      await settle();
      expect(support.states).toEqual([]);
      expect(await request(support.socket, "review:join", { reviewId })).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    } finally {
      const back = await post("lead", `/accounts/${northwind}/team`, TEAM_ROUTE, [
        ["intent", "add"],
        ["userId", ids.support],
        ["department", "support"],
        ["role", "member"],
      ]);
      expect(back.status).toBe(200);
    }
  });
});
