import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendParagraph, connectClient, get, synced, waitFor, type TestClient } from "../../../server/test/clients";
import { demoAccountId, demoDocId, HUADONG, NORTHWIND } from "../../../server/test/demo-data";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";
import { markdownDisposition } from "./document-export.server";

let server: TestServer;
const people = new People(() => server);
const clients: TestClient[] = [];
const ids = { northwind: "", roadmap: "", huadong: "", huadongRoadmap: "" };

const exportPath = (accountId: string, docId: string) => `/accounts/${accountId}/docs/${docId}/export.md`;
const roadmapExport = () => exportPath(ids.northwind, ids.roadmap);

async function download(handle: string | null, pathname: string) {
  const res = await get(server.url, pathname, handle ? await people.cookie(handle) : undefined);
  return { res, text: await res.text() };
}

async function open(handle: string, docId: string): Promise<TestClient> {
  const client = connectClient(server.wsUrl, docId, await people.cookie(handle));
  clients.push(client);
  await synced(client);
  return client;
}

/** The initiative element with this block id, as y-tiptap keeps it in the Yjs document. */
function initiativeElement(doc: Y.Doc, blockId: string): Y.XmlElement {
  const found = doc
    .getXmlFragment("default")
    .toArray()
    .find(
      (node): node is Y.XmlElement =>
        node instanceof Y.XmlElement && node.nodeName === "initiative" && node.getAttribute("blockId") === blockId,
    );
  if (!found) throw new Error(`no initiative ${blockId}`);
  return found;
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.services.db;
  ids.northwind = await demoAccountId(db, NORTHWIND);
  ids.roadmap = await demoDocId(db, NORTHWIND);
  ids.huadong = await demoAccountId(db, HUADONG);
  ids.huadongRoadmap = await demoDocId(db, HUADONG);
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  people.disconnect();
  await server.close();
});

describe("exporting a document as Markdown", () => {
  it("a team member downloads the roadmap: title as heading, initiatives as readable lines, nothing internal", async () => {
    const { res, text } = await download("sales", roadmapExport());
    expect(res.status, text.slice(0, 300)).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Northwind-customer-roadmap-2026.md"');
    // The server's own no-store comes first on every page (server/http/headers.ts); the route adds to it.
    expect(res.headers.get("cache-control")).toMatch(/^(?=.*\bprivate\b)(?=.*\bno-store\b)/);
    expect(text.startsWith("# Northwind customer roadmap 2026\n\n")).toBe(true);
    expect(text).toContain(
      "**Consignment stock of 24 spare gear sets at Derby** · 2026-Q3 · Logistics · €65,000 · In progress\n",
    );
    expect(text).toContain(
      "**Condition-monitoring pilot on 12 trainsets** · 2026-Q3–2026-Q4 · Support · €35,000 · In progress\n",
    );
    // The internal goals section, and the initiatives whose goal is internal.
    expect(text).not.toContain("Internal goals");
    expect(text).not.toContain("EDI call-off");
    expect(text).not.toContain("Warranty root-cause");
  });

  it("an edit made through a collab client is in the next export", async () => {
    const editor = await open("sales", ids.roadmap);
    const observer = await open("lead", ids.roadmap);
    const marker = `Added live ${Date.now()}`;
    editor.doc.transact(() => {
      initiativeElement(editor.doc, "nw-i07").setAttribute("status", "done");
      appendParagraph(editor.doc, marker);
    });
    // The server stores an update before it broadcasts it: once the lead has it, the server does.
    await waitFor(() => observer.text().includes(marker), "the edit to reach the lead");

    const { res, text } = await download("sales", roadmapExport());
    expect(res.status).toBe(200);
    expect(text).toContain(`${marker}\n`);
    expect(text).toContain(
      "**Consignment stock of 24 spare gear sets at Derby** · 2026-Q3 · Logistics · €65,000 · Done\n",
    );
  });

  it("a viewer may export: viewers read", async () => {
    const { res, text } = await download("viewer", roadmapExport());
    expect(res.status).toBe(200);
    expect(text).toContain("# Northwind customer roadmap 2026");
  });

  it("writes in the reader's language, and names a Chinese title's file with filename*", async () => {
    const { res, text } = await download("wang.fang", exportPath(ids.huadong, ids.huadongRoadmap));
    expect(res.status, text.slice(0, 300)).toBe(200);
    expect(text.startsWith("# 华东精密机械 2026 年客户路线图\n\n")).toBe(true);
    expect(text).toContain("**年度合作启动会,建立每月交付例会机制** · 2026-Q1 · 销售部 · ¥50,000 · 已完成\n");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="2026.md"; filename*=UTF-8''${encodeURIComponent("华东精密机械 2026 年客户路线图.md")}`,
    );
  });

  it("an outsider gets 404, as for an account that does not exist", async () => {
    const { res, text } = await download("outsider", roadmapExport());
    expect(res.status).toBe(404);
    expect(text).not.toContain("Northwind");
  });

  it("someone signed out is sent to sign in", async () => {
    const { res } = await download(null, roadmapExport());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(roadmapExport())}`);
  });

  it("a document of another account, or an unknown id, is 404 under an account the reader may read", async () => {
    const asWang = await download("wang.fang", exportPath(ids.huadong, ids.roadmap));
    expect(asWang.res.status).toBe(404);
    expect(asWang.text).not.toContain("Northwind");
    const asLead = await download("lead", exportPath(ids.northwind, ids.huadongRoadmap));
    expect(asLead.res.status).toBe(404);
    expect((await download("lead", exportPath(ids.northwind, "no-such-document"))).res.status).toBe(404);
  });
});

describe("markdownDisposition", () => {
  it("keeps an ASCII title as filename, without filename*", () => {
    expect(markdownDisposition("Plan 2026 (draft)")).toBe('attachment; filename="Plan-2026-draft.md"');
  });

  it("adds the title as UTF-8 filename* when it is not ASCII", () => {
    expect(markdownDisposition("路线图 ’26")).toBe(
      `attachment; filename="26.md"; filename*=UTF-8''%E8%B7%AF%E7%BA%BF%E5%9B%BE%20%E2%80%9926.md`,
    );
  });

  it("never lets a title break the header or name a path", () => {
    const header = markdownDisposition('a"b\r\nSet-Cookie: x=1/../..\\evil');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe('attachment; filename="a-b-Set-Cookie-x-1-..-..-evil.md"');
    expect(markdownDisposition("")).toBe('attachment; filename="document.md"');
    expect(markdownDisposition("***")).toBe('attachment; filename="document.md"');
  });
});
