import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import type { ImportReply } from "./account-import";

let server: TestServer;
const people = new People(() => server);
const PAGE = "/admin/import?_data=routes%2F_workspace.admin.import";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function send(handle: string, intent: "preview" | "commit", csv: string) {
  const form = new FormData();
  form.set("intent", intent);
  if (intent === "preview") form.set("file", new Blob([csv], { type: "text/csv" }), "accounts.csv");
  else form.set("csv", csv);
  const res = await fetch(`${server.url}${PAGE}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: form,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null) as ImportReply | null,
  };
}

const accounts = () => server.services.db.account.count();

describe("account CSV import", () => {
  it("non-admins get 404 for the page, its actions and the sample", async () => {
    for (const handle of ["lead", "exec", "viewer"]) {
      const cookie = await people.cookie(handle);
      expect((await fetch(`${server.url}/admin/import`, { headers: { cookie } })).status).toBe(404);
      expect((await fetch(`${server.url}/admin/import/sample.csv`, { headers: { cookie } })).status).toBe(404);
      expect((await send(handle, "preview", "name,owner_email,tier\nX,lead@demo.keyroom,key\n")).status).toBe(404);
    }
  });

  it("a bad file lists every problem of every row and writes nothing, at preview or commit", async () => {
    const db = server.services.db;
    await db.user.create({ data: { email: "nodept@demo.keyroom", name: "No Dept", passwordHash: "-" } });
    const { departmentId } = await db.user.findUniqueOrThrow({ where: { email: "sales@demo.keyroom" } });
    await db.user.create({
      data: { email: "gone@demo.keyroom", name: "Gone", passwordHash: "-", departmentId, active: false },
    });
    const before = await accounts();
    const csv = [
      "\uFEFFname,industry,owner_email,tier,ladder_stage,lifecycle_stage",
      '"Delta, Quoted",Energy,nobody@demo.keyroom,gold,customer,connect',
      "Northwind Rail Systems,Rail,lead@demo.keyroom,key,nowhere,develop",
      ",Retail,nodept@demo.keyroom,key,,",
      "Ghost Ltd,Retail,gone@demo.keyroom,key,,",
      "Twin Co,Retail,sales@demo.keyroom,growth,,",
      "twin co,Retail,not-an-email,growth,,",
    ].join("\r\n");
    for (const intent of ["preview", "commit"] as const) {
      const { status, body } = await send("admin", intent, csv);
      expect(status).toBe(400);
      const rows = body?.preview?.rows ?? [];
      const keys = rows.map((row) => row.errors.map((e) => e.key).sort());
      expect(keys).toEqual([
        ["badValue", "owner-unknown"],
        ["badValue", "nameTaken"],
        ["nameMissing", "owner-no-department"],
        ["owner-inactive"],
        [],
        ["nameRepeated", "ownerEmail"],
      ]);
      expect(rows[0]?.values).toMatchObject({ name: "Delta, Quoted", tier: "gold" });
      expect(rows[0]?.errors.find((e) => e.key === "badValue")?.vars?.accepted).toBe(
        "strategic, key, growth, maintain",
      );
      expect(body?.preview?.ready).toBe(false);
    }
    expect(await accounts()).toBe(before);
  });

  it("names unknown and missing columns as file errors", async () => {
    const { status, body } = await send("admin", "preview", "name,owner,tier,colour\nA,lead@demo.keyroom,key,red\n");
    expect(status).toBe(400);
    expect(body?.preview?.fileErrors.map((e) => [e.key, e.vars?.column])).toEqual([
      ["unknownColumn", "owner"],
      ["unknownColumn", "colour"],
      ["missingColumn", "owner_email"],
    ]);
  });

  it("names a column without a name as such, in the reader's language", async () => {
    const { status, body } = await send("admin", "preview", "name,owner_email,,tier\nA,lead@demo.keyroom,x,key\n");
    expect(status).toBe(400);
    expect(body?.preview?.fileErrors.map((e) => e.key)).toEqual(["unnamedColumn"]);
  });

  it("a good file is previewed, then creates every account with its owner as the team's lead", async () => {
    const before = await accounts();
    const csv =
      "name,owner_email,tier,industry\n" +
      '"Aurora ""Grid"" Ltd",lead@demo.keyroom,strategic,"Power\nand grids"\n' +
      "Borealis Freight,logistics@demo.keyroom,growth,\n";
    const preview = await send("admin", "preview", csv);
    expect(preview.status).toBe(200);
    expect(preview.body?.preview?.ready).toBe(true);
    expect(await accounts()).toBe(before);

    const commit = await send("admin", "commit", preview.body?.csv ?? "");
    expect(commit).toMatchObject({ status: 200, body: { intent: "commit", created: 2 } });
    const made = await server.services.db.account.findMany({
      where: { name: { in: ['Aurora "Grid" Ltd', "Borealis Freight"] } },
      include: { members: { include: { user: { select: { email: true } } } } },
      orderBy: { name: "asc" },
    });
    expect(made.map((a) => [a.name, a.tier, a.ladderStage, a.industry])).toEqual([
      ['Aurora "Grid" Ltd', "strategic", "prospect", "Power\nand grids"],
      ["Borealis Freight", "growth", "prospect", ""],
    ]);
    expect(made.map((a) => a.members.map((m) => [m.user.email, m.role]))).toEqual([
      [["lead@demo.keyroom", "lead"]],
      [["logistics@demo.keyroom", "lead"]],
    ]);
  });

  it("commit checks again: a row that became invalid after the preview fails the whole import", async () => {
    const csv = "name,owner_email,tier\nCirrus Labs,lead@demo.keyroom,key\nStratus Labs,sales@demo.keyroom,key\n";
    expect((await send("admin", "preview", csv)).body?.preview?.ready).toBe(true);
    const before = await accounts();
    // Someone creates "Stratus Labs" meanwhile.
    await server.services.db.account.create({
      data: { name: "STRATUS LABS", industry: "", tier: "key", ladderStage: "prospect", lifecycleStage: "connect" },
    });
    const commit = await send("admin", "commit", csv);
    expect(commit.status).toBe(400);
    expect(commit.body?.preview?.rows[1]?.errors.map((e) => e.key)).toEqual(["nameTaken"]);
    expect(await accounts()).toBe(before + 1);
    expect(await server.services.db.account.count({ where: { name: "Cirrus Labs" } })).toBe(0);
  });

  it("the sample downloads and imports cleanly", async () => {
    const cookie = await people.cookie("admin");
    const res = await fetch(`${server.url}/admin/import/sample.csv`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const sample = await res.text();
    const preview = await send("admin", "preview", sample);
    expect(preview.body?.preview?.rows.flatMap((row) => row.errors)).toEqual([]);
    expect(preview.body?.preview?.rows.every((row) => row.errors.length === 0)).toBe(true);
    const before = await accounts();
    expect((await send("admin", "commit", preview.body?.csv ?? "")).body).toMatchObject({ created: 3 });
    expect(await accounts()).toBe(before + 3);
  });

  it("the page lists the accepted columns and their values", async () => {
    const cookie = await people.cookie("admin");
    const html = await (await fetch(`${server.url}/admin/import`, { headers: { cookie } })).text();
    for (const text of [
      "owner_email",
      "ladder_stage",
      "strategic",
      "advocate",
      "loyalty",
      "/admin/import/sample.csv",
    ]) {
      expect(html).toContain(text);
    }
  });
});
