/**
 * One process of the load generator: for each run, opens its share of the
 * official clients (y-websocket's, or Hocuspocus's for Hocuspocus), edits on
 * cue, times the edits (or the paste) it receives, and closes them. Several
 * run at once, each with its own event loop, so the clients are not all
 * queued behind one; each reports the CPU it used during the run, so the bench
 * can show whether the clients set the pace. Talks to bench/load.ts over IPC.
 */
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { appendMarked, openClient, sleep, type BenchClient, type MessageTap } from "./load";
import { speaksHocuspocus } from "./servers";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

/** Clients opened at once: a crowd arriving, not one burst of every handshake. */
const OPEN_BATCH = 100;
/** After the last edit: how long to wait for missing deliveries while none arrive, and at most. */
const DRAIN_STALL_MS = 5000;
const DRAIN_MAX_MS = 60_000;

// One run's state: "open" starts a run, "drain" or "converge" ends it.
let clients: Array<{ client: BenchClient; docId: string; user: number; own?: Y.XmlText }> = [];
/** Light receivers read edits off the wire from "go" until the run ends. */
let reading = false;
let latencies: number[] = [];
let delivered = 0;
let cpuAtGo: NodeJS.CpuUsage | undefined;

const now = () => performance.timeOrigin + performance.now();
const cpuMicrosSince = (start: NodeJS.CpuUsage | undefined) => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};
const reply = (message: WorkerReply): void => {
  process.send?.(message);
};

process.on("message", (command: WorkerCommand) => {
  void handle(command).catch((error: unknown) => {
    reply({ type: "error", message: String(error) });
  });
});

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.type) {
    case "open": {
      clients = [];
      latencies = [];
      delivered = 0;
      reading = false;
      const hocuspocus = speaksHocuspocus(command.serverName);
      // The last run's clients are garbage now: collect them before this run, not during it.
      (globalThis as { gc?: () => void }).gc?.();
      const server = {
        name: command.serverName,
        collabBase: command.collabBase,
        collabSpread: command.collabSpread,
        cookies: new Map(command.cookies),
      };
      for (let i = 0; i < command.assignments.length; i += OPEN_BATCH) {
        const opened = await Promise.all(
          command.assignments.slice(i, i + OPEN_BATCH).map(async ({ docId, user }) => ({
            client: await openClient(
              server,
              docId,
              user,
              undefined,
              command.light ? lightReceiver(hocuspocus, user) : undefined,
            ),
            docId,
            user,
          })),
        );
        for (const entry of opened) {
          clients.push(entry);
          if (command.role === "editor" && !command.light) listen(entry.client);
        }
      }
      // Each light editor types into a paragraph of its own: its edits never
      // race another's for a place, so the server integrates them as typing.
      if (command.light) for (const entry of clients) entry.own = ownParagraph(entry.client.doc);
      return reply({ type: "ready" });
    }
    case "go": {
      cpuAtGo = process.cpuUsage();
      reading = true;
      const edits: Record<string, number> = {};
      const interval = 1000 / command.editsPerSecond;
      const timers = clients.map(({ client, docId, user, own }, i) => {
        let seq = 0;
        const edit = () => {
          if (own) own.insert(own.length, `u${user}:${seq++}@${now()} `);
          else appendMarked(client.doc, `${command.worker}:${i}:${seq++}@${now()}`);
          edits[docId] = (edits[docId] ?? 0) + 1;
        };
        // Spread the editors over the interval so edits do not all land in one tick.
        const timer = {
          every: undefined as NodeJS.Timeout | undefined,
          start: undefined as NodeJS.Timeout | undefined,
        };
        timer.start = setTimeout(() => {
          edit();
          timer.every = setInterval(edit, interval);
        }, Math.random() * interval);
        return timer;
      });
      await sleep(command.durationMs);
      for (const t of timers) {
        clearTimeout(t.start);
        clearInterval(t.every);
      }
      return reply({ type: "edited", edits });
    }
    case "drain": {
      // A server that is behind gets time while it keeps delivering; one that stopped does not.
      const giveUp = performance.now() + DRAIN_MAX_MS;
      let progress = { at: performance.now(), delivered };
      while (delivered < command.expected && performance.now() < giveUp) {
        if (delivered > progress.delivered) progress = { at: performance.now(), delivered };
        else if (performance.now() - progress.at > DRAIN_STALL_MS) break;
        await sleep(20);
      }
      reply({ type: "result", latencies, delivered, cpuMicros: cpuMicrosSince(cpuAtGo) });
      reading = false;
      for (const { client } of clients) client.destroy();
      return;
    }
    case "converge": {
      const cpuAtStart = process.cpuUsage();
      const pending = clients.map(({ client }) =>
        converged(client.doc, command.author, command.clock, command.timeoutMs),
      );
      // Every client is watched now: the paste may be made.
      reply({ type: "watching" });
      const at = await Promise.all(pending);
      reply({ type: "converged", at, cpuMicros: cpuMicrosSince(cpuAtStart) });
      for (const { client } of clients) client.destroy();
      return;
    }
  }
}

/** Markers are read from the received update itself: YEvent.changes walks the whole list. */
function listen(client: BenchClient): void {
  client.doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) return;
    const at = now();
    for (const struct of Y.decodeUpdate(update).structs) {
      if (!(struct instanceof Y.Item) || struct.parentSub !== "m") continue;
      const marker = String(struct.content.getContent()[0]);
      const sent = Number(marker.slice(marker.indexOf("@") + 1));
      latencies.push(at - sent);
      delivered++;
    }
  });
}

function ownParagraph(doc: Y.Doc): Y.XmlText {
  const text = new Y.XmlText("· ");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
  return text;
}

const SYNC = 0;
const SYNC_UPDATE = 2;
/** A light editor's marker, `u<its user number>:<seq>@<epoch ms> ` (the space ends the time). */
const MARKER = /u(\d+):\d+@(\d+(?:\.\d+)?) /g;

/**
 * A light receiver: while `reading`, the updates the server sends are timed
 * from the markers in their bytes and not given to the provider (whose
 * document would otherwise apply every other editor's typing); everything
 * else (the handshake, awareness, acknowledgements) reaches the provider.
 * As a document would, it counts an edit once, and never its own: Hocuspocus
 * sends an update back to its author too.
 */
function lightReceiver(hocuspocus: boolean, self: number): MessageTap {
  const seen = new Set<string>();
  return (message) => {
    if (!reading) return false;
    const decoder = decoding.createDecoder(message);
    if (hocuspocus) decoding.readVarString(decoder); // Hocuspocus frames each message with its document's name.
    if (decoding.readVarUint(decoder) !== SYNC || decoding.readVarUint(decoder) !== SYNC_UPDATE) return false;
    const update = decoding.readVarUint8Array(decoder);
    const at = now();
    const text = Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("latin1");
    for (const [marker, author, sent] of text.matchAll(MARKER)) {
      if (Number(author) === self || seen.has(marker)) continue;
      seen.add(marker);
      latencies.push(at - Number(sent));
      delivered++;
    }
    return true;
  };
}

/**
 * When `doc` holds every item `author` made before `clock` (Yjs integrates an
 * author's items in clock order, holding back any whose dependencies are
 * missing), in epoch ms; NaN after `timeoutMs`.
 */
function converged(doc: Y.Doc, author: number, clock: number, timeoutMs: number): Promise<number> {
  const has = () => Y.getState(doc.store, author) >= clock;
  return new Promise((resolve) => {
    const check = () => {
      if (!has()) return;
      const at = now();
      clearTimeout(timer);
      doc.off("update", check);
      resolve(at);
    };
    const timer = setTimeout(() => {
      doc.off("update", check);
      resolve(NaN);
    }, timeoutMs);
    doc.on("update", check);
    check();
  });
}

process.setMaxListeners(0);
