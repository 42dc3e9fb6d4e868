import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { rssBytes, type BenchServer } from "./servers";
import { summarize, type LatencySummary } from "./stats";

const HANDLES = ["lead", "sales", "production", "logistics", "support"];

/** A headless official y-websocket client. */
export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

function socketClass(cookie: string | undefined): typeof globalThis.WebSocket {
  const WithCookie = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  };
  return WithCookie as unknown as typeof globalThis.WebSocket;
}

export function openClient(
  server: BenchServer,
  docId: string,
  index: number,
  syncTimeoutMs = 30_000,
): Promise<BenchClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.collabBase, docId, doc, {
    WebSocketPolyfill: socketClass(server.cookies.get(HANDLES[index % HANDLES.length])),
    disableBc: true,
  });
  const client = {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${server.name}: client ${index} did not sync`)), syncTimeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve(client);
    };
    if (provider.synced) done();
    else provider.once("sync", done);
  });
}

/** Each edit is one paragraph carrying a marker attribute; receivers time its arrival. */
function appendMarked(doc: Y.Doc, marker: string): void {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("m", marker);
  paragraph.insert(0, [new Y.XmlText(marker)]);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
}

export interface ScenarioSpec {
  docs: string[];
  editorsPerDoc: number;
  editsPerSecond: number;
  durationMs: number;
}

export interface ScenarioResult {
  latency: LatencySummary;
  deliveredPerSecond: number;
  expected: number;
  delivered: number;
  lost: number;
  peakRssBytes: number;
}

/**
 * Opens `editorsPerDoc` clients on each doc, lets every client edit at the
 * given rate for the duration, and times each edit until every other client of
 * its doc has it (propagation latency, one sample per receiver).
 */
export async function runEditScenario(server: BenchServer, spec: ScenarioSpec): Promise<ScenarioResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  const clients: Array<{ client: BenchClient; docIndex: number }> = [];
  for (const [docIndex, docId] of spec.docs.entries()) {
    const opened = await Promise.all(
      Array.from({ length: spec.editorsPerDoc }, (_, i) => openClient(server, docId, i)),
    );
    for (const client of opened) {
      clients.push({ client, docIndex });
      // Markers are read from the received update itself: YEvent.changes walks the
      // whole list, which would make the load generator, not the server, the cost.
      client.doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) return;
        const now = performance.now();
        for (const struct of Y.decodeUpdate(update).structs) {
          if (!(struct instanceof Y.Item) || struct.parentSub !== "m") continue;
          const sent = sentAt.get(String(struct.content.getContent()[0]));
          if (sent !== undefined) {
            latencies.push(now - sent);
            delivered++;
          }
        }
      });
    }
  }

  let peakRss = rssBytes(server.pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(server.pid))), 50);
  let edits = 0;
  const interval = 1000 / spec.editsPerSecond;
  const timers = clients.map(({ client }, i) => {
    let seq = 0;
    const edit = () => {
      const marker = `${i}:${seq++}`;
      sentAt.set(marker, performance.now());
      appendMarked(client.doc, marker);
      edits++;
    };
    // Spread the editors over the interval so edits do not all land in one tick.
    const start = setTimeout(() => {
      edit();
      timers[i].every = setInterval(edit, interval);
    }, Math.random() * interval);
    return { start, every: undefined as NodeJS.Timeout | undefined };
  });
  const started = performance.now();
  await sleep(spec.durationMs);
  for (const t of timers) {
    clearTimeout(t.start);
    clearInterval(t.every);
  }
  const elapsed = (performance.now() - started) / 1000;
  const expected = edits * (spec.editorsPerDoc - 1);
  const drainUntil = performance.now() + 5000;
  while (delivered < expected && performance.now() < drainUntil) await sleep(20);
  clearInterval(sampler);
  for (const { client } of clients) client.destroy();
  return {
    latency: summarize(latencies),
    deliveredPerSecond: delivered / elapsed,
    expected,
    delivered,
    lost: expected - delivered,
    peakRssBytes: peakRss,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Pushes `count` one-character edits through one client, then waits until a watcher has them all. */
export async function buildHistory(server: BenchServer, docId: string, count: number): Promise<BenchClient> {
  const writer = await openClient(server, docId, 0);
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  writer.doc.getXmlFragment("default").insert(0, [paragraph]);
  for (let i = 0; i < count; i++) {
    text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    if (i % 200 === 199) await sleep(0);
  }
  // The server may still be working through the writer's backlog: give the watcher time.
  const watcher = await openClient(server, docId, 1, 180_000);
  const target = writer.doc.getXmlFragment("default").toString().length;
  const deadline = performance.now() + 120_000;
  while (watcher.doc.getXmlFragment("default").toString().length < target) {
    if (performance.now() > deadline) throw new Error(`${server.name}: history did not arrive`);
    await sleep(100);
  }
  watcher.destroy();
  return writer;
}

/** Connect → synced time of a new client, in ms. */
export async function timeOpen(server: BenchServer, docId: string): Promise<{ ms: number; chars: number }> {
  const started = performance.now();
  const client = await openClient(server, docId, 2);
  const ms = performance.now() - started;
  const chars = client.doc.getXmlFragment("default").toString().length;
  client.destroy();
  return { ms, chars };
}
