import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seesWholePortfolio } from "~/features/auth/permissions.server";
import { appendParagraph, connectClient, login, synced, type TestClient } from "../../../server/test/clients";
import { demoDocId, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { SEARCH_KINDS, type SearchKind, type SearchResults } from "./search-results";

const ROUTE = "routes/_workspace.search";

/*
 * Workspace search through the real server and HTTP, on SQLite (`npm test`)
 * and on PostgreSQL (`npm run test:cluster`).
 */
describe("workspace search", () => {
  let server: TestServer;
  const cookies = new Map<string, string>();
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(undefined, { blockIndexMs: 100 });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });

  const cookieOf = async (handle: string) => {
    if (!cookies.has(handle)) cookies.set(handle, await login(server.url, handle));
    return cookies.get(handle) as string;
  };
  const search = async (handle: string, q: string, kind?: SearchKind): Promise<SearchResults> => {
    const params = new URLSearchParams({ q, ...(kind ? { kind } : {}), _data: ROUTE });
    const res = await fetch(`${server.url}/search?${params}`, { headers: { cookie: await cookieOf(handle) } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: SearchResults }).results;
  };
  const documentsFound = async (handle: string, q: string) =>
    (await search(handle, q, "document")).groups.flatMap((group) => group.hits.map((hit) => hit.id));

  it("finds an edit made through a real y-websocket client within the indexing delay, by Chinese substrings of two and three characters", async () => {
    const docId = await demoDocId(server.services.db, NORTHWIND);
    const writer = connectClient(server.wsUrl, docId, await cookieOf("lead"));
    clients.push(writer);
    await synced(writer);
    appendParagraph(writer.doc, "下季度先在苏州试点仓储协同 with Northwind");
    const found = async (q: string) => (await documentsFound("sales", q)).includes(docId);
    const deadline = Date.now() + 10_000;
    while (!(await found("仓储协同")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await found("仓储协同")).toBe(true);
    expect(await found("仓储")).toBe(true);
    expect(await found("苏州试")).toBe(true);
    expect(await found("WITH NORTHWIND")).toBe(true);
    // Not across two paragraphs, and not what the document does not say.
    expect(await found("协同仓储")).toBe(false);
  });

  it("finds everything again after a rebuild of an emptied index", async () => {
    const { db, search: index, documents } = server.services;
    await db.documentText.deleteMany({});
    expect(await documentsFound("lead", "仓储协同")).toEqual([]);
    expect(await index.rebuild((id) => documents.currentState(id))).toBe(await db.document.count());
    expect(await documentsFound("lead", "仓储协同")).toHaveLength(1);
    expect(await documentsFound("lead", "仓储")).toHaveLength(1);
  });

  it("shows each hit with the text around it and a link to where it is", async () => {
    const { groups } = await search("lead", "苏州试点");
    const hit = groups.find((group) => group.kind === "document")?.hits[0];
    expect(hit?.snippet.match).toBe("苏州试点");
    expect(hit?.snippet.after).toContain("仓储协同");
    expect(hit?.href).toMatch(/^\/accounts\/[^/]+\/docs\/[^/]+$/);
  });

  it("never returns another team's data, for any demo user and any kind", async () => {
    const db = server.services.db;
    const users = await db.user.findMany({
      where: { active: true },
      select: { id: true, email: true, workspaceRole: true, memberships: { select: { accountId: true } } },
    });
    const accounts = (await db.account.findMany({ select: { id: true } })).map((a) => a.id);
    // Terms that occur in several accounts' data, in both languages.
    const terms = ["e", "a", "客户", "的", "20"];
    let refusedSomewhere = false;
    for (const user of users) {
      const handle = user.email.split("@")[0];
      const allowed = new Set(
        seesWholePortfolio(user.workspaceRole) ? accounts : user.memberships.map((m) => m.accountId),
      );
      if (allowed.size < accounts.length) refusedSomewhere = true;
      for (const kind of SEARCH_KINDS) {
        for (const q of terms) {
          for (const group of (await search(handle, q, kind)).groups) {
            for (const hit of group.hits) expect(allowed, `${handle} found ${kind} ${hit.id}`).toContain(hit.accountId);
          }
        }
      }
    }
    expect(refusedSomewhere).toBe(true);
  });

  it("tells an outsider nothing of an account: not its documents, comments or name", async () => {
    const northwind = (await search("lead", "Northwind")).groups.flatMap((group) => group.hits);
    expect(northwind.length).toBeGreaterThan(0);
    const outsider = await outsiderHandle(server);
    expect((await search(outsider, "Northwind")).groups).toEqual([]);
    expect((await search(outsider, "仓储协同")).groups).toEqual([]);
  });

  it("finds the Chinese account by part of its name", async () => {
    const accounts = (await search("exec", HUADONG.slice(0, 2), "account")).groups[0]?.hits ?? [];
    expect(accounts.map((hit) => hit.title)).toContain(HUADONG);
  });

  it("answers an empty or over-long query without an error", async () => {
    expect((await search("lead", "   ")).groups).toEqual([]);
    const res = await fetch(`${server.url}/search?q=${"x".repeat(500)}&_data=${ROUTE}`, {
      headers: { cookie: await cookieOf("lead") },
    });
    expect(res.status).toBe(200);
  });

  it("asks a signed-out visitor to sign in", async () => {
    const res = await fetch(`${server.url}/search?q=Northwind`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });
});

/** A demo user on no Northwind team who does not see the whole portfolio. */
async function outsiderHandle(server: TestServer): Promise<string> {
  const user = await server.services.db.user.findFirstOrThrow({
    where: {
      workspaceRole: "member",
      active: true,
      memberships: { none: { account: { name: NORTHWIND } } },
    },
    select: { email: true },
  });
  return user.email.split("@")[0];
}
