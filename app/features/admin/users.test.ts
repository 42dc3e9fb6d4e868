import WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/features/api-tokens/api-token.server";
import {
  connectClient,
  get,
  login,
  synced,
  upgradeStatus,
  waitFor,
  type TestClient,
} from "../../../server/test/clients";
import { demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { connected, connectHub, type HubClient } from "../../../server/test/hub-client";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { AdminClient, tokenOf } from "../../../server/test/admin-client";

let server: TestServer;
const admin = new AdminClient(() => server);
const closers: Array<() => void> = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const close of closers.splice(0)) close();
});
afterAll(async () => {
  await server.close();
});

const userId = async (handle: string) =>
  (await server.services.db.user.findUniqueOrThrow({ where: { email: `${handle}@demo.keyroom` } })).id;

/** A form post to a public one-time-link page. */
const postLink = (path: string, fields: Record<string, string>) =>
  fetch(`${server.url}${path}`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });

describe("invitations", () => {
  it("a one-time link lets the invited person choose a password, sign in, and sign in again later", async () => {
    const made = await admin.reply<{ inviteUrl: string }>("users", {
      intent: "invite",
      email: "New.Person@Example.com",
      name: "New Person",
      department: "support",
      workspaceRole: "member",
    });
    expect(made.ok).toBe(true);
    const url = made.ok ? (made.inviteUrl ?? "") : "";
    expect(url).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{32}$`));
    const path = new URL(url).pathname;
    const stored = await server.services.db.invitation.findFirstOrThrow({
      where: { email: "new.person@example.com" },
      select: { tokenHash: true, expiresAt: true },
    });
    expect(stored.tokenHash).not.toContain(tokenOf(url));
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const page = await get(server.url, path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("New Person");

    const short = await postLink(`${path}?_data=${encodeURIComponent("routes/invite.$token")}`, {
      password: "short",
      confirm: "short",
    });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { fieldErrors: Record<string, string> }).fieldErrors.password).toMatch(/10/);

    const accepted = await postLink(path, { password: "a-long-password", confirm: "a-long-password" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/accounts");
    const cookie = (accepted.headers.get("set-cookie") ?? "").split(";")[0];
    expect((await get(server.url, "/accounts", cookie)).status).toBe(200);
    const user = await server.services.db.user.findUniqueOrThrow({ where: { email: "new.person@example.com" } });
    expect(user).toMatchObject({ name: "New Person", workspaceRole: "member", active: true });

    const again = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "new.person@example.com", password: "a-long-password" }),
      redirect: "manual",
    });
    expect(again.status).toBe(302);

    // Used: the link is gone, for the page and its form alike.
    expect((await get(server.url, path)).status).toBe(404);
    expect((await postLink(path, { password: "another-password", confirm: "another-password" })).status).toBe(404);
  });

  it("revoked, expired and unknown links all answer the same 404", async () => {
    const invite = (email: string) =>
      admin.reply<{ inviteUrl: string; id: string }>("users", {
        intent: "invite",
        email,
        name: "Someone",
        department: "",
        workspaceRole: "member",
      });
    const revoked = await invite("revoked@example.com");
    const expired = await invite("expired@example.com");
    if (!revoked.ok || !expired.ok) throw new Error("invite failed");
    expect((await admin.reply("users", { intent: "revokeInvitation", id: revoked.id ?? "" })).ok).toBe(true);
    await server.services.db.invitation.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const pages = await Promise.all(
      [revoked.inviteUrl, expired.inviteUrl, `${server.url}/invite/${"x".repeat(32)}`, `${server.url}/invite/nope`].map(
        async (url) => {
          const res = await get(server.url, new URL(url ?? "").pathname);
          return {
            status: res.status,
            body: (await res.text()).replace(/nonce="[^"]*"/g, "").replace(/[0-9a-f-]{36}/g, ""),
          };
        },
      ),
    );
    expect(pages.map((page) => page.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(pages.map((page) => page.body)).size).toBe(1);
    // Revoking twice: nothing left to revoke.
    await admin.reply("users", { intent: "revokeInvitation", id: revoked.id ?? "" }, 404);
  });

  it("refuses a taken email and bad fields with localised field errors", async () => {
    const taken = await admin.reply(
      "users",
      { intent: "invite", email: "sales@demo.keyroom", name: "X", department: "", workspaceRole: "member" },
      400,
    );
    expect(!taken.ok && taken.fieldErrors.email).toMatch(/already/);
    const bad = await admin.reply(
      "users",
      { intent: "invite", email: "not-an-email", name: "", department: "Nope!", workspaceRole: "king" },
      400,
    );
    expect(!bad.ok && Object.keys(bad.fieldErrors).sort()).toEqual(["department", "email", "name", "workspaceRole"]);
    await server.services.db.user.update({ where: { email: "admin@demo.keyroom" }, data: { locale: "zh-CN" } });
    try {
      const zh = await admin.reply(
        "users",
        { intent: "invite", email: "x", name: "X", department: "", workspaceRole: "member" },
        400,
      );
      expect(!zh.ok && zh.fieldErrors.email).toBe("请输入有效的电子邮件地址。");
    } finally {
      await server.services.db.user.update({ where: { email: "admin@demo.keyroom" }, data: { locale: "en" } });
    }
  });
});

describe("deactivation", () => {
  it("ends the person's session, API token, collab sockets and hub socket at once, and refuses sign-in", async () => {
    const db = server.services.db;
    const target = await userId("production");
    const cookie = await login(server.url, "production");
    const { token } = await createApiToken(db, target, { name: "laptop", scope: "write", expiresAt: null });
    const docId = await demoDocId(db, NORTHWIND);

    const editor: TestClient = connectClient(server.wsUrl, docId, cookie);
    closers.push(() => editor.destroy());
    await synced(editor);
    const closes: number[] = [];
    editor.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    // The provider would reconnect; a refused reconnect must not count as "still working".
    editor.provider.shouldConnect = true;

    const bearer = new WebSocket(`${server.wsUrl}/collab/${docId}`, { headers: { authorization: `Bearer ${token}` } });
    closers.push(() => bearer.terminate());
    await new Promise((resolve, reject) => {
      bearer.once("open", resolve);
      bearer.once("error", reject);
    });
    let bearerClosed = 0;
    bearer.on("close", (code) => (bearerClosed = code));

    const hub: HubClient = connectHub(server.url, cookie);
    closers.push(() => hub.disconnect());
    await connected(hub);

    const api = () => fetch(`${server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}` } });
    expect((await api()).status).toBe(200);

    const res = await admin.post("users", { intent: "deactivate", id: target });
    expect(res.status).toBe(200);
    const at = Date.now();
    await waitFor(() => closes.length > 0 && bearerClosed !== 0 && !hub.connected, "every connection closed", 1000);
    expect(Date.now() - at).toBeLessThan(1000);
    expect(closes[0]).toBe(4401);
    expect(bearerClosed).toBe(4401);

    expect((await get(server.url, "/accounts", cookie)).status).toBe(302);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { authorization: `Bearer ${token}` })).toBe(401);
    expect((await api()).status).toBe(401);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { cookie })).toBe(401);
    await expect(login(server.url, "production")).rejects.toThrow(/400/);
    const refusedHub = connectHub(server.url, cookie);
    closers.push(() => refusedHub.disconnect());
    await expect(connected(refusedHub)).rejects.toBeTruthy();

    expect((await admin.reply("users", { intent: "reactivate", id: target })).ok).toBe(true);
    expect(await login(server.url, "production")).toMatch(/^__session=/);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { authorization: `Bearer ${token}` })).toBe(101);
  });

  it("an admin cannot deactivate themself or drop their own admin role", async () => {
    const me = await userId("admin");
    const refused = await admin.reply("users", { intent: "deactivate", id: me }, 400);
    expect(!refused.ok && refused.error).toMatch(/yourself/);
    await admin.reply("users", { intent: "update", id: me, department: "", workspaceRole: "member" }, 400);
    expect((await server.services.db.user.findUniqueOrThrow({ where: { id: me } })).active).toBe(true);
    await admin.reply("users", { intent: "deactivate", id: "no-such-user" }, 404);
  });
});

describe("password reset and changes", () => {
  it("a reset link ends the sessions, works once, and the new password signs in", async () => {
    const target = await userId("support");
    const cookie = await login(server.url, "support");
    const made = await admin.reply<{ resetUrl: string }>("users", { intent: "resetPassword", id: target });
    const path = new URL((made.ok && made.resetUrl) || "http://invalid/").pathname;
    expect(path).toMatch(/^\/reset\/[A-Za-z0-9_-]{32}$/);
    expect((await get(server.url, "/accounts", cookie)).status).toBe(302);
    expect((await get(server.url, path)).status).toBe(200);
    const data = `?_data=${encodeURIComponent("routes/reset.$token")}`;
    const mismatch = await postLink(path + data, { password: "new-password-1", confirm: "new-password-2" });
    expect(mismatch.status).toBe(400);
    const done = await postLink(path + data, { password: "new-password-1", confirm: "new-password-1" });
    expect(done.status).toBe(200);
    expect(await login(server.url, "support", "new-password-1")).toMatch(/^__session=/);
    await expect(login(server.url, "support")).rejects.toThrow(/400/);
    expect((await postLink(path, { password: "new-password-3", confirm: "new-password-3" })).status).toBe(404);
    expect((await get(server.url, path)).status).toBe(404);
  });

  it("changes a person's department and role; an archived department is refused", async () => {
    const target = await userId("logistics");
    expect(
      (await admin.reply("users", { intent: "update", id: target, department: "support", workspaceRole: "executive" }))
        .ok,
    ).toBe(true);
    const user = await server.services.db.user.findUniqueOrThrow({
      where: { id: target },
      select: { workspaceRole: true, department: { select: { key: true } } },
    });
    expect(user).toEqual({ workspaceRole: "executive", department: { key: "support" } });
    await server.services.db.department.update({ where: { key: "production" }, data: { archivedAt: new Date() } });
    try {
      const refused = await admin.reply(
        "users",
        { intent: "update", id: target, department: "production", workspaceRole: "member" },
        400,
      );
      expect(!refused.ok && refused.error).toMatch(/archived/);
    } finally {
      await server.services.db.department.update({ where: { key: "production" }, data: { archivedAt: null } });
    }
    await admin.reply("users", { intent: "update", id: target, department: "sales", workspaceRole: "member" });
  });

  it("a role change follows live connections: an executive made a member loses accounts off their teams at once", async () => {
    const target = await userId("outsider");
    await admin.reply("users", { intent: "update", id: target, department: "support", workspaceRole: "executive" });
    const cookie = await login(server.url, "outsider");
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const reader: TestClient = connectClient(server.wsUrl, docId, cookie);
    closers.push(() => reader.destroy());
    await synced(reader);
    const closes: number[] = [];
    reader.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));

    await admin.reply("users", { intent: "update", id: target, department: "support", workspaceRole: "member" });
    await waitFor(() => closes.length > 0, "the reader's connection closed", 1000);
    expect(closes[0]).toBe(4403);
    expect(await upgradeStatus(server.wsUrl, `/collab/${docId}`, { cookie })).toBe(403);
  });

  it("lists and searches people", async () => {
    const all = await admin.load<{ total: number; people: Array<{ email: string }> }>("users");
    expect(all.people.map((p) => p.email)).toContain("viewer@demo.keyroom");
    const found = await admin.load<{ people: Array<{ email: string }> }>("users", "&q=VIEW");
    expect(found.people.map((p) => p.email)).toEqual(["viewer@demo.keyroom"]);
  });
});
