import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoundView } from "~/features/scoring-rounds/rounds";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { collect, request } from "../../../server/test/hub-client";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import type { RoundReply as NetValueReply } from "~/features/scoring-rounds/round-reply";
import { summarize, waterfall } from "./net-value";

let server: TestServer;
let northwind: string;
const people = new People(() => server);
const route = encodeURIComponent("routes/_workspace.accounts.$accountId.value");
// Quarters long past, so the demo data's own worksheets never meet these tests'.
const FIRST = "2019-Q1";
const SECOND = "2019-Q2";
const UNOPENED = "2019-Q3";

interface Sheet {
  round: RoundView | null;
  quarter: string;
  quarters: { quarter: string; status: string }[];
  history: { quarter: string; aggregate: RoundView["aggregate"] }[];
  canOpen: boolean;
}

const path = (quarter: string) => `/accounts/${northwind}/value?quarter=${quarter}`;

/** The loader's JSON as `handle` sees it, and its raw text (to look for what must not be there). */
async function sheet(handle: string, quarter: string): Promise<{ status: number; text: string; body: Sheet }> {
  const res = await fetch(`${server.url}${path(quarter)}&_data=${route}`, {
    headers: { cookie: await people.cookie(handle) },
  });
  const text = await res.text();
  return { status: res.status, text, body: res.status === 200 ? (JSON.parse(text) as Sheet) : ({} as Sheet) };
}

async function page(handle: string, quarter: string) {
  const res = await fetch(`${server.url}${path(quarter)}`, { headers: { cookie: await people.cookie(handle) } });
  return { status: res.status, html: await res.text() };
}

async function post(handle: string, fields: Record<string, string>) {
  const res = await fetch(`${server.url}/accounts/${northwind}/value?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  // Refusals by the route guard are plain text; the action's own answers are JSON.
  const body = res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as NetValueReply) : text;
  return { status: res.status, body, redirect: res.headers.get("x-remix-redirect") };
}

const open = (handle: string, quarter: string, more: Record<string, string> = {}) =>
  post(handle, { intent: "open", kind: "net_value", quarter, ...more });

type Factors = [number, number, number, number, number, number, number, number];
const FACTORS = ["service", "product", "people", "image", "price", "time", "energy", "psychic"];

/** The score form's fields: the eight factors in the formula's order, each with a note. */
function scoreFields(roundId: string, scores: Factors, note: string): Record<string, string> {
  const fields: Record<string, string> = { intent: "score", roundId };
  FACTORS.forEach((factor, i) => {
    fields[`score:${factor}`] = String(scores[i]);
    fields[`evidence:${factor}`] = `${note} ${factor}`;
  });
  return fields;
}

async function roundId(quarter: string): Promise<string> {
  const round = await server.services.db.scoringRound.findUniqueOrThrow({
    where: { accountId_kind_quarter: { accountId: northwind, kind: "net_value", quarter } },
    select: { id: true },
  });
  return round.id;
}

const scoreRows = async (quarter: string) =>
  server.services.db.roundScore.count({ where: { roundId: await roundId(quarter) } });

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  await server.services.db.scoringRound.deleteMany({
    where: { accountId: northwind, kind: "net_value", quarter: { in: [FIRST, SECOND, UNOPENED] } },
  });
});
afterAll(async () => {
  people.disconnect();
  await server.close();
});

describe("the worksheet's waterfall and totals", () => {
  it("adds the values, subtracts the costs, and ends on the net value", () => {
    const means = [7, 8, 6, 6, 5, 3, 3, 1];
    const aggregate = FACTORS.map((item, i) => ({ item, mean: means[i] ?? null, min: 0, max: 10, count: 2 }));
    expect(summarize(aggregate)).toEqual({ value: 27, cost: 12, net: 15 });
    const steps = waterfall(aggregate);
    expect(steps.map((s) => s.range)).toEqual([
      [0, 7],
      [7, 15],
      [15, 21],
      [21, 27],
      [22, 27],
      [19, 22],
      [16, 19],
      [15, 16],
      [0, 15],
    ]);
    expect(steps.at(-1)).toMatchObject({ item: "net", change: 15, kind: "net" });
  });

  it("draws a negative net value below zero", () => {
    const means = [1, 1, 1, 1, 5, 5, 5, 5];
    const aggregate = FACTORS.map((item, i) => ({ item, mean: means[i] ?? null, min: 0, max: 10, count: 1 }));
    expect(waterfall(aggregate).at(-1)).toMatchObject({ range: [-16, 0], change: -16 });
  });
});

describe("opening a worksheet", () => {
  it("shows the lead the open form and others an empty state for a quarter nobody opened", async () => {
    const lead = await page("lead", UNOPENED);
    expect(lead.status).toBe(200);
    expect(lead.html).toContain(`Open the worksheet for ${UNOPENED}</h2>`);
    expect(lead.html).toContain('name="intent" value="open"');
    const member = await page("sales", UNOPENED);
    expect(member.html).toContain(
      `The worksheet for ${UNOPENED} has not been opened yet. The account lead opens it.</p>`,
    );
    expect(member.html).not.toContain('name="intent" value="open"');
  });

  it("lets only the lead open it, once per quarter", async () => {
    for (const handle of ["sales", "viewer", "exec", "outsider"]) {
      expect((await open(handle, FIRST)).status, handle).toBe(handle === "outsider" ? 404 : 403);
    }
    const opened = await open("lead", FIRST, { clientId: crypto.randomUUID() });
    expect(opened.status).toBe(204);
    expect(opened.redirect).toBe(path(FIRST));
    const again = await open("lead", FIRST, { clientId: crypto.randomUUID() });
    expect(again).toMatchObject({
      status: 409,
      body: { ok: false, intent: "open", error: `There is already a round for ${FIRST}.` },
    });
    expect(await server.services.db.scoringRound.count({ where: { accountId: northwind, quarter: FIRST } })).toBe(1);
  });

  it("opens net value worksheets only, never an assessment", async () => {
    const res = await post("lead", { intent: "open", kind: "capability", quarter: UNOPENED });
    expect(res.status).toBe(400);
    expect(await server.services.db.scoringRound.count({ where: { accountId: northwind, quarter: UNOPENED } })).toBe(0);
  });
});

describe("scoring, privately until the reveal", () => {
  it("keeps each member's scores and notes from everyone else, and says who finished, live", async () => {
    const id = await roundId(FIRST);
    const viewerHub = await people.hub("viewer");
    expect(await request(viewerHub, "account:join", { accountId: northwind })).toMatchObject({ ok: true });
    const progress = collect(viewerHub, "round:progress");

    expect((await post("lead", scoreFields(id, [8, 7, 6, 5, 4, 3, 2, 1], "LEAD-SECRET"))).body).toEqual({
      ok: true,
      intent: "score",
    });
    expect((await post("sales", scoreFields(id, [6, 9, 6, 7, 6, 3, 4, 1], "SALES-SECRET"))).status).toBe(200);
    await expect
      .poll(() => progress.at(-1))
      .toMatchObject({ kind: "net_value", finished: 2, total: 5, status: "open" });

    for (const handle of ["production", "viewer", "exec"]) {
      const { status, text, body } = await sheet(handle, FIRST);
      expect(status, handle).toBe(200);
      expect(text).not.toContain("SECRET");
      expect(body.round).toMatchObject({ status: "open", aggregate: null, evidence: null, myScores: [] });
      expect(body.round?.progress).toMatchObject({ finished: 2, total: 5 });
    }
    const own = await sheet("sales", FIRST);
    expect(own.text).toContain("SALES-SECRET");
    expect(own.text).not.toContain("LEAD-SECRET");
    expect(own.body.round?.myScores.map((s) => s.score)).toEqual([6, 9, 6, 7, 6, 3, 4, 1]);
    const html = (await page("production", FIRST)).html;
    expect(html).not.toContain("SECRET");
    expect(html).toContain("2 of 5 members have scored every factor.");
  });

  it("lets viewers and executives read but not score, and shows outsiders nothing", async () => {
    const id = await roundId(FIRST);
    const before = await scoreRows(FIRST);
    for (const handle of ["viewer", "exec", "outsider"]) {
      const refused = handle === "outsider" ? 404 : 403;
      expect((await post(handle, scoreFields(id, [5, 5, 5, 5, 5, 5, 5, 5], "nope"))).status, handle).toBe(refused);
    }
    expect(await scoreRows(FIRST)).toBe(before);
    expect((await sheet("viewer", FIRST)).body.round?.canScore).toBe(false);
    expect((await sheet("exec", FIRST)).body.round?.canScore).toBe(false);
    expect((await page("viewer", FIRST)).html).toContain("You can read this worksheet but not score it.");
    expect((await page("outsider", FIRST)).status).toBe(404);
    expect((await sheet("outsider", FIRST)).text).not.toContain("SECRET");
  });

  it("refuses a score out of range with the factor's name in the reader's language, storing nothing", async () => {
    const id = await roundId(FIRST);
    const before = await scoreRows(FIRST);
    const res = await post("production", { ...scoreFields(id, [5, 5, 5, 5, 5, 5, 5, 5], "x"), "score:time": "11" });
    expect(res).toMatchObject({
      status: 400,
      body: { ok: false, intent: "score", error: "Time cost: choose a score from 0 to 10." },
    });
    expect((res.body as Extract<NetValueReply, { ok: false }>).fieldErrors).toEqual({
      "score:time": "Time cost: choose a score from 0 to 10.",
    });
    const zh = await post("support", { ...scoreFields(id, [5, 5, 5, 5, 5, 5, 5, 5], "x"), "score:psychic": "-1" });
    expect(zh.status).toBe(400);
    expect((zh.body as Extract<NetValueReply, { ok: false }>).error).toContain("心理成本");
    const notANumber = await post("production", {
      ...scoreFields(id, [5, 5, 5, 5, 5, 5, 5, 5], "x"),
      "score:time": "lots",
    });
    expect(notANumber).toMatchObject({ status: 400, body: { ok: false, error: "A score must be a whole number." } });
    expect(await scoreRows(FIRST)).toBe(before);
  });

  it("asks for a note with every score when the lead said so", async () => {
    expect((await open("lead", SECOND, { requireEvidence: "true" })).status).toBe(204);
    const id = await roundId(SECOND);
    const fields = { ...scoreFields(id, [5, 5, 5, 5, 5, 5, 5, 5], "x"), "evidence:image": "  " };
    const res = await post("sales", fields);
    expect(res).toMatchObject({
      status: 400,
      body: { ok: false, error: "Image value: this round asks for evidence with every score." },
    });
    expect(await scoreRows(SECOND)).toBe(0);
    expect((await page("sales", SECOND)).html).toContain("Note (required)");
  });
});

describe("revealing", () => {
  it("is the lead's alone; then everyone reads the means, spreads, net value and anonymous notes", async () => {
    const id = await roundId(FIRST);
    // A forbidden step is refused like any other: in the reader's language, for the form that asked.
    expect(await post("sales", { intent: "reveal", roundId: id })).toMatchObject({
      status: 403,
      body: {
        ok: false,
        intent: "reveal",
        error: "Only the account lead can open, set targets for or reveal a round.",
      },
    });
    // Target profiles are the assessment's; the worksheet knows no such intent.
    expect(await post("lead", { intent: "targets", roundId: id, "target:service": "4" })).toMatchObject({
      status: 400,
      body: { ok: false, intent: null },
    });
    expect((await sheet("viewer", FIRST)).body.round?.aggregate).toBeNull();

    expect((await post("lead", { intent: "reveal", roundId: id })).body).toEqual({ ok: true, intent: "reveal" });
    for (const handle of ["viewer", "exec", "production"]) {
      const { round } = (await sheet(handle, FIRST)).body;
      expect(round?.status, handle).toBe("revealed");
      const byItem = Object.fromEntries((round?.aggregate ?? []).map((a) => [a.item, [a.mean, a.min, a.max, a.count]]));
      expect(byItem).toEqual({
        service: [7, 6, 8, 2],
        product: [8, 7, 9, 2],
        people: [6, 6, 6, 2],
        image: [6, 5, 7, 2],
        price: [5, 4, 6, 2],
        time: [3, 3, 3, 2],
        energy: [3, 2, 4, 2],
        psychic: [1, 1, 1, 2],
      });
      expect(summarize(round?.aggregate ?? [])).toEqual({ value: 27, cost: 12, net: 15 });
      // Notes without their authors.
      expect(round?.evidence).toContainEqual({ item: "service", text: "LEAD-SECRET service" });
      expect(new Set(round?.evidence?.flatMap((note) => Object.keys(note)))).toEqual(new Set(["item", "text"]));
    }
    const html = (await page("viewer", FIRST)).html;
    expect(html).toContain('nv-net__value--up">+15</span>');
    expect(html).toContain('aria-label="Waterfall of net customer value for 2019-Q1: values Service value 7,');
  });

  it("closes scoring: a late score is refused in the reader's language", async () => {
    const id = await roundId(FIRST);
    const before = await scoreRows(FIRST);
    const late = await post("production", scoreFields(id, [5, 5, 5, 5, 5, 5, 5, 5], "late"));
    expect(late).toMatchObject({
      status: 409,
      body: { ok: false, error: "This round has been revealed: scoring is closed." },
    });
    expect(await scoreRows(FIRST)).toBe(before);
    expect((await post("lead", { intent: "reveal", roundId: id })).status).toBe(200);
  });
});

describe("quarters compared", () => {
  it("lists every revealed quarter's value, cost and net value side by side", async () => {
    const id = await roundId(SECOND);
    expect((await post("lead", scoreFields(id, [9, 9, 8, 8, 3, 2, 2, 1], "q2"))).status).toBe(200);
    expect((await post("lead", { intent: "reveal", roundId: id })).status).toBe(200);

    const { body } = await sheet("exec", SECOND);
    const mine = body.history.filter((h) => h.quarter === FIRST || h.quarter === SECOND);
    expect(mine.map((h) => [h.quarter, summarize(h.aggregate ?? []).net])).toEqual([
      [FIRST, 15],
      [SECOND, 26],
    ]);
    expect(body.quarters).toContainEqual({ quarter: FIRST, status: "revealed" });
    const html = (await page("exec", SECOND)).html;
    expect(html).toContain("Quarters compared</h2>");
    expect(html).toMatch(/2019-Q1<\/a><\/th><td>27<\/td><td>12<\/td><td>\+15<\/td>/);
    expect(html).toMatch(/2019-Q2<\/a><\/th><td>34<\/td><td>8<\/td><td>\+26<\/td>/);
  });

  it("speaks Chinese to a Chinese reader", async () => {
    const { html } = await page("support", SECOND);
    expect(html).toContain("客户净价值</h1>");
    expect(html).toContain("各季度对比</h2>");
    expect(html).toContain('<th scope="row">服务价值</th>');
  });
});
