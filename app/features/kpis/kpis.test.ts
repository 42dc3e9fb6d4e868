import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kpiOverview } from "~/features/kpis/kpi.server";
import { KPI_IMPORT_LIMITS, recentQuarters } from "~/features/kpis/kpi";
import type { KpiActionReply } from "~/features/kpis/kpi.schema";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let northwind: string;
const people = new People(() => server);
const route = encodeURIComponent("routes/_workspace.accounts.$accountId.kpis");
// Oldest first: [..., previous, current].
const quarters = recentQuarters(new Date());
const current = quarters[7];
const previous = quarters[6];
const older = quarters[5];
const nextYear = `${new Date().getUTCFullYear() + 1}-Q1`;

type Refusal = Extract<KpiActionReply, { ok: false }>;

/** Posts to the KPI page as `handle`; `_data` asks Remix for the action's JSON. */
async function post(handle: string, fields: Record<string, string>) {
  const res = await fetch(`${server.url}/accounts/${northwind}/kpis?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  // Refusals by the route guard are plain text; the action's own answers are JSON.
  const body = res.headers.get("content-type")?.includes("json") ? (JSON.parse(text) as KpiActionReply) : text;
  return { status: res.status, body };
}

const importCsv = (handle: string, csv: string) => post(handle, { intent: "import", csv });

/** A refused import: asserts 400 and that nothing was stored, and returns the reply. */
async function refusedImport(csv: string): Promise<Refusal> {
  const before = await valueCount();
  const res = await importCsv("lead", csv);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(await valueCount()).toBe(before);
  const body = res.body as Refusal;
  expect(body.ok).toBe(false);
  return body;
}

async function page(handle: string) {
  return fetch(`${server.url}/accounts/${northwind}/kpis`, { headers: { cookie: await people.cookie(handle) } });
}

const valueCount = () => server.services.db.kpiValue.count({ where: { accountId: northwind } });

async function stored(quarter: string): Promise<Record<string, number>> {
  const rows = await server.services.db.kpiValue.findMany({
    where: { accountId: northwind, quarter },
    include: { kpi: true },
  });
  return Object.fromEntries(rows.map((row) => [row.kpi.key, row.value]));
}

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  // The demo seed may hold KPIs of its own; these tests own the quarters they write.
  await server.services.db.kpiValue.deleteMany({ where: { accountId: northwind, quarter: { in: quarters } } });
});
afterAll(async () => {
  people.disconnect();
  await server.close();
});

describe("entering a quarter in the form", () => {
  it("stores the values and shows them back; a blank field clears a stored value", async () => {
    const res = await post("lead", {
      intent: "save",
      quarter: current,
      "value:revenue": "1250000",
      "value:margin": "22.5",
      "value:csat": "8.1",
      "value:open_tickets": "4",
      "value:on_time_delivery": "",
    });
    expect(res).toEqual({ status: 200, body: { ok: true, intent: "save", quarter: current, saved: 4, cleared: 1 } });
    expect(await stored(current)).toEqual({ revenue: 1250000, margin: 22.5, csat: 8.1, open_tickets: 4 });
    const overview = await kpiOverview(server.services.db, northwind);
    expect(overview.values[current]).toEqual({ revenue: 1250000, margin: 22.5, csat: 8.1, open_tickets: 4 });

    expect((await post("sales", { intent: "save", quarter: current, "value:margin": "" })).status).toBe(200);
    expect(await stored(current)).toEqual({ revenue: 1250000, csat: 8.1, open_tickets: 4 });
  });

  it("refuses bad numbers per field and an unknown or future quarter, storing nothing", async () => {
    const before = await valueCount();
    const bad = await post("lead", {
      intent: "save",
      quarter: current,
      "value:csat": "eleven",
      "value:active_rate": "140",
      "value:revenue": "-3",
      "value:open_tickets": "2",
    });
    expect(bad.status).toBe(400);
    const { fieldErrors } = bad.body as Refusal;
    expect(fieldErrors).toEqual({
      csat: "“eleven” is not a number.",
      active_rate: "active_rate is a percentage and must be between 0 and 100.",
      revenue: "revenue cannot be negative.",
    });
    const future = await post("lead", { intent: "save", quarter: nextYear, "value:csat": "8" });
    expect(future.status).toBe(400);
    expect((future.body as Refusal).error).toBe(`Quarter ${nextYear} has not started yet.`);
    const malformed = await post("lead", { intent: "save", quarter: "2026-Q7", "value:csat": "8" });
    expect((malformed.body as Refusal).error).toBe("Unknown quarter “2026-Q7”: write it as YYYY-Qn, e.g. 2026-Q3.");
    expect(await valueCount()).toBe(before);
    expect((await stored(current)).open_tickets).toBe(4);
  });

  it("answers in the user's language", async () => {
    const res = await post("support", { intent: "save", quarter: current, "value:csat": "12" });
    expect((res.body as Refusal).fieldErrors.csat).toBe("csat 是满意度评分,必须在 0 到 10 之间。");
  });
});

describe("CSV import", () => {
  it("imports every line of a valid file", async () => {
    const csv = [
      "quarter,kpi,value",
      `${older},csat,7.4`,
      `${older},on_time_delivery,91`,
      `${previous},csat,7.9`,
      `${previous},on_time_delivery,94.5`,
      `${previous},margin,-2`,
      "",
      `${previous},open_tickets,6`,
    ].join("\n");
    const res = await importCsv("lead", csv);
    expect(res).toEqual({ status: 200, body: { ok: true, intent: "import", imported: 6 } });
    expect(await stored(older)).toEqual({ csat: 7.4, on_time_delivery: 91 });
    expect(await stored(previous)).toEqual({ csat: 7.9, on_time_delivery: 94.5, margin: -2, open_tickets: 6 });
  });

  it("accepts columns in any order, quoted cells and a new value for a stored one", async () => {
    const res = await importCsv("lead", `value,quarter,kpi\r\n"7.5",${older},CSAT\r\n`);
    expect(res.body).toEqual({ ok: true, intent: "import", imported: 1 });
    expect((await stored(older)).csat).toBe(7.5);
  });

  const good = `${previous},csat,8`;
  it.each([
    ["a value that is not a number", `${previous},revenue,1.2M`, "“1.2M” is not a number."],
    ["a missing value", `${previous},revenue,`, "The value is missing."],
    ["a negative count", `${previous},open_tickets,-1`, "open_tickets cannot be negative."],
    ["an unknown KPI", `${previous},nps,40`, "Unknown KPI “nps”."],
    ["a malformed quarter", "2026-Q5,csat,8", "Unknown quarter “2026-Q5”: write it as YYYY-Qn, e.g. 2026-Q3."],
    ["a quarter before 2000", "1999-Q4,csat,8", "Unknown quarter “1999-Q4”: write it as YYYY-Qn, e.g. 2026-Q3."],
    ["a future quarter", `${nextYear},csat,8`, `Quarter ${nextYear} has not started yet.`],
    [
      "a percentage over 100",
      `${previous},on_time_delivery,101`,
      "on_time_delivery is a percentage and must be between 0 and 100.",
    ],
    [
      "a CSAT over 10",
      `${previous},active_rate,50\n${previous},margin,20\n${older},csat,10.5`,
      "csat is a satisfaction score and must be between 0 and 10.",
    ],
    ["a duplicate row", `${older},margin,20\n${older},margin,21`, `margin for ${older} already appears on line 3.`],
    [
      "a line with too many cells",
      `${previous},margin,20,extra`,
      "Expected 3 values (quarter, kpi, value) but found 4.",
    ],
  ])("refuses %s, naming its line, and stores nothing", async (_what, lines, problem) => {
    const csv = `quarter,kpi,value\n${good}\n${lines}`;
    const badLine = csv.split("\n").length;
    const reply = await refusedImport(csv);
    expect(reply.error).toBe("Nothing was imported: 1 line has a problem. Fix them and import again.");
    expect(reply.report).toEqual([{ line: badLine, problems: [problem] }]);
  });

  it("reports every bad line and every problem of a line", async () => {
    const reply = await refusedImport(
      ["quarter,kpi,value", `${previous},revenue,abc`, good, "20x6-Q1,unknown_kpi,5", `${previous},margin,30`].join(
        "\n",
      ),
    );
    expect(reply.report).toEqual([
      { line: 2, problems: ["“abc” is not a number."] },
      {
        line: 4,
        problems: ["Unknown quarter “20x6-Q1”: write it as YYYY-Qn, e.g. 2026-Q3.", "Unknown KPI “unknown_kpi”."],
      },
    ]);
    expect((await stored(previous)).margin).toBe(-2);
  });

  it("refuses a wrong header, an empty file, too many lines and too many bytes", async () => {
    expect((await refusedImport(`quarter,metric,value\n${good}`)).error).toBe(
      "The first line must be the header quarter,kpi,value.",
    );
    expect((await refusedImport("quarter,kpi,value\n\n")).error).toBe("The CSV has no data lines.");
    expect((await refusedImport("   ")).error).toBe("The CSV has no data lines.");
    const rows = KPI_IMPORT_LIMITS.maxRows + 1;
    const many = ["quarter,kpi,value", ...Array.from({ length: rows }, () => good)].join("\n");
    expect((await refusedImport(many)).error).toBe(
      `The CSV has ${rows.toLocaleString("en")} data lines; at most ${KPI_IMPORT_LIMITS.maxRows.toLocaleString("en")} can be imported at once.`,
    );
    const huge = `quarter,kpi,value\n${good}\n${"#".repeat(KPI_IMPORT_LIMITS.maxBytes)}`;
    expect((await refusedImport(huge)).error).toBe("The CSV is larger than 200 KB. Split it into smaller files.");
  });
});

describe("who may do what", () => {
  it("lets a viewer read but not save or import; an outsider gets nothing", async () => {
    const before = await valueCount();
    expect((await post("viewer", { intent: "save", quarter: current, "value:csat": "9" })).status).toBe(403);
    expect((await importCsv("viewer", `quarter,kpi,value\n${current},csat,9`)).status).toBe(403);
    expect((await post("outsider", { intent: "save", quarter: current, "value:csat": "9" })).status).toBe(404);
    expect((await importCsv("outsider", `quarter,kpi,value\n${current},csat,9`)).status).toBe(404);
    expect(await valueCount()).toBe(before);

    expect((await page("outsider")).status).toBe(404);
    const viewerPage = await page("viewer");
    expect(viewerPage.status).toBe(200);
    const html = await viewerPage.text();
    expect(html).toContain("You can read this account&#x27;s KPIs but not enter or import them.");
    expect(html).not.toContain('name="csv"');
  });

  it("lets a workspace admin add a KPI, which every account's page then offers; others may not", async () => {
    const fields = {
      intent: "define",
      key: "ciq",
      name: "Customer intelligence quotient",
      nameZh: "客户智商",
      unit: "percent",
      direction: "higher_better",
      target: "60",
      weight: "0.5",
    };
    expect((await post("lead", fields)).status).toBe(403);
    expect(await post("admin", fields)).toEqual({ status: 200, body: { ok: true, intent: "define", key: "ciq" } });
    const again = await post("admin", { ...fields, target: "-1" });
    expect(again.status).toBe(400);
    expect((again.body as Refusal).fieldErrors).toEqual({
      target: "The target must be a number greater than 0, or blank.",
    });
    const taken = await post("admin", fields);
    expect((taken.body as Refusal).fieldErrors).toEqual({ key: "A KPI with this key already exists." });

    const definition = await server.services.db.kpiDefinition.findUniqueOrThrow({ where: { key: "ciq" } });
    expect(definition).toMatchObject({ unit: "percent", target: 60, weight: 0.5, builtIn: false });
    const html = await (await page("lead")).text();
    expect(html).toContain('name="value:ciq"');
    expect(html).toContain("Customer intelligence quotient");
    expect(await (await page("admin")).text()).toContain('name="intent" value="define"');
    expect(await (await page("lead")).text()).not.toContain('name="intent" value="define"');

    expect((await post("lead", { intent: "save", quarter: current, "value:ciq": "45" })).status).toBe(200);
    expect((await stored(current)).ciq).toBe(45);
  });
});

describe("health score", () => {
  it("shows the model's score for the latest quarter, with its formula", async () => {
    const overview = await kpiOverview(server.services.db, northwind);
    expect(overview.latestQuarter).toBe(current);
    const score = overview.health?.score;
    // csat 8.1/9 → 90, open tickets 5/4 → 100 (capped), ciq 45/60 → 75 at weight 0.5: (90 + 100 + 37.5) ÷ 2.5 = 91.
    expect(score).toBe(91);
    const html = await (await page("lead")).text();
    expect(html).toContain(`data-health="${score}"`);
    expect(html).toContain("Health score = Σ (points × weight) ÷ Σ weight = 227.5 ÷ 2.5 ≈ 91");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Customer satisfaction by quarter"/);
  });
});
