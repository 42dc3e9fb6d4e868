import type { JSONContent } from "@tiptap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yjsStateToContent } from "~/features/documents/document-content.server";
import { workspaceSettings } from "~/features/approvals/workspace-settings.server";
import { demoAccountId, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { AdminClient } from "../../../server/test/admin-client";

let server: TestServer;
const admin = new AdminClient(() => server);
let northwind: string;

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
});
afterAll(async () => {
  await server.close();
});

/** The H2 headings at the top level of a document (or inside a top-level block). */
function headings(content: JSONContent): string[] {
  return (content.content ?? []).flatMap((node) => {
    const heading = node.type === "heading" ? node : node.content?.[0];
    return heading?.type === "heading" && heading.attrs?.level === 2
      ? [(heading.content ?? []).map((c) => c.text ?? "").join("")]
      : [];
  });
}

/** Creates a document on Northwind as its lead, through the account page, and reads it back. */
async function newDocument(kind: string): Promise<JSONContent> {
  const res = await fetch(`${server.url}/accounts/${northwind}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "create-document", kind, title: `From template ${Math.random()}` }),
    headers: { cookie: await admin.cookie("lead") },
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  const docId = (res.headers.get("location") ?? "").split("/").pop() ?? "";
  return yjsStateToContent(await server.services.documents.currentState(docId));
}

type TemplateData = { template: { sections: string[]; builtIn: string[]; customised: boolean } };

describe("templates", () => {
  it("edited headings shape new documents; matching sections keep their guidance; reset restores", async () => {
    const before = await admin.load<TemplateData>("templates", "&kind=account_plan&locale=en");
    expect(before.template.customised).toBe(false);
    const builtIn = before.template.sections;
    expect(headings(await newDocument("account_plan"))).toEqual(builtIn);

    const key = { intent: "save", kind: "account_plan", locale: "en" };
    const form = (sections: string[], extra: Record<string, string>) => {
      const body = new URLSearchParams({ ...key, ...extra });
      for (const section of sections) body.append("sections", section);
      return Object.fromEntries([...body.keys()].map((k) => [k, ""])) && body;
    };
    // Rename the first, move the second up, remove the last, add one: each step is stored.
    const post = async (body: URLSearchParams, status = 200) => {
      const res = await fetch(
        `${server.url}/admin/templates?_data=${encodeURIComponent("routes/_workspace.admin.templates")}`,
        {
          method: "POST",
          body,
          headers: { cookie: await admin.cookie("admin") },
        },
      );
      expect(res.status).toBe(status);
    };
    const renamed = ["Who they are", ...builtIn.slice(1)];
    await post(form(renamed, { op: "up:1" }));
    await post(form([builtIn[1], "Who they are", ...builtIn.slice(2)], { op: `remove:${builtIn.length - 1}` }));
    await post(
      form([builtIn[1], "Who they are", ...builtIn.slice(2, -1)], { op: "add", newSection: "Open questions" }),
    );
    const expected = [builtIn[1], "Who they are", ...builtIn.slice(2, -1), "Open questions"];
    const after = await admin.load<TemplateData>("templates", "&kind=account_plan&locale=en");
    expect(after.template).toMatchObject({ customised: true, sections: expected });

    const doc = await newDocument("account_plan");
    expect(headings(doc)).toEqual(expected);
    // A kept section keeps its built-in guidance paragraph; a new one starts empty.
    const nodes = doc.content ?? [];
    const kept = nodes.findIndex((n) => n.type === "heading" && n.content?.[0]?.text === builtIn[1]);
    expect(nodes[kept + 1]?.content?.[0]?.text).toBeTruthy();
    const added = nodes.findIndex((n) => n.type === "heading" && n.content?.[0]?.text === "Open questions");
    expect(nodes[added + 1]).toEqual({ type: "paragraph" });
    // Another language's template is untouched.
    const zh = await admin.load<TemplateData>("templates", "&kind=account_plan&locale=zh-CN");
    expect(zh.template.customised).toBe(false);

    await post(form(["   "], { op: "save" }), 400);
    await post(form([builtIn[0]], { op: "remove:0" }), 400);
    await post(form(expected, { op: "add", newSection: "" }), 400);

    await post(new URLSearchParams({ intent: "reset", kind: "account_plan", locale: "en" }));
    expect(headings(await newDocument("account_plan"))).toEqual(builtIn);
  });
});

describe("settings", () => {
  it("turns separation of duties off and on", async () => {
    await admin.reply("settings", { intent: "approvals" });
    expect((await workspaceSettings(server.services.db)).separationOfDuties).toBe(false);
    await admin.reply("settings", { intent: "approvals", separationOfDuties: "on" });
    expect((await workspaceSettings(server.services.db)).separationOfDuties).toBe(true);
  });

  it("edits a KPI's health-score part and adds a KPI, with field errors", async () => {
    const kpi = await server.services.db.kpiDefinition.findFirstOrThrow({ orderBy: { sortOrder: "asc" } });
    await admin.reply("settings", {
      intent: "kpi",
      id: kpi.id,
      name: "Revenue (net)",
      nameZh: "净收入",
      direction: "higher_better",
      target: "",
      weight: "2.5",
    });
    expect(await server.services.db.kpiDefinition.findUniqueOrThrow({ where: { id: kpi.id } })).toMatchObject({
      name: "Revenue (net)",
      target: null,
      weight: 2.5,
    });
    const bad = await admin.reply(
      "settings",
      { intent: "kpi", id: kpi.id, name: "", nameZh: "x", direction: "up", target: "-1", weight: "0" },
      400,
    );
    expect(!bad.ok && Object.keys(bad.fieldErrors).sort()).toEqual(["direction", "name", "target", "weight"]);
    expect(!bad.ok && bad.objectId).toBe(kpi.id);

    const define = {
      intent: "define",
      key: "ciq",
      name: "CIQ",
      nameZh: "客户亲密度",
      unit: "score",
      direction: "higher_better",
      target: "8",
      weight: "1",
    };
    expect((await admin.reply("settings", define)).ok).toBe(true);
    const taken = await admin.reply("settings", define, 400);
    expect(!taken.ok && taken.fieldErrors.key).toBeTruthy();
    await admin.reply("settings", { intent: "nonsense" }, 400);
  });

  it("new capability rounds start from the default target profile", async () => {
    await admin.reply("settings", { intent: "targets", "target:leadership": "4", "target:outcomes": "5" });
    const res = await fetch(
      `${server.url}/accounts/${northwind}/assessment?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.assessment")}`,
      {
        method: "POST",
        body: new URLSearchParams({ intent: "open", kind: "capability", quarter: "2041-Q1" }),
        headers: { cookie: await admin.cookie("lead") },
      },
    );
    expect(res.status).toBe(200);
    const { roundId } = (await res.json()) as { roundId: string };
    const targets = await server.services.db.roundTarget.findMany({ where: { roundId }, orderBy: { item: "asc" } });
    expect(targets.map(({ item, level }) => [item, level])).toEqual([
      ["leadership", 4],
      ["outcomes", 5],
    ]);
    await admin.reply("settings", { intent: "targets", "target:leadership": "9" }, 400);
    await admin.reply("settings", { intent: "targets" });
    expect(
      (await server.services.db.workspaceSettings.findUnique({ where: { id: "workspace" } }))?.assessmentTargets,
    ).toBeNull();
  });
});
