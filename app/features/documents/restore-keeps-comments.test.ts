import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yjsStateToContent } from "~/features/documents/document-content.server";
import { appendParagraph, connectClient, synced, waitFor, type TestClient } from "../../../server/test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../../../server/test/demo-data";
import { collect, request } from "../../../server/test/hub-client";
import { People } from "../../../server/test/people";
import { startTestServer, type TestServer } from "../../../server/test/start-test-server";

/*
 * Restoring a version keeps the conversation: a restore replaces
 * the document's content, which used to detach every comment thread. Threads
 * whose quoted text is in the restored content stay anchored to it (the
 * occurrence nearest to where they were); only those whose text is gone are
 * detached.
 */

let server: TestServer;
let northwind: string;
let roadmap: string;
let client: TestClient;
const people = new People(() => server);
const docRoute = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId");
const versionsRoute = encodeURIComponent("routes/_workspace.accounts.$accountId.docs.$docId_.versions");

const ALPHA = "Alpha clause: rail spares ship within 48 hours.";
const BETA = "Beta clause: a quarterly review with the buyer.";
const GAMMA = "Gamma: pallets labelled twice, and crates labelled twice.";
const DELTA = "Delta clause: written after the version was saved.";

interface ThreadView {
  id: string;
  quote: string;
  anchorStart: string;
  anchorEnd: string;
}

async function post(path: string, route: string, fields: Record<string, string>) {
  const res = await fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}${path}?_data=${route}`, {
    method: "POST",
    headers: { cookie: await people.cookie("lead") },
    body: new URLSearchParams(fields),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { threadId?: string };
}

/** A text node's characters, without the markup toString() adds for marks. */
const plain = (text: Y.XmlText) =>
  (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");

/** The paragraph's text node whose text starts with `prefix`. */
function textNode(doc: Y.Doc, prefix: string): Y.XmlText {
  for (const block of doc.getXmlFragment("default").toArray()) {
    const text = block instanceof Y.XmlElement ? block.get(0) : null;
    if (text instanceof Y.XmlText && plain(text).startsWith(prefix)) return text;
  }
  throw new Error(`no paragraph starting with ${prefix}`);
}

/** Anchors around the `nth` occurrence of `quote` in the paragraph starting with `prefix`, as the editor makes them. */
function anchorsOn(prefix: string, quote: string, nth = 0) {
  const text = textNode(client.doc, prefix);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = plain(text).indexOf(quote, at + 1);
  const encode = (index: number) =>
    Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString("base64");
  return { anchorStart: encode(at), anchorEnd: encode(at + quote.length), quote };
}

/** What a thread's anchors enclose in the client's document now, or null when they enclose nothing (detached). */
function anchoredText(thread: ThreadView): { text: string; index: number } | null {
  const resolve = (encoded: string) =>
    Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(encoded, "base64")), client.doc);
  const start = resolve(thread.anchorStart);
  const end = resolve(thread.anchorEnd);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  if (start.type._item?.deleted || end.index <= start.index) return null;
  return { text: plain(start.type).slice(start.index, end.index), index: start.index };
}

async function threads(): Promise<ThreadView[]> {
  const res = await fetch(`${server.url}/accounts/${northwind}/docs/${roadmap}?_data=${docRoute}`, {
    headers: { cookie: await people.cookie("lead") },
  });
  return ((await res.json()) as { threads: ThreadView[] }).threads;
}

/** Waits until the server has stored what the client wrote. */
async function storedHas(phrase: string, present = true): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const stored = JSON.stringify(yjsStateToContent(await server.services.documents.currentState(roadmap)));
    if (stored.includes(phrase) === present) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the stored document never ${present ? "had" : "lost"} ${phrase}`);
}

beforeAll(async () => {
  server = await startTestServer();
  northwind = await demoAccountId(server.services.db, NORTHWIND);
  roadmap = await demoDocId(server.services.db, NORTHWIND);
  client = connectClient(server.wsUrl, roadmap, await people.cookie("sales"), { acks: "1" });
  await synced(client);
});
afterAll(async () => {
  client.destroy();
  people.disconnect();
  await server.close();
});

describe("restoring a version keeps the conversation", () => {
  it("threads whose text is in the restored version stay on it; a thread whose text is gone is detached", async () => {
    for (const paragraph of [ALPHA, BETA, GAMMA]) appendParagraph(client.doc, paragraph);
    await storedHas(GAMMA);
    const start = async (anchors: ReturnType<typeof anchorsOn>, body: string) =>
      (await post("", docRoute, { intent: "comment-start", ...anchors, body })).threadId!;
    const alpha = await start(anchorsOn("Alpha", "rail spares"), "Is 48 hours realistic?");
    const beta = await start(anchorsOn("Beta", "quarterly review"), "Monthly instead?");
    // The second "labelled twice": after the restore it must stay on the second, not jump to the first.
    const gamma = await start(anchorsOn("Gamma", "labelled twice", 1), "Crates too?");
    await post("/versions", versionsRoute, { intent: "save-version", name: "Before the edits" });
    const saved = await server.services.db.docVersion.findFirstOrThrow({
      where: { documentId: roadmap, name: "Before the edits" },
    });

    // After the version: text before Alpha's quote, Beta's quote deleted, a new paragraph with its own thread.
    client.doc.transact(() => {
      textNode(client.doc, "Alpha").insert(0, "Revised. ");
      const betaText = textNode(client.doc, "Beta");
      betaText.delete(plain(betaText).indexOf("quarterly review"), "quarterly review".length);
    });
    appendParagraph(client.doc, DELTA);
    await storedHas(DELTA);
    const delta = await start(anchorsOn("Delta", "written after the version"), "New promise");
    const before = new Map((await threads()).map((t) => [t.id, anchoredText(t)]));
    expect(before.get(beta)).toBeNull();
    expect(before.get(delta)?.text).toBe("written after the version");

    const watcher = await people.hub("production");
    await request(watcher, "document:join", { documentId: roadmap });
    const told = collect(watcher, "comment:changed");
    await post("/versions", versionsRoute, { intent: "restore-version", versionId: saved.id });
    await waitFor(
      () => !client.text().includes("Delta clause") && client.text().includes("quarterly review"),
      "restore",
    );

    const after = new Map((await threads()).map((t) => [t.id, anchoredText(t)]));
    expect(after.get(alpha)?.text).toBe("rail spares");
    // Beta's text came back with the version, and so did its thread.
    expect(after.get(beta)?.text).toBe("quarterly review");
    expect(after.get(gamma)).toEqual({ text: "labelled twice", index: GAMMA.lastIndexOf("labelled twice") });
    expect(after.get(delta)).toBeNull();
    // The pages showing the threads are told to fetch their new anchors.
    await waitFor(() => told.some((change) => change.threadId === alpha), "comment:changed for the moved threads");
    // The seeded discussion on the roadmap stays anchored too.
    const seeded = (await threads()).filter((t) => ![alpha, beta, gamma, delta].includes(t.id));
    expect(seeded.length).toBeGreaterThan(0);
    for (const thread of seeded) expect(after.get(thread.id)?.text, thread.quote).toBe(thread.quote);
  });
});
