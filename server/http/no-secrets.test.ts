import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, get, login, synced, waitFor } from "../test/clients";
import { demoAccountId, demoUserIds, NORTHWIND } from "../test/demo-data";
import { connected, connectHub, request, type HubClient } from "../test/hub-client";
import { leaksIn, readSecretColumns, type Secret } from "../test/secrets";
import { startTestServer, testConfig, type TestServer } from "../test/start-test-server";

/**
 * Nothing leaked: no page, loader data or hub event holds a value
 * of a secret column (SECRET_COLUMNS: password hashes, session ids), a session
 * cookie or the cookie-signing secret, whoever asks and whatever they ask for.
 * Routes come from the Remix build's manifest, so a new route is covered the
 * day it is added.
 */

const HANDLES = ["lead", "sales", "production", "logistics", "support", "exec", "viewer", "admin", "outsider"];
/** Well-formed (it passes the id check at the edge) but in no table: the 404 paths. */
const MISSING_ID = "cmissing0000000000000000000";
const CONCURRENCY = 4;

let server: TestServer;
const cookies = new Map<string, string>();
let secrets: Secret[] = [];

interface AccountIds {
  id: string;
  docs: string[];
  reviews: string[];
}
let accounts: AccountIds[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // Everyone signs in first, so every person's session row exists when the secrets are read.
  for (const handle of HANDLES) cookies.set(handle, await login(server.url, handle));
  const db = server.services.db;
  const rows = await db.account.findMany({
    select: {
      id: true,
      documents: { select: { id: true }, orderBy: { createdAt: "asc" } },
      reviews: { select: { id: true, minutesDocId: true } },
    },
    orderBy: { name: "asc" },
  });
  // Every document page runs one loader: the account's first document and its review minutes
  // (documents of another kind) stand for all of them.
  accounts = rows.map((row) => ({
    id: row.id,
    docs: [
      ...new Set([
        ...row.documents.slice(0, 1).map((doc) => doc.id),
        ...row.reviews.flatMap((review) => (review.minutesDocId ? [review.minutesDocId] : [])),
      ]),
    ],
    reviews: row.reviews.map((review) => review.id),
  }));
  secrets = [
    ...(await readSecretColumns(db)),
    ...[...cookies].map(([handle, cookie]) => ({
      value: cookie.slice(cookie.indexOf("=") + 1),
      what: `${handle}'s cookie`,
    })),
    { value: testConfig(server.dataDir).sessionSecret, what: "the cookie-signing secret" },
  ];
});

afterAll(async () => {
  await server?.close();
});

type Routes = ServerBuild["routes"];
type Route = NonNullable<Routes[string]>;

/** Each URL pattern of the app ("/accounts/:accountId/docs/:docId") and the route ids matching it, root first. */
function urlPatterns(routes: Routes): Map<string, string[]> {
  const patterns = new Map<string, string[]>();
  for (const route of Object.values(routes)) {
    if (!route || (!route.index && !route.path)) continue;
    const ids: string[] = [];
    const segments: string[] = [];
    for (let at: Route | undefined = route; at; at = at.parentId ? routes[at.parentId] : undefined) {
      ids.unshift(at.id);
      if (at.path) segments.unshift(at.path);
    }
    const pattern = `/${segments.join("/")}`;
    patterns.set(pattern, [...new Set([...(patterns.get(pattern) ?? []), ...ids])]);
  }
  return patterns;
}

/**
 * The ids to try for a param: every account (whether the requester may read it
 * or not) and under each its own documents and reviews; the error paths once
 * per route: a missing account, and under the first account a document or
 * review of another account (a mismatched URL) and a missing one.
 */
function candidates(param: string, chosen: Record<string, string>): string[] {
  if (chosen.accountId === MISSING_ID) return [MISSING_ID];
  const account = accounts.find((a) => a.id === chosen.accountId);
  const other = accounts.find((a) => a.id !== chosen.accountId);
  const errorPaths = (ids: string[]) => (account === accounts[0] ? [...ids.slice(0, 1), MISSING_ID] : []);
  switch (param) {
    case "accountId":
      return [...accounts.map((a) => a.id), MISSING_ID];
    case "docId":
      return [...(account?.docs ?? []), ...errorPaths(other?.docs ?? [])];
    case "reviewId":
      return [...(account?.reviews ?? []), ...errorPaths(other?.reviews ?? [])];
    case "locale":
      return ["en", "zh-CN", "xx"];
    case "version":
      return ["0"];
    case "token":
      // A share link's token: one of the right shape nobody made, and a malformed one.
      return ["A".repeat(32), "short"];
    default:
      throw new Error(`route param :${param} has no ids in no-secrets.test.ts: add some`);
  }
}

function dataUrl(url: string, routeId: string): string {
  return `${url}?_data=${encodeURIComponent(routeId)}`;
}

function concreteUrls(pattern: string): string[] {
  const params = [...pattern.matchAll(/:(\w+)\??/g)].map((match) => match[1]);
  let filled: Record<string, string>[] = [{}];
  for (const param of params) {
    filled = filled.flatMap((chosen) => candidates(param, chosen).map((id) => ({ ...chosen, [param]: id })));
  }
  return filled.map((chosen) => pattern.replace(/:(\w+)\??/g, (_, param: string) => chosen[param]));
}

async function inPool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe("no secret reaches a page or loader data", () => {
  /** Per requester (undefined: signed out), the URLs to ask for. */
  const plan = new Map<string | undefined, string[]>();
  /** The data of a layout (root, the workspace shell), which reads no ids: found whatever the URL. */
  const layoutData = new Set<string>();

  beforeAll(async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    // Each URL's page and its own route's data; a layout's data (root, the workspace shell)
    // once, as their loaders read no ids. Signed out, every route sends to the login page
    // before reading anything: one URL per pattern is enough.
    const urls: string[] = [];
    const signedOut: string[] = [];
    const layoutsAsked = new Set<string>();
    for (const [pattern, routeIds] of urlPatterns(build.routes)) {
      const leaf = routeIds[routeIds.length - 1];
      for (const [index, url] of concreteUrls(pattern).entries()) {
        urls.push(url, dataUrl(url, leaf));
        for (const id of routeIds.slice(0, -1).filter((id) => !layoutsAsked.has(id))) {
          layoutsAsked.add(id);
          urls.push(dataUrl(url, id));
          layoutData.add(dataUrl(url, id));
        }
        if (index === 0) signedOut.push(url, ...routeIds.map((id) => dataUrl(url, id)));
      }
    }
    const extras = [
      "/no/such/page",
      dataUrl("/no/such/page", "root"),
      dataUrl("/accounts", "no-such-route"),
      "/healthz",
    ];
    plan.set(undefined, [...signedOut, ...extras]);
    for (const handle of HANDLES) plan.set(handle, [...urls, ...extras]);
  });

  it("knows what to look for: every password hash, every session, every route", async () => {
    const db = server.services.db;
    const what = secrets.map((secret) => secret.what);
    expect(what.filter((w) => w.startsWith("User.passwordHash"))).toHaveLength(await db.user.count());
    expect(what.filter((w) => w.startsWith("Session.id")).length).toBeGreaterThanOrEqual(HANDLES.length);
    const urls = plan.get("lead") ?? [];
    for (const shape of ["/accounts/:id/docs/:id/versions", "/accounts/:id/reviews/:id/print", "/notifications"]) {
      expect(urls.some((url) => url.replace(/\/c[a-z0-9]{20,}/g, "/:id") === shape)).toBe(true);
    }
  });

  it.each(["signed out", ...HANDLES])(
    "%s: the HTML and ?_data of every route, refused and missing ids included, hold no secret",
    async (who) => {
      const handle = who === "signed out" ? undefined : who;
      const leaks: string[] = [];
      const statuses: number[] = [];
      const wrong: string[] = [];
      await inPool(plan.get(handle) ?? [], async (url) => {
        const res = await get(server.url, url, handle ? cookies.get(handle) : undefined);
        const body = await res.text();
        const headers = [...res.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
        for (const what of leaksIn(`${headers}\n${body}`, secrets)) leaks.push(`GET ${url}: ${what}`);
        statuses.push(res.status);
        // A refusal or a missing id is the client's mistake, never a server error; and
        // an id that does not exist is not found, whoever asks (executives see every
        // account, but not one that is not there).
        if (res.status >= 500) wrong.push(`GET ${url}: ${res.status}`);
        else if (handle && url.includes(MISSING_ID) && !layoutData.has(url) && res.status !== 404)
          wrong.push(`GET ${url}: ${res.status}, not 404`);
        // Nor a broken byte: a NUL in the HTML reaches the page as U+FFFD (app/entry.server.test.ts).
        if (body.includes("\u0000")) wrong.push(`GET ${url}: NUL byte in the body`);
      });
      expect(leaks).toEqual([]);
      expect(wrong).toEqual([]);
      // Not vacuous: a signed-in person got real pages and data, and refusals or 404s.
      if (handle) expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(10);
      expect(statuses.some((status) => status >= 400)).toBe(true);
    },
    120_000,
  );
});

describe("no secret reaches a hub event", () => {
  const open: HubClient[] = [];
  afterAll(() => {
    for (const client of open) client.disconnect();
  });

  it("presence, notifications, activity and the join replies of every demo user hold no secret", async () => {
    const seen: string[] = [];
    const clients = new Map<string, HubClient>();
    for (const handle of HANDLES) {
      const client = connectHub(server.url, cookies.get(handle));
      open.push(client);
      client.onAny((event: string, ...args: unknown[]) => seen.push(`${handle} ${event} ${JSON.stringify(args)}`));
      clients.set(handle, await connected(client));
    }
    const replies: string[] = [];
    const ask = async (handle: string, ...call: Parameters<typeof request>) =>
      replies.push(`${handle} ${call[1]} ${JSON.stringify(await request(...call))}`);
    for (const [handle, client] of clients) {
      for (const account of accounts) {
        await ask(handle, client, "account:join", { accountId: account.id });
        for (const documentId of account.docs) await ask(handle, client, "document:join", { documentId });
        for (const reviewId of account.reviews) await ask(handle, client, "review:join", { reviewId });
      }
      await ask(handle, client, "notifications:sync", { since: null });
    }

    // A stored change that reaches others: sales assigns the lead an action item.
    const ids = await demoUserIds(server.services.db);
    const northwind = await demoAccountId(server.services.db, NORTHWIND);
    const res = await fetch(
      `${server.url}/accounts/${northwind}/actions?_data=${encodeURIComponent("routes/_workspace.accounts.$accountId.actions")}`,
      {
        method: "POST",
        headers: { cookie: cookies.get("sales") ?? "" },
        body: new URLSearchParams({ intent: "create", title: "Check the hub for secrets", assigneeId: ids.lead }),
      },
    );
    expect(res.status).toBe(200);
    await waitFor(() => seen.some((line) => line.startsWith("lead notification ")), "the lead's notification");
    const leadPresence = () => seen.filter((line) => line.startsWith("lead presence ")).length;
    const before = leadPresence();
    clients.get("sales")?.disconnect();
    await waitFor(() => leadPresence() > before, "the lead's presence update after sales left");

    const leaks = [...seen, ...replies].flatMap((line) =>
      leaksIn(line, secrets).map((what) => `${line.split(" ", 2).join(" ")}: ${what}`),
    );
    expect(leaks).toEqual([]);
    expect(seen.some((line) => / activity /.test(line))).toBe(true);
    expect(replies.some((line) => /notifications:sync {"ok":true/.test(line))).toBe(true);
  });
});

describe("no secret reaches a collab peer", () => {
  it("the awareness states (names, departments, carets) each editor receives hold no secret", async () => {
    const documentId = accounts.find((account) => account.docs.length > 0)?.docs[0] ?? "";
    const editors = ["lead", "sales"].map((handle) => connectClient(server.wsUrl, documentId, cookies.get(handle)));
    try {
      await Promise.all(editors.map(synced));
      for (const editor of editors) editor.provider.awareness.setLocalState({ cursor: null });
      await waitFor(
        () => editors.every((editor) => editor.provider.awareness.getStates().size === editors.length),
        "each editor seeing the other",
      );
      const states = editors.map((editor) => JSON.stringify([...editor.provider.awareness.getStates().values()]));
      expect(states.join("\n")).toContain('"userId"');
      expect(states.flatMap((state) => leaksIn(state, secrets))).toEqual([]);
    } finally {
      for (const editor of editors) editor.destroy();
    }
  });
});
