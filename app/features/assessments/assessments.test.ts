import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoundView } from "~/features/scoring-rounds/rounds";
import { CAPABILITY_ELEMENTS } from "~/features/scoring-rounds/rounds";
import { latestResults, roundHistory } from "~/features/scoring-rounds/round-queries.server";
import { waitFor } from "../../../server/test/clients";
import { demoAccountId, demoUserIds, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { collect, request } from "../../../server/test/hub-client";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import type { AssessmentReply } from "./assessment-reply";

let server: TestServer;
let northwind: string;
let huadong: string;
let users: Record<string, string>;
const people = new People(() => server);
const route = encodeURIComponent("routes/_workspace.accounts.$accountId.assessment");
// Quarters no demo round uses, one per scenario so the tests stay independent.
let nextYear = 2040;
const freshQuarter = () => `${nextYear++}-Q2`;
/** The marker evidence that must never reach another member before the reveal. */
const SECRET = "SECRET-EVIDENCE-7f3a";

type Reply = { status: number; body: AssessmentReply | string; text: string };

async function post(handle: string, fields: Record<string, string>, accountId = northwind): Promise<Reply> {
  const res = await fetch(`${server.url}/accounts/${accountId}/assessment?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  const body = res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as AssessmentReply) : text;
  return { status: res.status, body, text };
}

async function load(handle: string, quarter: string, accountId = northwind) {
  const res = await fetch(`${server.url}/accounts/${accountId}/assessment?quarter=${quarter}&_data=${route}`, {
    headers: { cookie: await people.cookie(handle) },
  });
  const text = await res.text();
  return { status: res.status, text, round: res.ok ? (JSON.parse(text) as { round: RoundView | null }).round : null };
}

async function open(quarter: string, requireEvidence = true, clientId?: string): Promise<string> {
  const fields: Record<string, string> = { intent: "open", kind: "capability", quarter };
  if (requireEvidence) fields.requireEvidence = "on";
  if (clientId) fields.clientId = clientId;
  const res = await post("lead", fields);
  expect(res.status, res.text).toBe(200);
  return (res.body as Extract<AssessmentReply, { intent: "open" }>).roundId;
}

/** Every element scored `level` (or per element), with evidence. */
function sheet(roundId: string, level: number | number[], evidence = "We saw it in the QBR"): Record<string, string> {
  const fields: Record<string, string> = { intent: "score", roundId };
  CAPABILITY_ELEMENTS.forEach((element, index) => {
    fields[`score:${element}`] = String(Array.isArray(level) ? level[index] : level);
    fields[`evidence:${element}`] = evidence;
  });
  return fields;
}

const refusal = (reply: Reply) => (reply.body as Extract<AssessmentReply, { ok: false }>).error;
const scoreRows = (roundId: string) => server.services.db.roundScore.count({ where: { roundId } });

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  huadong = await demoAccountId(server.services.db, HUADONG);
  users = await demoUserIds(server.services.db);
});
afterAll(async () => {
  people.disconnect();
  await server.close();
});

describe("a round from opening to reveal", () => {
  it("keeps others' scores and evidence on the server until the lead reveals, then shows the aggregate", async () => {
    const quarter = freshQuarter();
    const roundId = await open(quarter);
    expect((await post("sales", sheet(roundId, 2, SECRET))).status).toBe(200);
    const partial = sheet(roundId, 4, "Lead's view");
    delete partial["score:outcomes"];
    expect((await post("lead", partial)).status).toBe(200);

    // Another member, an executive and the lead see progress, never the numbers or the words.
    for (const handle of ["production", "exec", "lead"]) {
      const page = await load(handle, quarter);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain(SECRET);
      expect(page.round?.aggregate).toBeNull();
      expect(page.round?.evidence).toBeNull();
      expect(page.round?.progress).toMatchObject({ finished: 1, total: 5 });
      expect(page.round?.progress.scorers.find((s) => s.id === users.sales)?.finished).toBe(true);
      expect(page.round?.progress.scorers.find((s) => s.id === users.lead)?.finished).toBe(false);
    }
    // No stray score: the production member's page holds only their own (none).
    const production = await load("production", quarter);
    expect(production.round?.myScores).toEqual([]);
    expect(production.text).not.toMatch(/"score":\s*2/);
    // The scorer reads their own back.
    const sales = await load("sales", quarter);
    expect(sales.round?.myScores).toHaveLength(7);
    expect(sales.round?.myScores[0]).toEqual({ item: "leadership", score: 2, evidence: SECRET });

    expect((await post("lead", { intent: "reveal", roundId })).status).toBe(200);
    const revealed = await load("production", quarter);
    expect(revealed.round?.status).toBe("revealed");
    expect(revealed.round?.canScore).toBe(false);
    expect(revealed.round?.aggregate?.[0]).toEqual({ item: "leadership", mean: 3, min: 2, max: 4, count: 2 });
    expect(revealed.round?.aggregate?.find((a) => a.item === "outcomes")).toMatchObject({ mean: 2, count: 1 });
    // Evidence without names.
    expect(revealed.round?.evidence).toContainEqual({ item: "leadership", text: SECRET });
    expect(JSON.stringify(revealed.round?.evidence)).not.toContain(users.sales);
  });

  it("shows executives and viewers the revealed result; they cannot score", async () => {
    const quarter = freshQuarter();
    const roundId = await open(quarter, false);
    await post("support", sheet(roundId, 3, ""));
    await post("lead", { intent: "reveal", roundId });
    for (const handle of ["exec", "admin", "viewer"]) {
      const page = await load(handle, quarter);
      expect(page.status, handle).toBe(200);
      expect(page.round?.aggregate?.[0]).toMatchObject({ mean: 3, count: 1 });
      expect(page.round?.canScore).toBe(false);
    }
  });

  it("pushes round:progress to the account room after each change, without scores", async () => {
    const quarter = freshQuarter();
    const watcher = await people.hub("production");
    expect(await request(watcher, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
    const seen = collect(watcher, "round:progress");
    const roundId = await open(quarter);
    await waitFor(() => seen.length >= 1, "the opening");
    expect(seen[0]).toEqual({
      roundId,
      accountId: northwind,
      kind: "capability",
      finished: 0,
      total: 5,
      status: "open",
    });
    await post("logistics", sheet(roundId, 3));
    await waitFor(() => seen.some((p) => p.finished === 1), "the finished scorer");
    await post("lead", { intent: "reveal", roundId });
    await waitFor(() => seen.some((p) => p.status === "revealed"), "the reveal");
  });
});

describe("refusals", () => {
  it("only the lead opens a round; one round per quarter; a retried open answers with the same round", async () => {
    const quarter = freshQuarter();
    const member = await post("sales", { intent: "open", kind: "capability", quarter });
    expect(member.status).toBe(403);
    const clientId = "open-retry-0001";
    const first = await open(quarter, true, clientId);
    expect(await open(quarter, true, clientId)).toBe(first);
    const again = await post("lead", { intent: "open", kind: "capability", quarter, clientId: "other-client-0002" });
    expect(again.status).toBe(409);
    expect(refusal(again)).toContain(quarter);
    expect(await server.services.db.scoringRound.count({ where: { accountId: northwind, quarter } })).toBe(1);
    const malformed = await post("lead", { intent: "open", kind: "capability", quarter: "next spring" });
    expect(malformed.status).toBe(400);
    expect(refusal(malformed)).toMatch(/2026-Q4/);
  });

  it("viewers, executives and off-team admins do not score; outsiders are shut out", async () => {
    const roundId = await open(freshQuarter());
    for (const handle of ["viewer", "exec", "admin"]) {
      const res = await post(handle, sheet(roundId, 3));
      expect(res.status, handle).toBe(403);
    }
    const outsider = await post("outsider", sheet(roundId, 3));
    expect([403, 404]).toContain(outsider.status);
    expect((await load("outsider", "2040-Q2")).status).toBeGreaterThanOrEqual(403);
    // A Huadong lead cannot reach a Northwind round through Huadong's page.
    const elsewhere = await post("lead", sheet(roundId, 3), huadong);
    expect(elsewhere.status).toBe(404);
    expect(await scoreRows(roundId)).toBe(0);
  });

  it("refuses out-of-range scores and missing evidence, in the user's language, storing nothing", async () => {
    const roundId = await open(freshQuarter());
    const high = await post("sales", sheet(roundId, 6));
    expect(high.status).toBe(400);
    expect(refusal(high)).toBe("Leadership: choose a score from 1 to 5.");
    const zero = await post("sales", sheet(roundId, 0));
    expect(zero.status).toBe(400);
    const bare = await post("sales", sheet(roundId, 3, "  "));
    expect(bare.status).toBe(400);
    expect(refusal(bare)).toBe("Leadership: this round asks for evidence with every score.");
    // support@ reads Chinese.
    const zh = await post("support", sheet(roundId, 9));
    expect(refusal(zh)).toBe("领导力：请选择 1 到 5 之间的分数。");
    const notNumber = await post("sales", { ...sheet(roundId, 3), "score:leadership": "three" });
    expect(notNumber.status).toBe(400);
    expect(await scoreRows(roundId)).toBe(0);
  });

  it("only the lead reveals; a second reveal changes nothing; a revealed round refuses scores", async () => {
    const roundId = await open(freshQuarter());
    expect((await post("sales", { intent: "reveal", roundId })).status).toBe(403);
    const [a, b] = await Promise.all([
      post("lead", { intent: "reveal", roundId }),
      post("lead", { intent: "reveal", roundId }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const revealedFeed = await server.services.db.activity.count({
      where: { accountId: northwind, kind: "round_revealed", subject: (await roundQuarter(roundId)) ?? "" },
    });
    expect(revealedFeed).toBe(1);
    const late = await post("sales", sheet(roundId, 3));
    expect(late.status).toBe(409);
    expect(refusal(late)).toBe("This round has been revealed: scoring is closed.");
  });

  it("two saves of the same item at once leave one row; a later save overwrites it", async () => {
    const roundId = await open(freshQuarter(), false);
    const one = (score: string) => ({ intent: "score", roundId, "score:leadership": score });
    const replies = await Promise.all([post("sales", one("2")), post("sales", one("4"))]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const rows = await server.services.db.roundScore.findMany({ where: { roundId } });
    expect(rows).toHaveLength(1);
    expect([2, 4]).toContain(rows[0]?.score);
    await post("sales", one("5"));
    const last = await server.services.db.roundScore.findMany({ where: { roundId } });
    expect(last.map((r) => r.score)).toEqual([5]);
  });
});

async function roundQuarter(roundId: string) {
  return (await server.services.db.scoringRound.findUnique({ where: { id: roundId } }))?.quarter;
}

describe("targets and gaps", () => {
  it("the lead sets targets; a gap becomes one action item however often it is clicked", async () => {
    const quarter = freshQuarter();
    const roundId = await open(quarter);
    expect((await post("sales", { intent: "targets", roundId, "target:leadership": "4" })).status).toBe(403);
    const badLevel = await post("lead", { intent: "targets", roundId, "target:leadership": "7" });
    expect(badLevel.status).toBe(400);
    const targets = await post("lead", {
      intent: "targets",
      roundId,
      "target:leadership": "5",
      "target:outcomes": "3",
    });
    expect(targets.status).toBe(200);
    await post("sales", sheet(roundId, [2, 3, 3, 3, 3, 3, 4]));
    await post("production", sheet(roundId, [3, 3, 3, 3, 3, 3, 4]));
    // Before the reveal there is no gap to act on.
    const early = await post("lead", { intent: "gap-action", roundId, item: "leadership", clientId: "gap-early-0001" });
    expect(early.status).toBe(409);
    await post("lead", { intent: "reveal", roundId });

    const page = await load("lead", quarter);
    expect(page.round?.targets).toEqual([
      { item: "leadership", level: 5 },
      { item: "outcomes", level: 3 },
    ]);
    const clientId = "gap-click-0001";
    const first = await post("sales", { intent: "gap-action", roundId, item: "leadership", clientId });
    const second = await post("sales", { intent: "gap-action", roundId, item: "leadership", clientId });
    expect(first.status, first.text).toBe(200);
    const id = (first.body as Extract<AssessmentReply, { intent: "gap-action" }>).actionId;
    expect((second.body as Extract<AssessmentReply, { intent: "gap-action" }>).actionId).toBe(id);
    const item = await server.services.db.actionItem.findUniqueOrThrow({ where: { id } });
    expect(item.title).toBe("Raise Leadership from 2.5 to 5 (capability gap 2.5)");
    // Outcomes meets its target: no gap, no item.
    const none = await post("lead", { intent: "gap-action", roundId, item: "outcomes", clientId: "gap-none-0001" });
    expect(none.status).toBe(409);
    expect(
      (await post("viewer", { intent: "gap-action", roundId, item: "leadership", clientId: "gap-v-0001" })).status,
    ).toBe(403);
  });
});

describe("results for the portfolio and the comparison", () => {
  it("latestResults reads each account's latest revealed rounds; roundHistory lists revealed quarters in order", async () => {
    const quarter = "2099-Q4";
    const opened = await post("lead", { intent: "open", kind: "capability", quarter }, huadong);
    const roundId = (opened.body as Extract<AssessmentReply, { intent: "open" }>).roundId;
    await post("sales", sheet(roundId, [1, 2, 3, 4, 5, 1, 5]), huadong);
    // Open, not revealed: the latest result is still the demo's.
    const before = (await latestResults(server.services.db, [huadong]))[huadong];
    expect(before?.meanMaturityQuarter).not.toBe(quarter);
    await post("lead", { intent: "reveal", roundId }, huadong);

    const after = (await latestResults(server.services.db, [huadong, "no-such-account"]))[huadong];
    expect(after).toMatchObject({ meanMaturity: 3, meanMaturityQuarter: quarter, quarter });
    expect((await latestResults(server.services.db, ["no-such-account"]))["no-such-account"]).toEqual({
      meanMaturity: null,
      meanMaturityQuarter: null,
      netValue: null,
      netValueQuarter: null,
      quarter: null,
    });
    const history = await roundHistory(server.services.db, huadong, "capability");
    expect(history.at(-1)).toMatchObject({ quarter, meanMaturity: 3, netValue: null });
    expect(history.map((h) => h.quarter)).toEqual([...history.map((h) => h.quarter)].sort());
  });
});
