import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { BlockChanges, BlockSet } from "~/features/blocks/block-changes";
import { connectClient, synced } from "../../../server/test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { blocksByStep } from "./approval-blocks.server";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let pagePath: string;
let roadmap: string;
const people = new People(() => server);
const route = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId_.approval");

interface PageData {
  status: string;
  current: { id: string } | null;
  stepBlocks: Record<string, BlockSet> | null;
  changes: { blocks: BlockChanges } | null;
}

async function pageData(handle: string): Promise<PageData> {
  const res = await fetch(`${server.url}${pagePath}?_data=${route}`, {
    headers: { cookie: await people.cookie(handle) },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PageData;
}

async function pageHtml(handle: string): Promise<string> {
  return (await fetch(`${server.url}${pagePath}`, { headers: { cookie: await people.cookie(handle) } })).text();
}

async function post(handle: string, fields: [string, string][]) {
  const res = await fetch(`${server.url}${pagePath}?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
  });
  expect(await res.json()).toEqual({ ok: true, error: null });
}

const ids = (blocks: { blockId: string }[]) => blocks.map((b) => b.blockId);

beforeAll(async () => {
  server = await startTestServer();
  const northwind = await demoAccountId(server.services.db, NORTHWIND);
  roadmap = await demoDocId(server.services.db, NORTHWIND);
  pagePath = `/accounts/${northwind}/docs/${roadmap}/approval`;
});
afterAll(() => {
  people.disconnect();
  return server.close();
});

describe("an approval shows what each step signs for", () => {
  let requestId: string;

  it("lists each department's initiatives of the version sent, and all of them for the executive", async () => {
    await post("lead", [
      ["intent", "request-approval"],
      ...["sales", "production", "logistics", "support"].map((key): [string, string] => ["departments", key]),
    ]);
    const data = await pageData("logistics");
    requestId = data.current!.id;
    const steps = data.stepBlocks!;
    expect(ids(steps.logistics.initiatives)).toEqual(["nw-i01", "nw-i06", "nw-i07"]);
    expect(steps.logistics.initiatives.every((b) => b.department === "logistics")).toBe(true);
    expect(steps.logistics.initiatives[0]).toMatchObject({
      title: "Monthly joint delivery review with Northwind purchasing",
      startQuarter: "2026-Q1",
      budget: 12000,
      currency: "EUR",
      status: "done",
      goal: "external",
    });
    expect(ids(steps.sales.initiatives)).toEqual(["nw-i03", "nw-i05", "nw-i11", "nw-i12"]);
    expect(steps.executive.initiatives).toHaveLength(12);
    expect(steps.logistics.rights).toEqual([]);

    // The logistics signer sees their list open, with the fields they sign for.
    const html = await pageHtml("logistics");
    expect(html).toMatch(/<details class="step-blocks" open="">/);
    expect(html).toContain("Consignment stock of 24 spare gear sets at Derby");
    expect(html).toContain("€65,000");
  });

  it("after approval, an edited budget is named as a changed block with its old and new amount", async () => {
    for (const [handle, step] of [
      ["sales", "sales"],
      ["production", "production"],
      ["logistics", "logistics"],
      ["support", "support"],
      ["exec", "executive"],
    ]) {
      await post(handle, [
        ["intent", "decide"],
        ["requestId", requestId],
        ["step", step],
        ["decision", "approved"],
      ]);
    }
    expect((await pageData("lead")).status).toBe("approved");

    const client = connectClient(server.wsUrl, roadmap, await people.cookie("logistics"));
    await synced(client);
    const block = client.doc
      .getXmlFragment("default")
      .toArray()
      .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.getAttribute("blockId") === "nw-i01");
    // As the editor does: a number (Yjs's types only know string attributes).
    block!.setAttribute("budget", 15000 as unknown as string);

    let data = await pageData("lead");
    for (let i = 0; i < 100 && data.status !== "approved_changed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      data = await pageData("lead");
    }
    client.destroy();
    expect(data.status).toBe("approved_changed");
    expect(data.changes!.blocks.rights).toEqual([]);
    expect(data.changes!.blocks.initiatives).toEqual([
      expect.objectContaining({
        change: "changed",
        blockId: "nw-i01",
        fields: ["budget"],
        before: expect.objectContaining({ budget: 12000, currency: "EUR" }),
        after: expect.objectContaining({ budget: 15000, currency: "EUR" }),
      }),
    ]);
    // The signed lists stay those of the approved version.
    expect(data.stepBlocks!.logistics.initiatives[0].budget).toBe(12000);

    const html = await pageHtml("lead");
    expect(html).toMatch(/data-block="nw-i01"[\s\S]*<dt>Budget<\/dt><dd><del>€12,000<\/del>[\s\S]*<ins>€15,000<\/ins>/);
    // In the reader's language: the support lead reads Chinese.
    expect(await pageHtml("support")).toContain("<dt>预算</dt>");
  });
});

describe("blocksByStep", () => {
  const initiative = (blockId: string, department: string) => ({
    blockId,
    title: blockId,
    startQuarter: "2026-Q1",
    endQuarter: null,
    department,
    budget: null,
    currency: "EUR" as const,
    status: "planned" as const,
    goal: "external" as const,
    internal: false,
  });

  it("gives a department that owns nothing an empty list, and a version without blocks no lists at all", () => {
    const blocks = { initiatives: [initiative("a", "sales"), initiative("b", "")], rights: [] };
    const steps = [{ key: "sales" }, { key: "logistics" }, { key: "executive" }];
    expect(blocksByStep(blocks, steps)).toEqual({
      sales: { initiatives: [blocks.initiatives[0]], rights: [] },
      logistics: { initiatives: [], rights: [] },
      executive: blocks,
    });
    expect(blocksByStep({ initiatives: [], rights: [] }, steps)).toBeNull();
  });
});
