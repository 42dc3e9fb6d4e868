/**
 * One process of the load generator: opens its share of the official
 * y-websocket clients, edits on cue, and times the edits it receives. Several
 * of these run at once so the clients, not the server, are never the bottleneck
 * of one event loop. Talks to bench/load.ts over IPC.
 */
import * as Y from "yjs";
import { appendMarked, openClient, sleep, type BenchClient } from "./load";
import type { BenchServer } from "./servers";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

const clients: Array<{ client: BenchClient; docId: string }> = [];
const latencies: number[] = [];
let delivered = 0;

const now = () => performance.timeOrigin + performance.now();
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
      const server = {
        name: command.serverName,
        collabBase: command.collabBase,
        cookies: new Map(command.cookies),
      } as BenchServer;
      const opened = await Promise.all(
        command.assignments.map(async ({ docId, index }) => ({
          client: await openClient(server, docId, index),
          docId,
        })),
      );
      for (const entry of opened) {
        clients.push(entry);
        listen(entry.client);
      }
      return reply({ type: "ready" });
    }
    case "go": {
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
      const until = performance.now() + 5000;
      while (delivered < command.expected && performance.now() < until) await sleep(20);
      reply({ type: "result", latencies, delivered });
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

process.setMaxListeners(0);
