import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchResults } from "~/features/search/search-results";
import { demoAccountId, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { get, login } from "../../../server/test/clients";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { AdminClient } from "../../../server/test/admin-client";
import { DEPARTMENT_COLORS } from "./departments.schema";

let server: TestServer;
const admin = new AdminClient(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const userId = async (handle: string) =>
  (await server.services.db.user.findUniqueOrThrow({ where: { email: `${handle}@demo.keyroom` } })).id;

async function portfolioNames(handle: string): Promise<string[]> {
  const res = await get(
    server.url,
    `/accounts?_data=${encodeURIComponent("routes/_workspace.accounts._index")}`,
    await admin.cookie(handle),
  );
  const data = (await res.json()) as { accounts: Array<{ name: string }> };
  return data.accounts.map((account) => account.name);
}

async function searchTitles(handle: string, q: string): Promise<string[]> {
  const res = await get(
    server.url,
    `/search?q=${encodeURIComponent(q)}&_data=${encodeURIComponent("routes/_workspace.search")}`,
    await admin.cookie(handle),
  );
  const data = (await res.json()) as { results: SearchResults };
  return data.results.groups.flatMap((group) => group.hits.map((hit) => `${hit.kind}:${hit.accountName}`));
}

/** WCAG relative luminance contrast against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe("departments", () => {
  it("every palette colour keeps AA contrast on white", () => {
    for (const color of DEPARTMENT_COLORS) expect(contrastOnWhite(color), color).toBeGreaterThanOrEqual(4.5);
  });

  it("adds, renames, archives and unarchives; archived ones leave the pickers for new people and members", async () => {
    const added = await admin.reply("departments", {
      intent: "add",
      key: "quality",
      name: "Quality",
      nameZh: "质量部",
      color: DEPARTMENT_COLORS[2],
    });
    expect(added.ok).toBe(true);
    await admin.reply(
      "departments",
      { intent: "add", key: "quality", name: "Q", nameZh: "Q", color: DEPARTMENT_COLORS[0] },
      400,
    );
    const bad = await admin.reply(
      "departments",
      { intent: "add", key: "Bad Key", name: "", nameZh: "x", color: "#ffff00" },
      400,
    );
    expect(!bad.ok && Object.keys(bad.fieldErrors).sort()).toEqual(["color", "key", "name"]);

    await admin.reply("departments", {
      intent: "rename",
      key: "quality",
      name: "Quality Assurance",
      nameZh: "质量保证部",
      color: "",
    });
    const row = await server.services.db.department.findUniqueOrThrow({ where: { key: "quality" } });
    expect(row).toMatchObject({ name: "Quality Assurance", nameZh: "质量保证部", color: DEPARTMENT_COLORS[2] });

    await admin.reply("departments", { intent: "archive", key: "quality" });
    const northwind = await demoAccountId(server.services.db, NORTHWIND);
    const team = await get(
      server.url,
      `/accounts/${northwind}/team?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.team")}`,
      await admin.cookie("lead"),
    );
    const teamKeys = ((await team.json()) as { departments: Array<{ key: string }> }).departments.map((d) => d.key);
    expect(teamKeys).not.toContain("quality");
    expect(teamKeys).toContain("sales");
    // Nor does the team's own form take it, whatever the page offered.
    const addToTeam = await fetch(
      `${server.url}/accounts/${northwind}/team?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.team")}`,
      {
        method: "POST",
        body: new URLSearchParams({
          intent: "add",
          userId: await userId("outsider"),
          department: "quality",
          role: "member",
        }),
        headers: { cookie: await admin.cookie("lead") },
      },
    );
    expect(addToTeam.status).toBe(400);
    const invite = await admin.reply(
      "users",
      { intent: "invite", email: "qa@example.com", name: "QA", department: "quality", workspaceRole: "member" },
      400,
    );
    expect(!invite.ok && invite.fieldErrors.department).toBeTruthy();

    await admin.reply("departments", { intent: "unarchive", key: "quality" });
    expect(
      (await server.services.db.department.findUniqueOrThrow({ where: { key: "quality" } })).archivedAt,
    ).toBeNull();
    await admin.reply("departments", { intent: "archive", key: "nope" }, 404);
  });
});

describe("accounts", () => {
  it("creates an account led by its owner, and names each problem", async () => {
    const made = await admin.reply<{ id: string }>("accounts", {
      intent: "create",
      name: "Contoso Freight",
      industry: "Logistics",
      tier: "key",
      ladderStage: "customer",
      lifecycleStage: "convert",
      ownerEmail: "logistics@demo.keyroom",
    });
    const id = made.ok ? (made.id ?? "") : "";
    const lead = await server.services.db.accountMember.findFirstOrThrow({
      where: { accountId: id },
      select: { role: true, user: { select: { email: true } } },
    });
    expect(lead).toEqual({ role: "lead", user: { email: "logistics@demo.keyroom" } });
    const refused = await admin.reply(
      "accounts",
      { intent: "create", name: "contoso freight", tier: "key", ownerEmail: "nobody@example.com" },
      400,
    );
    expect(!refused.ok && refused.fieldErrors).toMatchObject({
      name: expect.stringMatching(/exists/),
      ownerEmail: expect.stringMatching(/Nobody/),
    });
    await admin.reply("accounts", { intent: "create", name: "", tier: "gold", ownerEmail: "x" }, 400);
  });

  it("an archived account leaves the portfolio and search but its team still opens it", async () => {
    const huadong = await demoAccountId(server.services.db, HUADONG);
    expect(await portfolioNames("lead")).toContain(HUADONG);
    expect(await searchTitles("lead", "华东")).toContain(`account:${HUADONG}`);

    await admin.reply("accounts", { intent: "archive", id: huadong });
    expect(await portfolioNames("lead")).not.toContain(HUADONG);
    expect(await portfolioNames("exec")).not.toContain(HUADONG);
    expect((await searchTitles("lead", "华东")).filter((hit) => hit.endsWith(HUADONG))).toEqual([]);
    expect((await get(server.url, `/accounts/${huadong}`, await admin.cookie("lead"))).status).toBe(200);
    const list = await admin.load<{ accounts: Array<{ id: string; archivedAt: string | null }> }>("accounts");
    expect(list.accounts.find((account) => account.id === huadong)?.archivedAt).not.toBeNull();

    await admin.reply("accounts", { intent: "unarchive", id: huadong });
    expect(await portfolioNames("lead")).toContain(HUADONG);
  });

  it("transfers ownership: the new lead joins as lead, the previous lead becomes a member", async () => {
    const db = server.services.db;
    const northwind = await demoAccountId(db, NORTHWIND);
    const [lead, outsider] = await Promise.all([userId("lead"), userId("outsider")]);
    // The outsider has no home department: they cannot be added until they get one.
    await db.user.update({ where: { id: outsider }, data: { departmentId: null } });
    const refused = await admin.reply("accounts", { intent: "transfer", id: northwind, userId: outsider }, 400);
    expect(!refused.ok && refused.error).toMatch(/department/);
    const support = await db.department.findUniqueOrThrow({ where: { key: "support" } });
    await db.user.update({ where: { id: outsider }, data: { departmentId: support.id } });

    expect((await admin.reply("accounts", { intent: "transfer", id: northwind, userId: outsider })).ok).toBe(true);
    const roles = await db.accountMember.findMany({
      where: { accountId: northwind, userId: { in: [lead, outsider] } },
      select: { userId: true, role: true },
    });
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.role]))).toEqual({ [lead]: "member", [outsider]: "lead" });
    expect((await get(server.url, `/accounts/${northwind}`, await login(server.url, "outsider"))).status).toBe(200);

    // And back: an existing member is promoted in place.
    await admin.reply("accounts", { intent: "transfer", id: northwind, userId: lead });
    const back = await db.accountMember.findMany({
      where: { accountId: northwind, userId: { in: [lead, outsider] } },
      select: { userId: true, role: true },
    });
    expect(Object.fromEntries(back.map((r) => [r.userId, r.role]))).toEqual({ [lead]: "lead", [outsider]: "member" });
    await admin.reply("accounts", { intent: "transfer", id: "no-such-account", userId: lead }, 404);
  });
});
