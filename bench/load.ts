import { fork, type ChildProcess } from "node:child_process";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { cpuSeconds, killOnExit, rssBytes, speaksHocuspocus, type BenchServer } from "./servers";
import { summarize, type LatencySummary } from "./stats";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

/** What a client needs to know of a server (a load worker gets only this, over IPC). */
export type ServerAddress = Pick<BenchServer, "name" | "collabBase" | "collabSpread" | "cookies">;

/**
 * A headless official client: y-websocket's `WebsocketProvider` for Keyroom
 * and the reference, `@hocuspocus/provider` for Hocuspocus (which multiplexes
 * documents over its own framing and handshake). Either applies what the
 * server sends with itself as the transaction origin.
 */
export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider | HocuspocusProvider;
  destroy(): void;
}

/**
 * Sees each message from the server before the provider does; returns true to
 * keep it from the provider (a light receiver consuming it itself).
 */
export type MessageTap = (message: Uint8Array) => boolean;

function socketClass(cookie: string | undefined, tap?: MessageTap): typeof globalThis.WebSocket {
  const WithCookie = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }

    // Every message listener (the providers' `onmessage`, `addEventListener`) hangs off this event.
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (tap && event === "message") {
        const data = args[0];
        if (data instanceof ArrayBuffer && tap(new Uint8Array(data))) return true;
        if (data instanceof Uint8Array && tap(data)) return true;
      }
      return super.emit(event, ...args);
    }
  };
  return WithCookie as unknown as typeof globalThis.WebSocket;
}

/**
 * Opens a client of `docId` and resolves once it has synced with the server.
 * `user` picks whose session it uses on Keyroom (round-robin over the signed-in
 * users); the other servers have no auth.
 */
export function openClient(
  server: ServerAddress,
  docId: string,
  user: number,
  syncTimeoutMs = 30_000,
  tap?: MessageTap,
): Promise<BenchClient> {
  const doc = new Y.Doc();
  const handles = [...server.cookies.keys()];
  const WebSocketPolyfill = socketClass(server.cookies.get(handles[user % handles.length]), tap);
  let client: BenchClient;
  let onSynced: (done: () => void) => void;
  if (speaksHocuspocus(server.name)) {
    // One socket per client, as with y-websocket (a Hocuspocus socket could carry several documents).
    const socket = new HocuspocusProviderWebsocket({ url: server.collabBase, WebSocketPolyfill });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: docId, document: doc });
    provider.attach();
    client = { doc, provider, destroy: () => (provider.destroy(), socket.destroy(), doc.destroy()) };
    onSynced = (done) => (provider.isSynced ? done() : provider.on("synced", done));
  } else {
    const base = server.collabSpread?.[user % server.collabSpread.length] ?? server.collabBase;
    const provider = new WebsocketProvider(base, docId, doc, { WebSocketPolyfill, disableBc: true });
    client = { doc, provider, destroy: () => (provider.destroy(), doc.destroy()) };
    onSynced = (done) => (provider.synced ? done() : provider.once("sync", done));
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.destroy();
      reject(new Error(`${server.name}: client of ${docId} (user ${user}) did not sync`));
    }, syncTimeoutMs);
    let synced = false;
    onSynced(() => {
      if (synced) return;
      synced = true;
      clearTimeout(timer);
      resolve(client);
    });
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
  /**
   * Light receivers: once the edits start, each client reads the edits it
   * receives off the wire instead of applying them, and types into its own
   * paragraph (see bench/edit-worker.ts). The server's work is unchanged; the
   * clients' shrinks, so that 200 of them do not take the cores the servers
   * are measured on.
   */
  light?: boolean;
}

export interface ScenarioResult {
  latency: LatencySummary;
  deliveredPerSecond: number;
  expected: number;
  delivered: number;
  lost: number;
  peakRssBytes: number;
  /** CPU the load-generator processes used from the first edit to the last delivery, in % of one core. */
  generatorCpuPercent: number;
  /** CPU the server used over the same span, in % of one core. */
  serverCpuPercent: number;
  /**
   * Opening every client until all have synced, then until the server was
   * idle; and the wait for deliveries after the last edit.
   */
  openSeconds: number;
  idleSeconds: number;
  drainSeconds: number;
}

/** Load-generator processes (2 cores here: the server barely needs one). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

interface Worker {
  child: ChildProcess;
  next<T extends WorkerReply["type"]>(type: T): Promise<Extract<WorkerReply, { type: T }>>;
}

function startWorker(): Worker {
  // --expose-gc: a worker collects its garbage before each run, so the last
  // run's clients are not collected during the next server's measurement.
  const child = fork("bench/edit-worker.ts", { execArgv: ["--expose-gc", "--import", "tsx"], stdio: "inherit" });
  killOnExit(child);
  const waiting: Array<(reply: WorkerReply) => void> = [];
  child.on("message", (reply: WorkerReply) => waiting.shift()?.(reply));
  return {
    child,
    next: <T extends WorkerReply["type"]>(type: T) =>
      new Promise<Extract<WorkerReply, { type: T }>>((resolve, reject) => {
        waiting.push((reply) => {
          if (reply.type === "error") reject(new Error(`load worker: ${reply.message}`));
          else if (reply.type !== type) reject(new Error(`load worker: expected ${type}, got ${reply.type}`));
          else resolve(reply as Extract<WorkerReply, { type: T }>);
        });
      }),
  };
}

let pool: Worker[] | undefined;

/**
 * Runs `work` on the load-generator processes. They start on first use and
 * serve every run after (each run opens and closes its own clients); a run
 * that fails takes them down, and the next starts new ones.
 */
async function withWorkers<T>(work: (workers: Worker[]) => Promise<T>): Promise<T> {
  pool ??= Array.from({ length: WORKERS }, startWorker);
  try {
    return await work(pool);
  } catch (error) {
    stopLoadWorkers();
    throw error;
  }
}

export function stopLoadWorkers(): void {
  for (const worker of pool ?? []) worker.child.kill();
  pool = undefined;
}

/**
 * Opens the clients, dealt round-robin over the workers, which open theirs at
 * the same time. Returns how many clients of each doc every worker holds.
 */
async function openIn(
  workers: Worker[],
  server: ServerAddress,
  assignments: Array<{ docId: string; user: number }>,
  role: "editor" | "viewer",
  light = false,
): Promise<Array<Map<string, number>>> {
  const byDoc = workers.map(() => new Map<string, number>());
  await Promise.all(
    workers.map((worker, w) => {
      const mine = assignments.filter((_a, i) => i % workers.length === w);
      for (const { docId } of mine) byDoc[w].set(docId, (byDoc[w].get(docId) ?? 0) + 1);
      const ready = worker.next("ready");
      worker.child.send({
        type: "open",
        serverName: server.name,
        collabBase: server.collabBase,
        collabSpread: server.collabSpread,
        cookies: [...server.cookies],
        assignments: mine,
        role,
        light,
      } satisfies WorkerCommand);
      return ready;
    }),
  );
  return byDoc;
}

/**
 * Opens `editorsPerDoc` clients on each doc, spread over the load-generator
 * processes, lets every client edit at the given rate for the duration, and
 * times each edit until every other client of its doc has it (propagation
 * latency, one sample per receiver; send times travel inside the edit).
 */
export function runEditScenario(server: BenchServer, spec: ScenarioSpec): Promise<ScenarioResult> {
  return withWorkers(async (workers) => {
    // Editor e of doc d signs in as user d·editorsPerDoc + e (Keyroom): every
    // user gets about the same share of the connections.
    const assignments = spec.docs.flatMap((docId, d) =>
      Array.from({ length: spec.editorsPerDoc }, (_e, e) => ({ docId, user: d * spec.editorsPerDoc + e })),
    );
    const opening = performance.now();
    const editorsByDoc = await openIn(workers, server, assignments, "editor", spec.light);
    const openSeconds = (performance.now() - opening) / 1000;
    // The edits start on a server that has finished taking everyone in.
    await untilIdle([server]);
    const idleSeconds = (performance.now() - opening) / 1000 - openSeconds;

    let peakRss = rssBytes(server.pid);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(server.pid))), 50);
    const started = performance.now();
    const serverPids = server.cpuPids ?? [server.pid];
    const serverCpuSeconds = () => serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const serverCpuAtGo = serverCpuSeconds();
    const edited = await Promise.all(
      workers.map((worker, w) => {
        const reply = worker.next("edited");
        worker.child.send({
          type: "go",
          worker: w,
          editsPerSecond: spec.editsPerSecond,
          durationMs: spec.durationMs,
        } satisfies WorkerCommand);
        return reply;
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
        (sum, [docId, n]) => sum + n * (editorsByDoc[w].get(docId) ?? 0) - (edited[w].edits[docId] ?? 0),
        0,
      );
    const results = await Promise.all(
      workers.map((worker, w) => {
        const reply = worker.next("result");
        worker.child.send({ type: "drain", expected: expectedFor(w) } satisfies WorkerCommand);
        return reply;
      }),
    );
    const generatorSeconds = (performance.now() - started) / 1000;
    const serverCpu = serverCpuSeconds() - serverCpuAtGo;
    clearInterval(sampler);
    const latencies = results.flatMap((r) => r.latencies);
    const delivered = results.reduce((sum, r) => sum + r.delivered, 0);
    const expected = workers.reduce((sum, _w, w) => sum + expectedFor(w), 0);
    const generatorCpu = results.reduce((sum, r) => sum + r.cpuMicros, 0) / 1e6;
    return {
      latency: summarize(latencies),
      deliveredPerSecond: delivered / elapsed,
      expected,
      delivered,
      lost: expected - delivered,
      peakRssBytes: peakRss,
      generatorCpuPercent: (generatorCpu / generatorSeconds) * 100,
      serverCpuPercent: (serverCpu / generatorSeconds) * 100,
      openSeconds,
      idleSeconds,
      drainSeconds: generatorSeconds - elapsed,
    };
  });
}

export interface PasteResult {
  /** Paste → the last viewer has all of it, in ms (Infinity when one never did). */
  allConvergedMs: number;
  /** Median viewer, in ms. */
  medianViewerMs: number;
  /** Viewers that had the whole paste before the timeout. */
  converged: number;
  viewers: number;
  peakRssBytes: number;
  generatorCpuPercent: number;
}

/** ~`bytes` of text as paragraphs of ~1 KB, like a long document pasted into the editor. */
function pasteText(bytes: number): string[] {
  const line = "Quarterly plan: renew the service contract, extend the warranty and schedule the site survey. ";
  const paragraph = line.repeat(Math.ceil(1024 / line.length)).slice(0, 1024);
  return Array.from({ length: Math.ceil(bytes / paragraph.length) }, (_p, i) => `${i} ${paragraph}`);
}

/**
 * One client pastes ~`bytes` of text (one transaction: one update) into `docId`
 * while `viewers` other clients, in the load-generator processes, have it open;
 * times until every viewer has all of it. A viewer has it when its document
 * holds every item of the paste (its author's clock reached the paste's end),
 * which the viewers are told before the paste is made.
 */
export function runPasteScenario(
  server: BenchServer,
  docId: string,
  viewers: number,
  bytes: number,
): Promise<PasteResult> {
  return withWorkers(async (workers) => {
    const assignments = Array.from({ length: viewers }, (_v, i) => ({ docId, user: i + 1 }));
    await openIn(workers, server, assignments, "viewer");
    const paster = await openClient(server, docId, 0);
    await untilIdle([server]);
    try {
      return await pasteAndWatch(workers, server, paster, bytes);
    } finally {
      paster.destroy();
    }
  });
}

async function pasteAndWatch(
  workers: Worker[],
  server: BenchServer,
  paster: BenchClient,
  bytes: number,
): Promise<PasteResult> {
  // The paste, prepared against the paster's state by a scratch author, so
  // its end (author, clock) is known before anything is sent.
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(paster.doc));
  const before = Y.encodeStateVector(scratch);
  const fragment = scratch.getXmlFragment("default");
  scratch.transact(() => {
    fragment.insert(
      fragment.length,
      pasteText(bytes).map((text) => {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(text)]);
        return paragraph;
      }),
    );
  });
  const paste = Y.encodeStateAsUpdate(scratch, before);
  const author = scratch.clientID;
  const clock = Y.getState(scratch.store, author);
  scratch.destroy();

  // Each worker answers "watching" once its clients are watched, then "converged".
  const watching = workers.map((worker) => worker.next("watching"));
  const converged = workers.map((worker) => worker.next("converged"));
  for (const pending of converged) pending.catch(() => undefined); // awaited below, after the paste
  for (const worker of workers) {
    worker.child.send({ type: "converge", author, clock, timeoutMs: 30_000 } satisfies WorkerCommand);
  }
  await Promise.all(watching);
  let peakRss = rssBytes(server.pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(server.pid))), 20);
  const sentAt = performance.timeOrigin + performance.now();
  // Applied locally the way a paste is, then sent on by the provider.
  Y.applyUpdate(paster.doc, paste);
  const results = await Promise.all(converged);
  const seconds = (performance.timeOrigin + performance.now() - sentAt) / 1000;
  clearInterval(sampler);
  const times = results.flatMap((r) => r.at).map((at) => (Number.isFinite(at) ? at - sentAt : Infinity));
  const sorted = [...times].sort((a, b) => a - b);
  const cpuSeconds = results.reduce((sum, r) => sum + r.cpuMicros, 0) / 1e6;
  return {
    allConvergedMs: sorted[sorted.length - 1],
    medianViewerMs: sorted[Math.floor(sorted.length / 2)],
    converged: times.filter(Number.isFinite).length,
    viewers: times.length,
    peakRssBytes: peakRss,
    generatorCpuPercent: (cpuSeconds / seconds) * 100,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until `servers` are done with what came before (opening or closing
 * connections, loading, unloading or storing documents), so that work does
 * not land on the measurement that follows: at least `minMs`, then until they
 * used under 10% of a core together for half a second; at most 10 s.
 */
export async function untilIdle(servers: BenchServer[], minMs = 0, maxMs = 10_000): Promise<void> {
  const cpu = () => servers.reduce((sum, server) => sum + cpuSeconds(server.pid), 0);
  const started = performance.now();
  let last = { at: started, cpu: cpu() };
  let quietSince = started;
  while (performance.now() - started < maxMs) {
    await sleep(250);
    const now = { at: performance.now(), cpu: cpu() };
    if ((now.cpu - last.cpu) / ((now.at - last.at) / 1000) > 0.1) quietSince = now.at;
    last = now;
    if (now.at - started >= minMs && now.at - quietSince >= 500) return;
  }
}

/**
 * Pushes `count` one-character edits through one client, then waits until a
 * watcher has them all. `asOneUpdate`: the same edits, made in a document of
 * their own, reach the writer (and so the server) as one update.
 */
export async function buildHistory(
  server: BenchServer,
  docId: string,
  count: number,
  { asOneUpdate = false } = {},
): Promise<BenchClient> {
  const writer = await openClient(server, docId, 0);
  const offline = new Y.Doc();
  const author = asOneUpdate ? offline : writer.doc;
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  author.getXmlFragment("default").insert(0, [paragraph]);
  for (let i = 0; i < count; i++) {
    text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    if (i % 200 === 199 && !asOneUpdate) await sleep(0);
  }
  if (asOneUpdate) Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(offline));
  offline.destroy();
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
