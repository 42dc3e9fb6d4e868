import * as prng from "lib0/prng";
import { afterAll, beforeAll, expect, it } from "vitest";
import type WebSocket from "ws";
import * as Y from "yjs";
import { connectClient, login, waitFor, type TestClient } from "../test/clients";
import { demoDocId, HUADONG, NORTHWIND } from "../test/demo-data";
import { startTestServer, type TestServer } from "../test/start-test-server";

/**
 * Convergence: random concurrent edits from 3–10 official y-websocket providers
 * on one document, with clients dropping off (cleanly or abruptly) and coming
 * back while the others keep typing, and editing while offline. Once everyone
 * is back and synced, every client, the server's live document, a client that
 * connects afterwards and the stored snapshot + log show the same document.
 * The log is compacted every 40 rows, so snapshots are taken mid-run.
 *
 * Seeded with lib0's PRNG (the one Yjs' own fuzz tests use): a failure names
 * its seed; reproduce it with CONVERGENCE_SEED=<seed>.
 */
const SEED = Number(process.env.CONVERGENCE_SEED ?? 424_242);
/** Members who may edit each account's documents. A person may have several connections. */
const NORTHWIND_EDITORS = ["lead", "sales", "production", "logistics", "support"];
const HUADONG_EDITORS = ["lead", "sales", "logistics", "wang.fang", "liu.yang"];
const RUNS = [
  { account: NORTHWIND, kind: "roadmap", editors: NORTHWIND_EDITORS },
  { account: NORTHWIND, kind: "account_plan", editors: NORTHWIND_EDITORS },
  { account: NORTHWIND, kind: "bill_of_rights", editors: NORTHWIND_EDITORS },
  { account: HUADONG, kind: "roadmap", editors: HUADONG_EDITORS },
  { account: HUADONG, kind: "account_plan", editors: HUADONG_EDITORS },
];
const STEPS = 300;
const WORDS = ["rail", "gearbox", "交付", "Zürich", "depot", "😀", "spares", "✓", "audit", "Ω"];

let server: TestServer;
const cookies = new Map<string, string>();

beforeAll(async () => {
  // Compact often, so snapshots are written (and read back) while people type.
  server = await startTestServer(undefined, { compactAfterRows: 40 });
  for (const handle of new Set([...NORTHWIND_EDITORS, ...HUADONG_EDITORS])) {
    cookies.set(handle, await login(server.url, handle));
  }
});

afterAll(async () => {
  await server.close();
});

interface Peer {
  name: string;
  client: TestClient;
  closes: number[];
}

function stateVector(doc: Y.Doc): string {
  return JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]));
}

/** The `default` fragment with formatting, attribute keys sorted (their order is not part of the content). */
function render(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return JSON.stringify(node.toDelta());
  const children = node.toArray().map((child) => render(child as Y.XmlElement | Y.XmlText));
  if (!(node instanceof Y.XmlElement)) return children.join("");
  const attrs = Object.entries(node.getAttributes()).sort(([a], [b]) => (a < b ? -1 : 1));
  return `<${node.nodeName} ${JSON.stringify(attrs)}>${children.join("")}</${node.nodeName}>`;
}

const content = (doc: Y.Doc) => render(doc.getXmlFragment("default"));

/** Where a rendering first departs from the expected one, with context; null when equal. */
function difference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 100), i + 100));
  return `at ${i}: ${around(actual)} instead of ${around(expected)}`;
}

function texts(doc: Y.Doc): Y.XmlText[] {
  return [...doc.getXmlFragment("default").createTreeWalker((n) => n instanceof Y.XmlText)] as Y.XmlText[];
}

function elements(doc: Y.Doc): Y.XmlElement[] {
  return [...doc.getXmlFragment("default").createTreeWalker((n) => n instanceof Y.XmlElement)] as Y.XmlElement[];
}

function phrase(random: prng.PRNG): string {
  const n = prng.int32(random, 1, 3);
  return Array.from({ length: n }, () => prng.oneOf(random, WORDS)).join(" ") + " ";
}

/** One random edit, as TipTap would make it through y-prosemirror: on the paragraphs, their text and marks. */
function edit(random: prng.PRNG, doc: Y.Doc, label: string): string {
  const fragment = doc.getXmlFragment("default");
  const roll = prng.int32(random, 0, 99);
  const allTexts = texts(doc);
  const target = allTexts.length > 0 ? prng.oneOf(random, allTexts) : null;
  if (roll < 20 || !target) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(`${label} ${phrase(random)}`)]);
    fragment.insert(prng.int32(random, 0, fragment.length), [paragraph]);
    return "insert paragraph";
  }
  // Positions as an editor has them: never between the two halves of a surrogate pair
  // (Yjs replaces a split pair with U+FFFD locally, and a no-op format there emits nothing).
  const plain = target
    .toDelta()
    .map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : "\u0000"))
    .join("");
  const boundary = (i: number) => (i > 0 && /[\uD800-\uDBFF]/.test(plain[i - 1]) ? i - 1 : i);
  const at = boundary(prng.int32(random, 0, target.length));
  const span = boundary(Math.min(at + prng.int32(random, 1, 6), target.length)) - at;
  if (roll < 50) {
    const marks = prng.bool(random) ? { italic: {} } : undefined;
    target.insert(at, `${label}:${phrase(random)}`, marks);
    return "insert text";
  }
  if (roll < 68 && span > 0) {
    target.delete(at, span);
    return "delete text";
  }
  if (roll < 82 && span > 0) {
    const mark = prng.oneOf(random, ["bold", "italic", "strike"]);
    target.format(at, span, { [mark]: prng.bool(random) ? {} : null });
    return "format";
  }
  const allElements = elements(doc);
  if (roll < 90 && allElements.length > 0) {
    const element = prng.oneOf(random, allElements);
    element.setAttribute("textAlign", prng.oneOf(random, ["left", "center", "right"]));
    return "set attribute";
  }
  if (fragment.length > 4) {
    fragment.delete(prng.int32(random, 0, fragment.length - 1), 1);
    return "delete block";
  }
  return "nothing";
}

function isOnline(peer: Peer): boolean {
  return peer.client.provider.shouldConnect;
}

for (const [run, { account, kind, editors }] of RUNS.entries()) {
  const seed = SEED + run;
  it(`3–10 clients with random edits, drops and offline work converge (seed ${seed}, ${account} ${kind})`, async () => {
    const random = prng.create(seed);
    const docId = await demoDocId(server.services.db, account, kind);
    const count = prng.int32(random, 3, 10);
    const peers: Peer[] = Array.from({ length: count }, (_, i) => {
      const handle = editors[i % editors.length];
      const client = connectClient(server.wsUrl, docId, cookies.get(handle));
      const peer: Peer = { name: `c${i}(${handle})`, client, closes: [] };
      client.provider.on("connection-close", (event: CloseEvent | null) => {
        if (event) peer.closes.push(event.code);
      });
      return peer;
    });
    const ops = new Map<string, number>();
    const count1 = (key: string) => ops.set(key, (ops.get(key) ?? 0) + 1);
    try {
      await waitFor(() => peers.every((p) => p.client.provider.synced), "every client to sync", 15_000);

      for (let step = 0; step < STEPS; step++) {
        const peer = prng.oneOf(random, peers);
        const roll = prng.int32(random, 0, 99);
        if (roll < 5 && isOnline(peer)) {
          peer.client.provider.disconnect(); // closes cleanly, stays offline
          count1("disconnect");
        } else if (roll < 8 && isOnline(peer) && peer.client.provider.ws) {
          // The network drops: no close handshake; the provider reconnects by itself after a backoff.
          (peer.client.provider.ws as unknown as WebSocket).terminate();
          count1("connection dropped");
        } else if (roll < 14 && !isOnline(peer)) {
          if (prng.bool(random)) {
            // Type the moment the socket opens, before the handshake has carried the offline
            // edits: the server cannot apply that update yet and asks for a resync (4509).
            const label = `${peer.name}.${step}.open`;
            const onStatus = ({ status }: { status: string }) => {
              if (status !== "connected") return;
              peer.client.provider.off("status", onStatus);
              edit(prng.create(seed * 1000 + step), peer.client.doc, label);
            };
            peer.client.provider.on("status", onStatus);
          }
          peer.client.provider.connect();
          count1("reconnect");
        } else {
          count1(edit(random, peer.client.doc, `${peer.name}.${step}`));
        }
        // Mostly let several edits pile up in one turn; sometimes let the network run.
        if (prng.int32(random, 0, 3) === 0) await new Promise((r) => setTimeout(r, prng.int32(random, 0, 25)));
      }

      for (const peer of peers) if (!isOnline(peer)) peer.client.provider.connect();
      const context = `seed ${seed}, ${count} clients, ops ${JSON.stringify(Object.fromEntries(ops))}`;

      // Everyone back: the clients and the server's live document reach the same state.
      let live = "";
      const deadline = Date.now() + 30_000;
      for (;;) {
        const serverDoc = new Y.Doc();
        Y.applyUpdate(serverDoc, await server.collab.currentState(docId));
        const vector = stateVector(serverDoc);
        if (peers.every((p) => p.client.provider.synced && stateVector(p.client.doc) === vector)) {
          live = content(serverDoc);
          break;
        }
        if (Date.now() > deadline) {
          const status = peers.map(
            (p) =>
              `${p.name}: synced=${p.client.provider.synced} same=${stateVector(p.client.doc) === vector} closes=${p.closes}`,
          );
          throw new Error(`no convergence within 30 s (${context})\n${status.join("\n")}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      for (const peer of peers) {
        expect(difference(content(peer.client.doc), live), `${peer.name} vs the server (${context})`).toBeNull();
      }
      // No well-behaved client was refused for good (4400–4499 stops the provider).
      for (const peer of peers) {
        expect(
          peer.closes.filter((code) => code >= 4400 && code < 4500),
          `${peer.name} refused (${context})`,
        ).toEqual([]);
      }

      // A client that connects now receives the full state: the same document.
      const late = connectClient(server.wsUrl, docId, cookies.get("lead"));
      try {
        await waitFor(() => late.provider.synced, "the late client to sync");
        expect(difference(content(late.doc), live), `a late client (${context})`).toBeNull();
      } finally {
        late.destroy();
      }

      // And storage holds it: snapshot + log, replayed as the store does.
      const snapshot = await server.services.db.docSnapshot.findUnique({ where: { documentId: docId } });
      const rows = await server.services.db.docUpdate.findMany({
        where: { documentId: docId, id: { gt: snapshot?.lastUpdateId ?? 0 } },
        orderBy: { id: "asc" },
      });
      const stored = new Y.Doc();
      stored.transact(() => {
        if (snapshot) Y.applyUpdate(stored, snapshot.state);
        for (const row of rows) Y.applyUpdate(stored, row.data);
      });
      expect(stored.store.pendingStructs, `stored log leaves content pending (${context})`).toBeNull();
      expect(difference(content(stored), live), `snapshot + log (${context})`).toBeNull();
      const resyncs = peers.reduce((n, p) => n + p.closes.filter((c) => c === 4509).length, 0);
      console.info(`convergence (${context}): ${rows.length} log rows, ${resyncs} resyncs (4509)`);
    } finally {
      for (const peer of peers) peer.client.destroy();
    }
  }, 60_000);
}
