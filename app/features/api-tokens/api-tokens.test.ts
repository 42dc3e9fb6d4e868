import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendParagraph, get, upgradeStatus, waitFor, webSocketWith } from "../../../server/test/clients";
import { demoDocId, demoUserIds, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { createApiToken } from "./api-token.server";

/**
 * Personal API tokens: made and revoked by their owner on the settings page,
 * shown once and stored hashed; a token opens the collab endpoint as its
 * user (read-only tokens cannot write) and stops working the moment it is
 * revoked, expires, or its user is deactivated.
 */
let server: TestServer;
const people = new People(() => server);
let ids: Record<string, string>;
let roadmap: string;
const db = () => server.services.db;
const ROUTE = encodeURIComponent("routes/_workspace.settings.tokens");
const CLOSE_UNAUTHORIZED = 4401;

beforeAll(async () => {
  server = await startTestServer();
  ids = await demoUserIds(db());
  roadmap = await demoDocId(db(), NORTHWIND, "roadmap");
});

afterAll(async () => {
  people.disconnect();
  await server?.close();
});

type Reply = { ok: boolean; token: { id: string; value: string; name: string } | null; errors: Record<string, string> };

async function submit(handle: string, fields: Record<string, string>) {
  const res = await fetch(`${server.url}/settings/tokens?_data=${ROUTE}`, {
    method: "POST",
    headers: { cookie: await people.cookie(handle) },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, reply: (await res.json()) as Reply };
}

async function makeToken(handle: string, scope: "read" | "write", expiresInDays = "30") {
  const { status, reply } = await submit(handle, {
    intent: "create",
    name: `${handle} ${scope}`,
    scope,
    expiresInDays,
  });
  expect(status).toBe(200);
  if (!reply.token) throw new Error("no token");
  return reply.token;
}

/** The official provider on /collab/:docId, authenticated by the header a headless client sends. */
function tokenClient(docId: string, token: string) {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${server.wsUrl}/collab`, docId, doc, {
    WebSocketPolyfill: webSocketWith({ authorization: `Bearer ${token}` }),
    disableBc: true,
  });
  provider.on("connection-close", (event) => closes.push(event?.code ?? 0));
  return { doc, provider, closes, destroy: () => (provider.destroy(), doc.destroy()) };
}

/** The roadmap's text as stored (the server's current state), not as one client sees it. */
async function storedText(docId: string): Promise<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.services.documents.currentState(docId));
  return doc.getXmlFragment("default").toString();
}

describe("the tokens page", () => {
  it("shows a new token once and keeps only its fingerprint", async () => {
    const token = await makeToken("sales", "read");
    expect(token.value).toMatch(/^kr_[A-Za-z0-9_-]{32}$/);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).not.toContain(token.value);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const page = await get(server.url, `/settings/tokens?_data=${ROUTE}`, await people.cookie("sales"));
    const body = await page.text();
    expect(body).toContain(token.name);
    expect(body).not.toContain(token.value);
    expect(body).not.toContain(row.tokenHash);
  });

  it("lists only the person's own tokens, and nobody revokes another's", async () => {
    const theirs = await makeToken("lead", "write");
    const page = await (
      await get(server.url, `/settings/tokens?_data=${ROUTE}`, await people.cookie("support"))
    ).text();
    expect(page).not.toContain(theirs.id);
    const { status } = await submit("support", { intent: "revoke", tokenId: theirs.id });
    expect(status).toBe(404);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
  });

  it("refuses a token without a name with a field error", async () => {
    const { status, reply } = await submit("sales", { intent: "create", name: " ", scope: "read", expiresInDays: "7" });
    expect(status).toBe(400);
    expect(reply.errors.name).toMatch(/name/i);
    const weird = await submit("sales", { intent: "create", name: "x", scope: "admin", expiresInDays: "7" });
    expect(weird.status).toBe(400);
  });

  it("is for signed-in people only", async () => {
    expect((await get(server.url, "/settings/tokens")).status).toBe(302);
  });
});

describe("tokens at the collab endpoint", () => {
  it("a read-and-write token edits as its user; a read-only one reads and its changes are dropped", async () => {
    const writer = tokenClient(roadmap, (await makeToken("lead", "write")).value);
    await waitFor(() => writer.provider.synced, "writer synced");
    appendParagraph(writer.doc, "written with a token");
    const reader = tokenClient(roadmap, (await makeToken("sales", "read")).value);
    await waitFor(() => reader.provider.synced, "reader synced");
    await waitFor(
      () => reader.doc.getXmlFragment("default").toString().includes("written with a token"),
      "reader sees the edit",
    );
    appendParagraph(reader.doc, "sneaked in with a read-only token");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stored = await storedText(roadmap);
    expect(stored).toContain("written with a token");
    expect(stored).not.toContain("sneaked in");
    writer.destroy();
    reader.destroy();
  });

  it("refuses a token of someone not on the team, an unknown one, and one put in the address", async () => {
    const huadongOnly = await createApiToken(db(), ids["wang.fang"], { name: "x", scope: "read", expiresAt: null });
    expect(
      await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { authorization: `Bearer ${huadongOnly.token}` }),
    ).toBe(403);
    const huadongDoc = await demoDocId(db(), HUADONG, "roadmap");
    expect(
      await upgradeStatus(server.wsUrl, `/collab/${huadongDoc}`, { authorization: `Bearer ${huadongOnly.token}` }),
    ).toBe(101);
    expect(await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { authorization: "Bearer kr_not-a-token" })).toBe(
      401,
    );
    expect(await upgradeStatus(server.wsUrl, `/collab/${roadmap}?token=${huadongOnly.token}`)).toBe(401);
  });

  it("a token that does not work is refused even beside a valid session cookie", async () => {
    const status = await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, {
      authorization: "Bearer kr_revoked-or-made-up",
      cookie: await people.cookie("lead"),
    });
    expect(status).toBe(401);
  });

  it("revoking closes the token's open connection at once, and it cannot reconnect", async () => {
    const token = await makeToken("production", "write");
    const client = tokenClient(roadmap, token.value);
    await waitFor(() => client.provider.synced, "synced");
    const { status } = await submit("production", { intent: "revoke", tokenId: token.id });
    expect(status).toBe(200);
    await waitFor(() => client.closes.includes(CLOSE_UNAUTHORIZED), "closed as unauthorized", 2_000);
    client.destroy();
    expect(await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { authorization: `Bearer ${token.value}` })).toBe(
      401,
    );
  });

  it("an expired token, and a deactivated user's token, are refused", async () => {
    const expired = await createApiToken(db(), ids.lead, {
      name: "old",
      scope: "read",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { authorization: `Bearer ${expired.token}` })).toBe(
      401,
    );
    const support = await createApiToken(db(), ids.support, { name: "s", scope: "read", expiresAt: null });
    expect(await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { authorization: `Bearer ${support.token}` })).toBe(
      101,
    );
    await db().user.update({ where: { id: ids.support }, data: { active: false } });
    try {
      expect(
        await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { authorization: `Bearer ${support.token}` }),
      ).toBe(401);
    } finally {
      await db().user.update({ where: { id: ids.support }, data: { active: true } });
    }
  });

  it("records when a token was last used", async () => {
    const made = await createApiToken(db(), ids.logistics, { name: "used", scope: "read", expiresAt: null });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt).toBeNull();
    await upgradeStatus(server.wsUrl, `/collab/${roadmap}`, { authorization: `Bearer ${made.token}` });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt).not.toBeNull();
  });
});
