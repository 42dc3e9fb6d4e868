import { fork, type ChildProcess } from "node:child_process";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { rssBytes, type BenchServer } from "./servers";
import { summarize, type LatencySummary } from "./stats";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

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
export function appendMarked(doc: Y.Doc, marker: string): void {
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

/** Load-generator processes per scenario (2 cores here: the server barely needs one). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

interface Worker {
  child: ChildProcess;
  next(type: WorkerReply["type"]): Promise<WorkerReply>;
  /** Editors of each doc that live in this worker. */
  editorsByDoc: Map<string, number>;
}

function startWorker(): Worker {
  const child = fork("bench/edit-worker.ts", { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const waiting: Array<(reply: WorkerReply) => void> = [];
  child.on("message", (reply: WorkerReply) => waiting.shift()?.(reply));
  return {
    child,
    editorsByDoc: new Map(),
    next: (type) =>
      new Promise((resolve, reject) => {
        waiting.push((reply) => {
          if (reply.type === "error") reject(new Error(`load worker: ${reply.message}`));
          else if (reply.type !== type) reject(new Error(`load worker: expected ${type}, got ${reply.type}`));
          else resolve(reply);
        });
      }),
  };
}

/**
 * Opens `editorsPerDoc` clients on each doc, spread over the load-generator
 * processes, lets every client edit at the given rate for the duration, and
 * times each edit until every other client of its doc has it (propagation
 * latency, one sample per receiver; send times travel inside the edit).
 */
export async function runEditScenario(server: BenchServer, spec: ScenarioSpec): Promise<ScenarioResult> {
  const workers = Array.from({ length: WORKERS }, startWorker);
  try {
    for (const [w, worker] of workers.entries()) {
      const assignments: Array<{ docId: string; index: number }> = [];
      for (const docId of spec.docs) {
        for (let index = w; index < spec.editorsPerDoc; index += WORKERS) assignments.push({ docId, index });
        worker.editorsByDoc.set(docId, assignments.filter((a) => a.docId === docId).length);
      }
      const ready = worker.next("ready");
      worker.child.send({
        type: "open",
        serverName: server.name,
        collabBase: server.collabBase,
        cookies: [...server.cookies],
        assignments,
      } satisfies WorkerCommand);
      await ready;
    }

    let peakRss = rssBytes(server.pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(server.pid))), 50);
    const started = performance.now();
    const edited = await Promise.all(
      workers.map((worker, w) => {
        const reply = worker.next("edited");
        worker.child.send({
          type: "go",
          worker: w,
          editsPerSecond: spec.editsPerSecond,
          durationMs: spec.durationMs,
        } satisfies WorkerCommand);
        return reply as Promise<Extract<WorkerReply, { type: "edited" }>>;
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const editsByDoc = new Map<string, number>();
    for (const { edits } of edited) {
      for (const [docId, n] of Object.entries(edits)) editsByDoc.set(docId, (editsByDoc.get(docId) ?? 0) + n);
    }
    // Each edit reaches every other client of its doc: all editors there, minus its author.
    const expectedFor = (w: number) =>
      [...editsByDoc].reduce(
        (sum, [docId, n]) => sum + n * (workers[w].editorsByDoc.get(docId) ?? 0) - (edited[w].edits[docId] ?? 0),
        0,
      );
    const results = await Promise.all(
      workers.map((worker, w) => {
        const reply = worker.next("result");
        worker.child.send({ type: "drain", expected: expectedFor(w) } satisfies WorkerCommand);
        return reply as Promise<Extract<WorkerReply, { type: "result" }>>;
      }),
    );
    clearInterval(sampler);
    const latencies = results.flatMap((r) => r.latencies);
    const delivered = results.reduce((sum, r) => sum + r.delivered, 0);
    const expected = workers.reduce((sum, _w, w) => sum + expectedFor(w), 0);
    return {
      latency: summarize(latencies),
      deliveredPerSecond: delivered / elapsed,
      expected,
      delivered,
      lost: expected - delivered,
      peakRssBytes: peakRss,
    };
  } finally {
    for (const worker of workers) worker.child.kill();
  }
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
