import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get } from "../../../server/test/clients";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { AdminClient } from "../../../server/test/admin-client";

let server: TestServer;
const client = new AdminClient(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SECTIONS = ["users", "departments", "accounts", "templates", "settings"];
/** One harmless-looking write per section, which must never run for a non-admin. */
const WRITES: Record<string, Record<string, string>> = {
  users: { intent: "invite", email: "sneaky@example.com", name: "Sneaky", department: "", workspaceRole: "admin" },
  departments: { intent: "add", key: "sneaky", name: "S", nameZh: "S", color: "#1d4ed8" },
  accounts: { intent: "create", name: "Sneaky Co", tier: "key", ownerEmail: "sales@demo.keyroom" },
  templates: { intent: "reset", kind: "roadmap", locale: "en" },
  settings: { intent: "approvals" },
};

describe("the admin pages are the workspace admin's alone", () => {
  it.each(["sales", "exec", "outsider", "viewer"])("%s gets 404 on every admin page and action", async (handle) => {
    const cookie = await client.cookie(handle);
    for (const section of SECTIONS) {
      expect((await get(server.url, `/admin/${section}`, cookie)).status, section).toBe(404);
      expect((await client.post(section, WRITES[section], handle)).status, section).toBe(404);
    }
    const db = server.services.db;
    expect(await db.invitation.count({ where: { email: "sneaky@example.com" } })).toBe(0);
    expect(await db.department.count({ where: { key: "sneaky" } })).toBe(0);
    expect(await db.account.count({ where: { name: "Sneaky Co" } })).toBe(0);
    expect((await db.workspaceSettings.findUnique({ where: { id: "workspace" } }))?.separationOfDuties ?? true).toBe(
      true,
    );
  });

  it("someone signed out is sent to sign in", async () => {
    for (const section of SECTIONS) {
      const res = await get(server.url, `/admin/${section}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login/);
    }
  });

  it("the admin sees every page, and each action is named in the audit log", async () => {
    const cookie = await client.cookie("admin");
    for (const section of SECTIONS)
      expect((await get(server.url, `/admin/${section}`, cookie)).status, section).toBe(200);
    await client.reply("departments", {
      intent: "add",
      key: "audited",
      name: "Audited",
      nameZh: "审计",
      color: "#1d4ed8",
    });
    await client.reply("settings", { intent: "approvals", separationOfDuties: "on" });
    const entries = () =>
      server.services.db.auditEvent.findMany({
        where: { action: { startsWith: "admin." } },
        select: { action: true, objectType: true, objectId: true, actorEmail: true },
      });
    // Entries are written once the answer has gone out.
    let events = await entries();
    for (let tries = 0; events.length < 2 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      events = await entries();
    }
    expect(events).toEqual(
      expect.arrayContaining([
        {
          action: "admin.departments.add",
          objectType: "department",
          objectId: "audited",
          actorEmail: "admin@demo.keyroom",
        },
        {
          action: "admin.settings.approvals",
          objectType: "settings",
          objectId: "workspace",
          actorEmail: "admin@demo.keyroom",
        },
      ]),
    );
  });
});
