/**
 * One process of the load generator: for each run, opens its share of the
 * official clients (y-websocket's, or Hocuspocus's for Hocuspocus), edits on
 * cue, times the edits (or the paste) it receives, and closes them. Several
 * run at once, each with its own event loop, so the clients are not all
 * queued behind one; each reports the CPU it used during the run, so the bench
 * can show whether the clients set the pace. Talks to bench/load.ts over IPC.
 */
import * as Y from "yjs";
import { appendMarked, openClient, sleep, type BenchClient } from "./load";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

/** Clients opened at once: a crowd arriving, not one burst of every handshake. */
const OPEN_BATCH = 100;
/** After the last edit: how long to wait for missing deliveries while none arrive, and at most. */
const DRAIN_STALL_MS = 5000;
const DRAIN_MAX_MS = 60_000;

// One run's state: "open" starts a run, "drain" or "converge" ends it.
let clients: Array<{ client: BenchClient; docId: string }> = [];
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
            client: await openClient(server, docId, user),
            docId,
          })),
        );
        for (const entry of opened) {
          clients.push(entry);
          if (command.role === "editor") listen(entry.client);
        }
      }
      return reply({ type: "ready" });
    }
    case "go": {
      cpuAtGo = process.cpuUsage();
      const edits: Record<string, number> = {};
      const interval = 1000 / command.editsPerSecond;
      const timers = clients.map(({ client, docId }, i) => {
        let seq = 0;
        const edit = () => {
          appendMarked(client.doc, `${command.worker}:${i}:${seq++}@${now()}`);
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
