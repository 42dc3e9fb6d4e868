import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appendParagraph, connectClient, synced, waitFor } from "../../../server/test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { collect, request } from "../../../server/test/hub-client";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let northwind: string;
let roadmap: string;
const people = new People(() => server);
const route = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId_.approval");

async function post(handle: string, fields: [string, string][]) {
  const res = await fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}/approval?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  // Refusals by the route guard are plain text; the action's own answers are JSON.
  const body = res.headers.get("content-type")?.includes("json")
    ? (JSON.parse(text) as { ok: boolean; error: string | null })
    : { ok: false, error: text };
  return { status: res.status, body };
}

const decide = (handle: string, requestId: string, step: string, decision: string, comment = "") =>
  post(handle, [
    ["intent", "decide"],
    ["requestId", requestId],
    ["step", step],
    ["decision", decision],
    ["comment", comment],
  ]);

async function page(handle: string): Promise<Response> {
  return fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}/approval`, {
    headers: { cookie: await people.cookie(handle) },
  });
}

const latestRound = () =>
  server.services.db.approvalRequest.findFirstOrThrow({
    where: { documentId: roadmap },
    orderBy: { createdAt: "desc" },
    include: { steps: { include: { department: true } } },
  });

async function userId(handle: string) {
  return (await server.services.db.user.findUniqueOrThrow({ where: { email: `${handle}@demo.keyroom` } })).id;
}

beforeAll(async () => {
  // Edits reach the feed (and the approval status) every 100 ms instead of 10 s.
  server = await startTestServer(undefined, { activityFlushMs: 100 });
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  roadmap = await demoDocId(server.services.db, NORTHWIND);
});
afterEach(() => {
  people.disconnect();
});
afterAll(() => server.close());

describe("approval of a roadmap, bound to its version", () => {
  let firstRound: string;

  it("the lead sends the roadmap to sales and logistics; the executive's approval is added", async () => {
    const watcher = await people.hub("production");
    await request(watcher, "account:join", { accountId: northwind });
    const changes = collect(watcher, "approval:changed");
    const logistics = await people.hub("logistics");
    const asked = collect(logistics, "notification");

    const res = await post("lead", [
      ["intent", "request-approval"],
      ["departments", "sales"],
      ["departments", "logistics"],
      ["note", "Q3 spare-parts promise changed"],
    ]);
    expect(res).toEqual({ status: 200, body: { ok: true, error: null } });
    const round = await latestRound();
    firstRound = round.id;
    expect(round.status).toBe("in_review");
    expect(round.steps.map((s) => s.department?.key ?? "executive").sort()).toEqual([
      "executive",
      "logistics",
      "sales",
    ]);
    const version = await server.services.db.docVersion.findUniqueOrThrow({ where: { id: round.versionId } });
    expect(round.contentHash).toBe(version.contentHash);
    expect(version.reason).toBe("approval");

    await waitFor(() => changes.length > 0, "approval:changed to the account room");
    await waitFor(() => asked.some((n) => n.kind === "approval_requested"), "logistics asked");
    const html = await (await page("lead")).text();
    expect(html).toContain('data-approval="in_review"');
  });

  it("refuses a sales member signing for logistics, and the executive before the departments", async () => {
    expect(await decide("sales", firstRound, "logistics", "approved")).toEqual({
      status: 403,
      body: { ok: false, error: "You cannot sign for that department" },
    });
    expect((await decide("exec", firstRound, "executive", "approved")).status).toBe(409);
    expect((await decide("viewer", firstRound, "sales", "approved")).status).toBe(403);
  });

  it("the departments approve, a non-executive cannot give final approval, the executive does", async () => {
    expect((await decide("sales", firstRound, "sales", "approved", "Prices hold")).status).toBe(200);
    expect((await decide("lead", firstRound, "sales", "approved")).status).toBe(409);
    expect((await decide("logistics", firstRound, "logistics", "approved")).status).toBe(200);
    // The lead asked for this round, so "sales" tries: any non-executive is refused.
    expect(await decide("sales", firstRound, "executive", "approved")).toEqual({
      status: 403,
      body: { ok: false, error: "Only an executive gives the final approval" },
    });
    expect((await decide("exec", firstRound, "executive", "approved", "Go")).status).toBe(200);
    const round = await latestRound();
    expect(round.status).toBe("approved");
    const sales = round.steps.find((s) => s.department?.key === "sales");
    expect(sales).toMatchObject({ decision: "approved", comment: "Prices hold", deciderId: await userId("sales") });
    expect(await (await page("sales")).text()).toContain('data-approval="approved"');
  });

  it("an edit after approval flips the status to changed-since-approved and shows the edit", async () => {
    const watcher = await people.hub("lead");
    await request(watcher, "document:join", { documentId: roadmap });
    const told = collect(watcher, "approval:changed");
    const client = connectClient(server.wsUrl, roadmap, await people.cookie("sales"));
    await synced(client);
    appendParagraph(client.doc, "Spare gear sets: 9 weeks, not 8.");
    // The page showing the status is told to look again.
    await waitFor(() => told.length > 0, "approval:changed after the edit");
    let html = "";
    for (let i = 0; i < 100 && !html.includes('data-approval="approved_changed"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      html = await (await page("lead")).text();
    }
    client.destroy();
    expect(html).toContain('data-approval="approved_changed"');
    expect(html).toMatch(/<ins[^>]*>[^<]*Spare gear sets: 9 weeks, not 8\./);
  });

  it("a new round supersedes the old one, and deciding on the superseded version is refused", async () => {
    expect(
      (
        await post("lead", [
          ["intent", "request-approval"],
          ["departments", "sales"],
        ])
      ).status,
    ).toBe(200);
    expect((await server.services.db.approvalRequest.findUniqueOrThrow({ where: { id: firstRound } })).status).toBe(
      "approved",
    );
    const second = await latestRound();
    expect(
      (
        await post("sales", [
          ["intent", "request-approval"],
          ["departments", "logistics"],
        ])
      ).status,
    ).toBe(200);
    expect((await server.services.db.approvalRequest.findUniqueOrThrow({ where: { id: second.id } })).status).toBe(
      "superseded",
    );
    expect(await decide("sales", second.id, "sales", "approved")).toEqual({
      status: 409,
      body: { ok: false, error: "A newer version was sent for approval; decide on that one" },
    });
  });

  it("refuses requests from viewers and outsiders, and unknown departments", async () => {
    expect(
      (
        await post("viewer", [
          ["intent", "request-approval"],
          ["departments", "sales"],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await post("outsider", [
          ["intent", "request-approval"],
          ["departments", "sales"],
        ])
      ).status,
    ).toBe(404);
    expect((await page("outsider")).status).toBe(404);
    expect(
      (
        await post("lead", [
          ["intent", "request-approval"],
          ["departments", "marketing"],
        ])
      ).status,
    ).toBe(400);
  });
});

describe("the approval inbox", () => {
  it("lists a step for exactly the people who may sign it now", async () => {
    // The last round above asks logistics (and the executive, after logistics).
    const inbox = async (handle: string) =>
      (await fetch(`${server.url}/approvals`, { headers: { cookie: await people.cookie(handle) } })).text();
    expect(await inbox("logistics")).toContain("Northwind customer roadmap 2026");
    expect(await inbox("exec")).not.toContain("Northwind customer roadmap 2026");
    expect(await inbox("production")).not.toContain("Northwind customer roadmap 2026");
    expect(await inbox("outsider")).toContain("Nothing is waiting for your decision.");
  });
});

describe("approval status reaches portfolios", () => {
  it("pushes approval:changed to the team's and executives' tabs, and never to outsiders", async () => {
    const listeners = await Promise.all(
      ["production", "exec", "outsider"].map(async (handle) => collect(await people.hub(handle), "approval:changed")),
    );
    const [production, exec, outsider] = listeners;
    expect(
      (
        await post("lead", [
          ["intent", "request-approval"],
          ["departments", "production"],
        ])
      ).status,
    ).toBe(200);
    await waitFor(() => production.length === 1 && exec.length === 1, "team and executive told");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(outsider).toEqual([]);
    expect(production[0]).toEqual({ accountId: northwind, documentId: roadmap });
  });
});
