import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectClient, login, synced, type TestClient } from "../../../server/test/clients";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { indexDocumentBlocks } from "./block-index.server";

let server: TestServer;
let client: TestClient;
let roadmap: string;

const db = () => server.services.db;

/** Polls the table until `check` holds (the indexer waits for the document to rest first). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  const deadline = Date.now() + 5000;
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

function initiative(attrs: Record<string, string | number>): Y.XmlElement {
  const element = new Y.XmlElement("initiative");
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("Spare parts within 8 weeks.")]);
  element.insert(0, [paragraph]);
  return element;
}

beforeAll(async () => {
  server = await startTestServer(undefined, { blockIndexMs: 50 });
  roadmap = await demoDocId(db(), NORTHWIND, "roadmap");
  client = connectClient(server.wsUrl, roadmap, await login(server.url, "lead"));
  await synced(client);
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

describe("the block index follows the live document", () => {
  it("indexes every document at start-up, the demo's included", async () => {
    await until(
      () => db().document.count({ where: { blocksIndexedAt: null } }),
      (count) => count === 0,
      "the catch-up",
    );
  });

  it("an initiative added, changed and removed through y-websocket is added, changed and removed in the table", async () => {
    const fragment = client.doc.getXmlFragment("default");
    const block = initiative({
      blockId: "it-hub",
      title: "Hamburg hub",
      startQuarter: "2027-Q1",
      department: "logistics",
      budget: 120000,
    });
    fragment.insert(fragment.length, [block]);
    const row = () =>
      db().initiativeBlock.findUnique({ where: { documentId_blockId: { documentId: roadmap, blockId: "it-hub" } } });
    const added = await until(row, (r) => r !== null, "the new initiative");
    expect(added).toMatchObject({
      title: "Hamburg hub",
      budget: 120000,
      department: "logistics",
      summary: "Spare parts within 8 weeks.",
    });

    block.setAttribute("budget", 150000 as unknown as string);
    await until(row, (r) => r?.budget === 150000, "the new budget");

    fragment.delete(fragment.length - 1, 1);
    await until(row, (r) => r === null, "the removal");
  });

  it("a malformed block is skipped: the others are indexed and the server serves on", async () => {
    const fragment = client.doc.getXmlFragment("default");
    const bad = initiative({ blockId: "it-bad", startQuarter: "someday" });
    const good = initiative({ blockId: "it-good", title: "Fine", startQuarter: "2027-Q2" });
    fragment.insert(fragment.length, [bad, good]);
    const rows = () =>
      db().initiativeBlock.findMany({ where: { documentId: roadmap, blockId: { in: ["it-bad", "it-good"] } } });
    expect((await until(rows, (r) => r.length > 0, "the good block")).map((r) => r.blockId)).toEqual(["it-good"]);
    expect((await fetch(`${server.url}/login`)).status).toBe(200);
  });

  it("the timeline and the scorecard read what the documents say now, for the team only", async () => {
    const account = (await db().document.findUniqueOrThrow({ where: { id: roadmap } })).accountId;
    const page = async (handle: string, path: string, route: string) =>
      fetch(
        `${server.url}/accounts/${account}/${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(route)}`,
        {
          headers: { cookie: await login(server.url, handle) },
        },
      );
    const timelineRoute = "routes/_workspace.accounts.$accountId.roadmap";
    const scorecardRoute = "routes/_workspace.accounts.$accountId.rights";

    const fragment = client.doc.getXmlFragment("default");
    fragment.insert(fragment.length, [
      initiative({
        blockId: "it-live",
        title: "Live one",
        startQuarter: "2026-Q2",
        endQuarter: "2026-Q3",
        department: "support",
        budget: 1000,
        currency: "EUR",
      }),
    ]);
    type Timeline = {
      lanes: { department: string; initiatives: { blockId: string; fromColumn: number; toColumn: number }[] }[];
      quarters: string[];
    };
    const read = async () => (await (await page("viewer", "roadmap", timelineRoute)).json()) as Timeline;
    const timeline = await until(
      read,
      (t) => t.lanes.some((lane) => lane.initiatives.some((i) => i.blockId === "it-live")),
      "the timeline",
    );
    const live = timeline.lanes
      .find((lane) => lane.department === "support")
      ?.initiatives.find((i) => i.blockId === "it-live");
    expect(live && [timeline.quarters[live.fromColumn], timeline.quarters[live.toColumn]]).toEqual([
      "2026-Q2",
      "2026-Q3",
    ]);
    const filtered = (await (
      await page("viewer", "roadmap?department=sales&status=done", timelineRoute)
    ).json()) as Timeline;
    expect(filtered.lanes.map((lane) => lane.department)).toEqual(["sales"]);

    type Scorecard = {
      rights: { blockId: string; status: string; value: number | null }[];
      counts: Record<string, number>;
    };
    const scorecard = (await (await page("viewer", "rights?quarter=2026-Q3", scorecardRoute)).json()) as Scorecard;
    expect(scorecard.rights).toHaveLength(8);
    // Northwind's on-time delivery was 97.4 in 2026-Q3 against a right of at least 97: kept, but by less than 2%.
    expect(scorecard.rights.find((r) => r.blockId === "nw-r1")).toMatchObject({ value: 97.4, status: "at_risk" });
    expect(Object.values(scorecard.counts).reduce((a, b) => a + b, 0)).toBe(8);

    // The lead raises that right's threshold in the bill of rights: the scorecard reads it broken.
    const rightsDoc = await demoDocId(db(), NORTHWIND, "bill_of_rights");
    const rightsClient = connectClient(server.wsUrl, rightsDoc, await login(server.url, "lead"));
    try {
      await synced(rightsClient);
      const right = rightsClient.doc
        .getXmlFragment("default")
        .createTreeWalker((node) => node instanceof Y.XmlElement && node.getAttribute("blockId") === "nw-r1")
        .next().value as Y.XmlElement;
      const standing = async () =>
        ((await (await page("viewer", "rights?quarter=2026-Q3", scorecardRoute)).json()) as Scorecard).rights.find(
          (r) => r.blockId === "nw-r1",
        )?.status;
      const threshold = right.getAttribute("threshold") as string;
      right.setAttribute("threshold", 99 as unknown as string);
      await until(standing, (status) => status === "broken", "the scorecard to read the new threshold");
      // And back, for the tests after this one.
      right.setAttribute("threshold", threshold);
      await until(standing, (status) => status === "at_risk", "the scorecard to read the threshold restored");
    } finally {
      rightsClient.destroy();
    }

    for (const [path, route] of [
      ["roadmap", timelineRoute],
      ["rights", scorecardRoute],
    ]) {
      expect((await page("outsider", path, route)).status).toBe(404);
      const html = await page("outsider", path, route);
      expect(await html.text()).not.toContain("Live one");
    }
  });

  it("the portfolio counts the rights broken in each account's latest quarter, as the scorecard does", async () => {
    const huadong = await demoAccountId(db(), HUADONG);
    const cookie = await login(server.url, "exec");
    const data = async (path: string, route: string) =>
      (
        await fetch(`${server.url}${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(route)}`, {
          headers: { cookie },
        })
      ).json();
    const scorecard = (await data(`/accounts/${huadong}/rights`, "routes/_workspace.accounts.$accountId.rights")) as {
      counts: { broken: number };
    };
    const portfolio = (await data("/accounts?q=%E5%8D%8E%E4%B8%9C", "routes/_workspace.accounts._index")) as {
      accounts: { id: string; brokenRights: number; attentionReasons: string[] }[];
    };
    const row = portfolio.accounts.find((account) => account.id === huadong);
    // 华东's demo KPIs miss five of its rights' thresholds.
    expect(scorecard.counts.broken).toBe(5);
    expect(row).toMatchObject({ brokenRights: 5 });
    expect(row?.attentionReasons).toContain("brokenRights");
  });

  it("a KPI value that breaks a right notifies the right's department, once", async () => {
    const northwind = await demoAccountId(db(), NORTHWIND);
    const logistics = await db().user.findUniqueOrThrow({ where: { email: "logistics@demo.keyroom" } });
    const notices = () => db().notification.findMany({ where: { userId: logistics.id, kind: "right_broken" } });
    const save = async (value: string) =>
      fetch(
        `${server.url}/accounts/${northwind}/kpis?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.kpis")}`,
        {
          method: "POST",
          headers: { cookie: await login(server.url, "lead") },
          body: new URLSearchParams({ intent: "save", quarter: "2026-Q3", "value:on_time_delivery": value }),
        },
      );
    expect(await notices()).toEqual([]);
    // On-time delivery 90 against a right of at least 97 (owned by logistics): broken.
    expect((await save("90")).status).toBe(200);
    const [notice] = await until(notices, (rows) => rows.length > 0, "the notification");
    expect(notice).toMatchObject({ accountId: northwind, link: `/accounts/${northwind}/rights?quarter=2026-Q3` });
    expect(notice.title).toContain("10 working days");
    // Still broken after another save: no second notification; kept again, then broken again: a new one.
    expect((await save("91")).status).toBe(200);
    expect((await save("99")).status).toBe(200);
    expect((await save("90")).status).toBe(200);
    await until(notices, (rows) => rows.length === 2, "the second notification");
  });

  it("indexing leaves the document's last-edit time alone (approvals compare with it)", async () => {
    const before = await db().document.findUniqueOrThrow({ where: { id: roadmap }, select: { updatedAt: true } });
    await indexDocumentBlocks(db(), roadmap, await server.services.documents.currentState(roadmap));
    const after = await db().document.findUniqueOrThrow({
      where: { id: roadmap },
      select: { updatedAt: true, blocksIndexedAt: true },
    });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.blocksIndexedAt).not.toBeNull();
  });
});
