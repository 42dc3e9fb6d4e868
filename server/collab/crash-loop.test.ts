import * as prng from "lib0/prng";
import { afterAll, expect, it } from "vitest";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { openDataDb } from "../test/database";
import { appendParagraph, cookieWebSocket, login, waitFor } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { kill, spawnServer, type ServerProcess } from "../test/spawn-server";
import { freshDataDir } from "../test/start-test-server";

/**
 * Faults: the server is SIGKILLed at random moments during heavy
 * editing, twenty times. After each restart, a fresh reader must find every
 * paragraph any client had received (the server only relays what it stored),
 * and once everyone reconnects all copies converge, including the edits the
 * writers made while the server was down or that died in flight.
 *
 * Reproduce a failure with CRASH_LOOP_SEED=<seed printed in the test name>.
 */
const SEED = Number(process.env.CRASH_LOOP_SEED ?? 20_260_007);
const ROUNDS = 20;
/** Each writer appends one paragraph per tick: 100 messages/s, under the per-connection burst for a round. */
const TYPING_TICK_MS = 10;
/** The kill lands this long after typing starts (ms), drawn per round. */
const KILL_DELAY_MS = { min: 0, max: 900 };

const WRITERS = ["lead", "sales", "production"] as const;
const OBSERVER = "logistics";
const READER = "support";

interface Peer {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the server sent (null: we closed it ourselves). */
  closes: Array<number | null>;
}

const peers: Peer[] = [];
let running: ServerProcess | null = null;
let serverLog = "";

afterAll(async () => {
  for (const peer of peers.splice(0)) {
    peer.provider.destroy();
    peer.doc.destroy();
  }
  if (running) await kill(running);
  running = null;
});

function text(doc: Y.Doc): string {
  return doc.getXmlFragment("default").toString();
}

/** Paragraph labels (`w<writer>-<n>`) present in a doc. */
function labels(doc: Y.Doc): Set<string> {
  return new Set(text(doc).match(/w\d+-\d+(?=<)/g) ?? []);
}

function stateVector(doc: Y.Doc): string {
  return JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]));
}

function openPeer(name: string, wsUrl: string, docId: string, cookie: string, doc = new Y.Doc()): Peer {
  const provider = new WebsocketProvider(`${wsUrl}/collab`, docId, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie),
    disableBc: true,
  });
  const peer: Peer = { name, doc, provider, closes: [] };
  provider.on("connection-close", (event: CloseEvent | null) => peer.closes.push(event ? event.code : null));
  return peer;
}

/** Points an existing provider at the restarted server (a new port) and reconnects at once, keeping its doc. */
function reconnect(peer: Peer, wsUrl: string): void {
  peer.provider.disconnect();
  peer.provider.serverUrl = `${wsUrl}/collab`;
  peer.provider.connect();
}

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await spawnServer(dataDir);
  server.child.stdout?.on("data", (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-20_000)));
  server.child.stderr?.on("data", (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-20_000)));
  server.child.once("exit", (code, signal) => {
    if (signal !== "SIGKILL") serverLog += `\n[server exited by itself: code ${code}, signal ${signal}]`;
  });
  return server;
}

it(`twenty SIGKILLs at random moments during heavy editing lose nothing any client received (seed ${SEED})`, async () => {
  const random = prng.create(SEED);
  const dataDir = freshDataDir();
  const db = await openDataDb(dataDir);
  const docId = await demoDocId(db, NORTHWIND);
  await db.$disconnect();

  running = await start(dataDir);
  const cookies = new Map<string, string>();
  for (const handle of [...WRITERS, OBSERVER, READER]) cookies.set(handle, await login(running.url, handle));
  const cookie = (handle: string) => cookies.get(handle) ?? "";

  const writers = WRITERS.map((handle, j) => openPeer(`w${j}`, running!.wsUrl, docId, cookie(handle)));
  const observer = openPeer("observer", running.wsUrl, docId, cookie(OBSERVER));
  peers.push(...writers, observer);
  /** Paragraphs each writer has written so far (its counter). */
  const written = writers.map(() => 0);
  /** Everything any client had received from the server when it was last killed. */
  let received = new Set<string>();
  const timings: string[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    const roundStarted = performance.now();
    const context = `round ${round} (seed ${SEED})`;
    if (round > 0) running = await start(dataDir);
    const server = running!;

    // 1. Durability: a fresh reader, before any old client can resend what it has.
    const reader = openPeer("reader", server.wsUrl, docId, cookie(READER));
    await waitFor(() => reader.provider.synced, `${context}: the fresh reader to sync`, 15_000);
    const stored = labels(reader.doc);
    const lost = [...received].filter((label) => !stored.has(label)).sort();
    expect(lost, `${context}: paragraphs a client had received but the restarted server lacks`).toEqual([]);
    /** Written before the crash but never stored: only the writers still hold them. */
    const unstored = written.reduce((sum, count, j) => {
      for (let n = 0; n < count; n++) if (!stored.has(`w${j}-${n}`)) sum++;
      return sum;
    }, 0);

    // 2. Everyone reconnects; all copies converge, with every paragraph ever written.
    for (const peer of [...writers, observer]) reconnect(peer, server.wsUrl);
    const everyone = [...writers, observer, reader];
    await waitFor(
      () => everyone.every((p) => p.provider.synced && stateVector(p.doc) === stateVector(reader.doc)),
      `${context}: every client to converge after the restart`,
      20_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${describePeers(everyone)}\nserver log tail:\n${serverLog.slice(-3000)}`);
    });
    for (const peer of everyone) expect(text(peer.doc), `${context}: ${peer.name} content`).toBe(text(reader.doc));
    const all = labels(reader.doc);
    const missing = writers.flatMap((_, j) =>
      Array.from({ length: written[j] }, (__, n) => `w${j}-${n}`).filter((label) => !all.has(label)),
    );
    expect(missing, `${context}: paragraphs written but missing after everyone resynced`).toEqual([]);
    reader.provider.destroy();
    reader.doc.destroy();
    const terminal = everyone.flatMap((p) => p.closes.filter((code) => code !== null && code >= 4400 && code < 4500));
    expect(terminal, `${context}: a client was refused for good`).toEqual([]);

    // 3. Heavy editing, and a SIGKILL at a random moment in it.
    const killAfter = prng.int32(random, KILL_DELAY_MS.min, KILL_DELAY_MS.max);
    const typing = setInterval(() => {
      writers.forEach((writer, j) => appendParagraph(writer.doc, `w${j}-${written[j]++}`));
    }, TYPING_TICK_MS);
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    await kill(server);
    running = null;
    clearInterval(typing);
    // The socket closes after every frame the server had sent: once a client
    // sees the close, it holds everything it will ever receive from that server.
    await waitFor(
      () => [...writers, observer].every((p) => !p.provider.wsconnected),
      `${context}: clients to see the crash`,
      10_000,
    );
    received = labels(observer.doc);
    writers.forEach((writer, j) => {
      for (const label of labels(writer.doc)) if (!label.startsWith(`w${j}-`)) received.add(label);
    });
    timings.push(
      `round ${round}: ${unstored} unstored edits resent after the previous crash; kill after ${killAfter} ms; ` +
        `${received.size} paragraphs received; ${Math.round(performance.now() - roundStarted)} ms`,
    );
  }

  // The last crash is checked too: one more restart, the same checks.
  running = await start(dataDir);
  const finalReader = openPeer("reader", running.wsUrl, docId, cookie(READER));
  peers.push(finalReader);
  await waitFor(() => finalReader.provider.synced, "the final reader to sync", 15_000);
  const finalStored = labels(finalReader.doc);
  expect([...received].filter((label) => !finalStored.has(label))).toEqual([]);
  for (const peer of [...writers, observer]) reconnect(peer, running.wsUrl);
  await waitFor(
    () => peers.every((p) => p.provider.synced && stateVector(p.doc) === stateVector(finalReader.doc)),
    "every client to converge after the last restart",
    20_000,
  );
  for (const peer of peers) expect(text(peer.doc)).toBe(text(finalReader.doc));
  const total = written.reduce((a, b) => a + b, 0);
  expect(labels(finalReader.doc).size).toBe(total);
  console.info(`crash loop (seed ${SEED}): ${total} paragraphs written\n${timings.join("\n")}`);
}, 240_000);

function describePeers(list: Peer[]): string {
  return list
    .map(
      (p) =>
        `${p.name}: connected=${p.provider.wsconnected} synced=${p.provider.synced} closes=${JSON.stringify(p.closes)} sv=${stateVector(p.doc)} paragraphs=${labels(p.doc).size}`,
    )
    .join("\n");
}
