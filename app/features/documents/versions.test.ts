import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { contentHash, yjsStateToContent } from "~/features/documents/document-content.server";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../../../server/test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

let server: TestServer;
let northwind: string;
let roadmap: string;
const cookies: Record<string, string> = {};
const route = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId_.versions");

async function cookie(handle: string): Promise<string> {
  cookies[handle] ??= await login(server.url, handle);
  return cookies[handle];
}

async function post(handle: string, fields: Record<string, string>) {
  return fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}/versions?_data=${route}`, {
    method: "POST",
    headers: { cookie: await cookie(handle) },
    body: new URLSearchParams(fields),
  });
}

async function page(handle: string, query = ""): Promise<Response> {
  return fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}/versions${query}`, {
    headers: { cookie: await cookie(handle) },
    redirect: "manual",
  });
}

// The demo's closed review took a "review" version of the roadmap; these tests look at the ones they make.
const versions = () =>
  server.services.db.docVersion.findMany({
    where: { documentId: roadmap, reason: { not: "review" } },
    orderBy: { createdAt: "asc" },
  });

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  roadmap = await demoDocId(server.services.db, NORTHWIND);
});
afterAll(() => server.close());

describe("versions", () => {
  let client: TestClient;

  it("saves a named version bound to the content's hash, and lists it", async () => {
    expect((await post("lead", { intent: "save-version", name: "Agreed in November" })).status).toBe(200);
    const [saved] = await versions();
    const stored = await server.services.db.docVersion.findUniqueOrThrow({ where: { id: saved.id } });
    expect(stored.contentHash).toBe(contentHash(yjsStateToContent(stored.state)));
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const html = await (await page("sales")).text();
    expect(html).toContain("Agreed in November");
    expect(html).toContain("Same as now");
  });

  it("compares a version with now: a paragraph added since shows as added, a changed budget as old → new", async () => {
    client = connectClient(server.wsUrl, roadmap, await cookie("sales"), { acks: "1" });
    await synced(client);
    appendParagraph(client.doc, "Added after the November version.");
    // And one initiative's budget moves: the comparison names the field, old → new, as money.
    const initiative = client.doc
      .getXmlFragment("default")
      .createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === "initiative")
      .next().value as Y.XmlElement;
    const blockId = initiative.getAttribute("blockId");
    initiative.setAttribute("budget", 150000 as unknown as string);
    initiative.setAttribute("currency", "CNY");
    await waitFor(() => client.text().includes("Added after"), "local edit");
    // "Now" is what the server has stored: wait until the edit is in.
    for (let i = 0; i < 100; i++) {
      const stored = JSON.stringify(yjsStateToContent(await server.services.documents.currentState(roadmap)));
      if (stored.includes("Added after") && stored.includes("150000")) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [saved] = await versions();
    const diff = await (await page("sales", `?from=${saved.id}&to=now`)).text();
    expect(diff).toMatch(/<ins[^>]*>[^<]*Added after the November version\.|Added after the November version\./);
    expect(diff).toContain("1 added, 0 removed, 1 changed");
    expect(diff).toContain("1 changed, 0 added, 0 removed");
    expect(diff).toMatch(
      /<dt>Budget<\/dt><dd><del>[^<]+<\/del><span aria-hidden="true"> → <\/span><ins>CN¥150,000<\/ins>/,
    );

    const data = (await (await page("sales", `?from=${saved.id}&to=now&_data=${route}`)).json()) as {
      shown: { blockChanges: { initiatives: { change: string; blockId: string; fields?: string[] }[] } };
    };
    expect(data.shown.blockChanges.initiatives).toEqual([
      expect.objectContaining({ change: "changed", blockId, fields: ["budget"] }),
    ]);
  });

  it("restores a version as a new change that a connected editor sees live, and keeps the history", async () => {
    const [november] = await versions();
    const res = await post("lead", { intent: "restore-version", versionId: november.id });
    expect(res.status).toBe(200);
    await waitFor(() => !client.text().includes("Added after the November version."), "restore reaches the editor");
    const all = await versions();
    expect(all.map((v) => v.reason)).toEqual(["manual", "restore"]);
    // The text from before the restore is still there, as a version.
    const before = yjsStateToContent(all[1].state);
    expect(JSON.stringify(before)).toContain("Added after the November version.");
    // And the document now reads like November again.
    const now = yjsStateToContent(await server.services.documents.currentState(roadmap));
    expect(contentHash(now)).toBe(november.contentHash);
    client.destroy();
  });

  it("refuses viewers and outsiders, and unknown versions", async () => {
    expect((await post("viewer", { intent: "save-version", name: "nope" })).status).toBe(403);
    expect((await post("outsider", { intent: "save-version", name: "nope" })).status).toBe(404);
    expect((await page("outsider")).status).toBe(404);
    expect((await page("viewer")).status).toBe(200);
    expect((await post("lead", { intent: "restore-version", versionId: "nope" })).status).toBe(404);
    expect((await post("lead", { intent: "save-version", name: "  " })).status).toBe(400);
    expect((await page("sales", "?view=nope")).status).toBe(404);
  });
});

describe("the versions list, a page at a time", () => {
  type Listed = { versions: { id: string }[]; older: string | null; choices: { id: string }[] };
  const list = async (query: string): Promise<Listed> => {
    const response = await page("sales", `${query}${query ? "&" : "?"}_data=${route}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Listed;
  };

  it("walks every version newest first, and one saved meanwhile neither repeats nor hides another", async () => {
    const { state, contentHash: hash } = await server.services.db.docVersion.findFirstOrThrow({
      where: { documentId: roadmap },
    });
    const start = Date.UTC(2025, 0, 1);
    await server.services.db.docVersion.createMany({
      data: Array.from({ length: 70 }, (_, i) => ({
        documentId: roadmap,
        name: `Weekly ${i}`,
        reason: "manual",
        state,
        contentHash: hash,
        // Pairs share a moment, so the order must also hold between versions saved at once.
        createdAt: new Date(start + Math.floor(i / 2) * 60_000),
      })),
    });
    const all = await server.services.db.docVersion.findMany({
      where: { documentId: roadmap },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });

    const first = await list("");
    expect(first.versions).toHaveLength(30);
    expect(first.older).not.toBeNull();
    // Saved after the first page was read: it belongs on the newest page, not on the next one.
    expect((await post("lead", { intent: "save-version", name: "Meanwhile" })).status).toBe(200);

    const seen = first.versions.map((v) => v.id);
    let older = first.older;
    while (older) {
      const next = await list(`?older=${encodeURIComponent(older)}`);
      seen.push(...next.versions.map((v) => v.id));
      older = next.older;
    }
    expect(seen).toEqual(all.map((v) => v.id));
  });

  it("offers the versions on view in the compare form when they are on another page", async () => {
    const oldest = await server.services.db.docVersion.findFirstOrThrow({
      where: { documentId: roadmap },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const shown = await list(`?from=${oldest.id}&to=now`);
    expect(shown.versions.map((v) => v.id)).not.toContain(oldest.id);
    expect(shown.choices.map((v) => v.id)).toContain(oldest.id);
    const html = await (await page("sales", `?from=${oldest.id}&to=now`)).text();
    expect(html).toContain("Older versions");
  });

  it("starts from the newest on a cursor that does not parse", async () => {
    const newest = await list("");
    expect((await list("?older=not-a-cursor")).versions[0].id).toBe(newest.versions[0].id);
  });
});
