import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { login, waitFor } from "../../../server/test/clients";
import { demoAccountId, demoDocId, demoUserIds, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startKeyroom } from "../../../server/app";
import { freshDataDir, startTestServer, testConfig, type TestServer } from "../../../server/test/start-test-server";
import { startReceiver } from "../../../server/test/webhook-receiver";
import { seededDatabase } from "../../../server/test/postgres";
import { signatureHeader } from "./signature.server";

const PAGE = "/admin/webhooks?_data=routes%2F_workspace.admin.webhooks";
type Reply = { ok: boolean; webhookId: string; secret: string; fieldErrors: Record<string, string> };
const FAST = { pollMs: 20, retryBaseMs: 50, overdueScanMs: 100 };

let server: TestServer;
const people = new People(() => server);

async function admin(base: string, cookie: string, fields: [string, string][]) {
  const res = await fetch(`${base}${PAGE}`, { method: "POST", headers: { cookie }, body: new URLSearchParams(fields) });
  const text = await res.text();
  return {
    status: res.status,
    // Refusals by the route guard are plain text; the action's answers are JSON.
    body: (res.headers.get("content-type")?.includes("json")
      ? JSON.parse(text)
      : { text, ok: false, webhookId: "", secret: "", fieldErrors: {} }) as Reply,
  };
}

const register = async (base: string, cookie: string, url: string, events: string[]) =>
  admin(base, cookie, [["intent", "create"], ["url", url], ...events.map((e): [string, string] => ["events", e])]);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  server = await startTestServer(undefined, { webhooks: FAST });
});
afterEach(() => people.disconnect());
afterAll(() => server.close());

describe("webhook endpoints on the admin page", () => {
  it("non-admins get 404 for the page and its actions", async () => {
    for (const handle of ["lead", "exec", "viewer"]) {
      const cookie = await people.cookie(handle);
      expect((await fetch(`${server.url}/admin/webhooks`, { headers: { cookie } })).status).toBe(404);
      expect((await register(server.url, cookie, "https://example.com/h", ["right.broken"])).status).toBe(404);
    }
    expect(await server.services.db.webhook.count()).toBe(0);
  });

  it("refuses a plain-http URL off this machine with a field error, and no event", async () => {
    const cookie = await people.cookie("admin");
    const res = await register(server.url, cookie, "http://example.com/hook", ["approval.completed"]);
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual({ url: "integrations.webhooks.error.url.scheme" });
    const none = await register(server.url, cookie, "https://example.com/hook", []);
    expect(none.body.fieldErrors).toEqual({ events: "integrations.webhooks.error.events" });
    expect(await server.services.db.webhook.count()).toBe(0);
  });

  it("the page shows the secret once, then never again", async () => {
    const cookie = await people.cookie("admin");
    const made = await register(server.url, cookie, "https://example.com/once", ["right.broken"]);
    expect(made.status).toBe(200);
    expect(made.body.secret).toMatch(/^whsec_[\w-]{43}$/);
    const html = await (await fetch(`${server.url}/admin/webhooks`, { headers: { cookie } })).text();
    expect(html).toContain("https://example.com/once");
    expect(html).not.toContain(made.body.secret);
    expect(
      (
        await admin(server.url, cookie, [
          ["intent", "delete"],
          ["webhookId", made.body.webhookId],
        ])
      ).status,
    ).toBe(200);
  });
});

describe("an approval completed through the app", () => {
  it("reaches the endpoint once, signed, after two 500s retried with growing waits; a disabled endpoint gets nothing", async () => {
    const cookie = await people.cookie("admin");
    const live = await startReceiver(2);
    const off = await startReceiver();
    try {
      const hook = await register(server.url, cookie, live.url, ["approval.completed", "approval.rejected"]);
      live.state.secret = hook.body.secret;
      const disabled = await register(server.url, cookie, off.url, ["approval.completed"]);
      off.state.secret = disabled.body.secret;
      await admin(server.url, cookie, [
        ["intent", "disable"],
        ["webhookId", disabled.body.webhookId],
      ]);

      const db = server.services.db;
      const northwind = await demoAccountId(db, NORTHWIND);
      const roadmap = await demoDocId(db, NORTHWIND);
      const approval = `/accounts/${northwind}/docs/${roadmap}/approval?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId_.approval")}`;
      const post = async (handle: string, fields: [string, string][]) =>
        (
          await fetch(`${server.url}${approval}`, {
            method: "POST",
            headers: { cookie: await people.cookie(handle) },
            body: new URLSearchParams(fields),
          })
        ).status;
      expect(
        await post("lead", [
          ["intent", "request-approval"],
          ["departments", "sales"],
          ["note", "Q3"],
        ]),
      ).toBe(200);
      const round = await db.approvalRequest.findFirstOrThrow({
        where: { documentId: roadmap },
        orderBy: { createdAt: "desc" },
      });
      const sign = (handle: string, step: string) =>
        post(handle, [
          ["intent", "decide"],
          ["requestId", round.id],
          ["step", step],
          ["decision", "approved"],
          ["comment", ""],
        ]);
      expect(await sign("sales", "sales")).toBe(200);
      // Not completed yet: the executive still has to sign.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(live.received).toEqual([]);
      expect(await sign("exec", "executive")).toBe(200);

      await waitFor(() => live.received.length >= 3, "two failures and a success");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(live.received).toHaveLength(3);
      const [first, second, third] = live.received;
      expect(new Set(live.received.map((r) => r.delivery)).size).toBe(1);
      expect(live.received.every((r) => r.verified && r.event === "approval.completed")).toBe(true);
      expect(first?.contentType).toBe("application/json");
      // Backoff: about 50 ms, then about 300 ms.
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(45);
      expect(third!.at - second!.at).toBeGreaterThanOrEqual(280);
      const payload = JSON.parse(third!.body);
      expect(payload).toMatchObject({
        event: "approval.completed",
        data: {
          approvalRequest: { id: round.id, status: "approved" },
          document: { id: roadmap },
          account: { id: northwind, name: NORTHWIND },
        },
      });
      expect(third!.body).not.toContain(hook.body.secret);
      const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.body.webhookId } });
      expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204, lastError: null });

      expect(off.received).toEqual([]);
      expect(await db.webhookDelivery.count({ where: { webhookId: disabled.body.webhookId } })).toBe(0);

      // A forged signature does not verify with the endpoint's secret.
      expect(signatureHeader("whsec_other", third!.body, 1)).not.toBe(third!.signature);
    } finally {
      await live.close();
      await off.close();
    }
  });

  it("a delivery out of attempts is failed, and redelivered from the page", async () => {
    // Its own server: two attempts per delivery instead of seven.
    const small = await startTestServer(undefined, { webhooks: { ...FAST, maxAttempts: 2 } });
    const receiver = await startReceiver(2);
    try {
      const cookie = await login(small.url, "admin");
      const hook = await register(small.url, cookie, receiver.url, ["right.broken"]);
      receiver.state.secret = hook.body.secret;
      const db = small.services.db;
      await admin(small.url, cookie, [
        ["intent", "ping"],
        ["webhookId", hook.body.webhookId],
      ]);
      const row = await db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.body.webhookId } });
      const state = () => db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } });
      await until(state, (d) => d.status === "failed", "the delivery to fail");
      const failed = await state();
      expect(failed).toMatchObject({ attempts: 2, lastStatusCode: 500, nextAttemptAt: null });
      expect(failed.lastError).toContain("receiver down");
      expect(receiver.received).toHaveLength(2);
      const html = await (await fetch(`${small.url}/admin/webhooks`, { headers: { cookie } })).text();
      expect(html).toContain('data-delivery="failed"');

      const again = await admin(small.url, cookie, [
        ["intent", "redeliver"],
        ["webhookId", hook.body.webhookId],
        ["deliveryId", row.id],
      ]);
      expect(again.status).toBe(200);
      await until(state, (d) => d.status === "delivered", "the redelivery");
      expect(await state()).toMatchObject({ attempts: 1, lastStatusCode: 204 });
      expect(receiver.received.at(-1)).toMatchObject({ event: "ping", delivery: row.id, verified: true });
      // Only failed deliveries go again.
      expect(
        (
          await admin(small.url, cookie, [
            ["intent", "redeliver"],
            ["webhookId", hook.body.webhookId],
            ["deliveryId", row.id],
          ])
        ).status,
      ).toBe(404);
    } finally {
      await receiver.close();
      await small.close();
    }
  });

  it("announces an overdue action item once, however many scans see it", async () => {
    const cookie = await people.cookie("admin");
    const receiver = await startReceiver();
    try {
      const hook = await register(server.url, cookie, receiver.url, ["action_item.overdue"]);
      receiver.state.secret = hook.body.secret;
      const db = server.services.db;
      const ids = await demoUserIds(db);
      const northwind = await demoAccountId(db, NORTHWIND);
      const item = await db.actionItem.create({
        data: {
          accountId: northwind,
          title: "Send the spare-parts quote",
          dueDate: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000),
          createdById: ids.lead!,
          assigneeId: ids.sales!,
        },
      });
      await waitFor(() => receiver.received.some((r) => r.body.includes(item.id)), "the overdue item");
      await new Promise((resolve) => setTimeout(resolve, 400));
      const mine = receiver.received.filter((r) => r.body.includes(item.id));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ event: "action_item.overdue", verified: true });
      expect(JSON.parse(mine[0]!.body).data.actionItem).toMatchObject({
        id: item.id,
        title: "Send the spare-parts quote",
      });
    } finally {
      await receiver.close();
    }
  });
});

describe("old deliveries", () => {
  it("are deleted once sent or failed for 30 days; pending ones and recent ones stay", async () => {
    const hook = await register(server.url, await people.cookie("admin"), "https://example.com/old", ["right.broken"]);
    const db = server.services.db;
    const day = 24 * 60 * 60 * 1000;
    const delivery = (status: string, ageDays: number) =>
      db.webhookDelivery.create({
        data: {
          webhookId: hook.body.webhookId,
          event: "right.broken",
          payload: "{}",
          status,
          createdAt: new Date(Date.now() - ageDays * day),
          // Pending, but not due: the dispatcher leaves it alone during the test.
          nextAttemptAt: status === "pending" ? new Date(Date.now() + day) : null,
        },
      });
    const [oldSent, oldFailed, oldPending, recentSent] = await Promise.all([
      delivery("delivered", 31),
      delivery("failed", 45),
      delivery("pending", 40),
      delivery("delivered", 29),
    ]);
    // The periodic chores run every 100 ms here.
    const left = await until(
      () => db.webhookDelivery.findMany({ where: { webhookId: hook.body.webhookId }, select: { id: true } }),
      (rows) => rows.length === 2,
      "the old finished deliveries to be deleted",
    );
    expect(left.map((row) => row.id).sort()).toEqual([oldPending.id, recentSent.id].sort());
    expect([oldSent.id, oldFailed.id]).not.toContain(left[0]?.id);
  });
});

describe("a pending delivery after a restart", () => {
  it("is sent by the next server on the same data", async () => {
    // The same database both times: a SQLite file, or (npm run test:cluster) a PostgreSQL database.
    const postgres = inject("postgresTemplate") ? await seededDatabase() : undefined;
    const dir = postgres ? fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-test-")) : freshDataDir();
    const config = { ...testConfig(dir), databaseUrl: postgres?.url };
    const receiver = await startReceiver(1);
    const webhooks = { pollMs: 20, retryBaseMs: 500 };
    let first = await startKeyroom(config, { webhooks });
    try {
      const base = `http://127.0.0.1:${first.port}`;
      const cookie = await login(base, "admin");
      const hook = await register(base, cookie, receiver.url, ["right.broken"]);
      receiver.state.secret = hook.body.secret;
      await admin(base, cookie, [
        ["intent", "ping"],
        ["webhookId", hook.body.webhookId],
      ]);
      await waitFor(() => receiver.received.length === 1, "the first, failed attempt");
      const db = first.services.db;
      const row = await until(
        () => db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.body.webhookId } }),
        (d) => d.attempts === 1,
        "the failure to be recorded",
      );
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
      await first.close();

      first = await startKeyroom(config, { webhooks });
      await waitFor(() => receiver.received.length === 2, "the retry from the new server", 5000);
      expect(receiver.received[1]).toMatchObject({ delivery: row.id, verified: true });
      const after = await until(
        () => first.services.db.webhookDelivery.findUniqueOrThrow({ where: { id: row.id } }),
        (d) => d.status === "delivered",
        "the delivery",
      );
      expect(after).toMatchObject({ status: "delivered", attempts: 2 });
    } finally {
      await first.close();
      await receiver.close();
      await postgres?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
