import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { WebsocketProvider } from "y-websocket";
import { appendMarked, openClient, runEditScenario, untilIdle, type BenchClient, type ScenarioResult } from "./load";
import { measurePersistence } from "./persistence";
import { startKeyroom, type BenchServer } from "./servers";
import { preparePostgresData } from "./setup";
import { fmt, median, ratio } from "./stats";

/** The machine's PostgreSQL (ARCHITECTURE.md); BENCH_POSTGRES_URL names another server. */
const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PROCESSES = 3;
const EDITORS = 50;
/** Clients of a document, on the two processes that relay to its owner when the owner is killed. */
const FAILOVER_CLIENTS = 30;
/** Cross-node p99 within this of one process's, on the same PostgreSQL. */
export const CROSS_NODE_TARGET = 1.2;

export interface ClusterBench {
  /** 50 editors in one doc, p99 ms per round: all on one process, and spread over three. */
  oneProcessP99: number[];
  spreadP99: number[];
  oneProcessP50: number[];
  spreadP50: number[];
  /** The nodes' CPU, % of one core, per round. */
  oneProcessCpu: number[];
  spreadCpu: number[];
  lost: number;
  persistenceUpdatesPerSecond: number;
  /** Owner killed (SIGKILL) → each relayed client synced again with a new owner, ms (sorted). */
  failoverMs: number[];
}

/**
 * Keyroom as a cluster on PostgreSQL: the same 50-editor load on one process,
 * then spread over three (one owns the document; the other two relay their
 * clients to it), alternating for `repeats` rounds; and the group commit's
 * throughput to PostgreSQL. Null when PostgreSQL is not running.
 */
export async function measureCluster(
  repeats: number,
  durationMs: number,
  log: (line: string) => void,
): Promise<ClusterBench | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_SERVER });
  try {
    await admin.connect();
  } catch (error) {
    log(`cluster: PostgreSQL at ${POSTGRES_SERVER} is not reachable (${String(error)}); skipped`);
    return null;
  }
  const name = `keyroom_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-bench-cluster-"));
  const nodes: BenchServer[] = [];
  try {
    log(`cluster: preparing PostgreSQL database ${name}…`);
    const data = await preparePostgresData(databaseUrl, repeats * 2 + 2);
    const env = { DATABASE_URL: databaseUrl, SESSION_SECRET: randomBytes(24).toString("hex") };
    for (let i = 0; i < PROCESSES; i++) {
      nodes.push(await startKeyroom(path.join(dataDir, `node${i}`), { handles: data.handles, env }));
    }
    // Every node's CPU counts in both variants: the idle ones renew leases either way.
    const cpuPids = nodes.map((node) => node.pid);
    const one: BenchServer = { ...nodes[0], cpuPids };
    const spread: BenchServer = { ...one, collabSpread: nodes.map((node) => node.collabBase) };
    const runs = { one: [] as ScenarioResult[], spread: [] as ScenarioResult[] };
    for (let r = 0; r < repeats; r++) {
      const order = r % 2 === 0 ? (["one", "spread"] as const) : (["spread", "one"] as const);
      for (const variant of order) {
        log(
          `cluster: ${EDITORS} editors, 1 doc · ${variant === "one" ? "one process" : `${PROCESSES} processes`} · round ${r + 1}/${repeats}`,
        );
        const result = await runEditScenario(variant === "one" ? one : spread, {
          docs: data.docIds.splice(0, 1),
          editorsPerDoc: EDITORS,
          editsPerSecond: 2,
          durationMs,
        });
        log(
          `  p99 ${fmt(result.latency.p99)} ms, ${result.delivered}/${result.expected} delivered, servers' CPU ${fmt(result.serverCpuPercent, 0)}%`,
        );
        runs[variant].push(result);
        await untilIdle(nodes, 1500);
      }
    }
    log(`cluster: killing a document's owner under ${FAILOVER_CLIENTS} relayed clients…`);
    const failoverMs = await measureFailover(nodes, data.docIds.splice(0, 1)[0]);
    for (const node of nodes.splice(0)) await node.stop();
    log("cluster: measuring persistence throughput to PostgreSQL…");
    const persistence = await measurePersistence({ databaseFile: "", databaseUrl }, data.docIds[0], 50_000);
    return {
      oneProcessP99: runs.one.map((x) => x.latency.p99),
      spreadP99: runs.spread.map((x) => x.latency.p99),
      oneProcessP50: runs.one.map((x) => x.latency.p50),
      spreadP50: runs.spread.map((x) => x.latency.p50),
      oneProcessCpu: runs.one.map((x) => x.serverCpuPercent),
      spreadCpu: runs.spread.map((x) => x.serverCpuPercent),
      lost: [...runs.one, ...runs.spread].reduce((sum, x) => sum + x.lost, 0),
      persistenceUpdatesPerSecond: persistence,
      failoverMs,
    };
  } finally {
    for (const node of nodes) await node.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The first node owns the document (its client came first); the clients on
 * the other two are relayed to it. The owner is killed: each client is timed
 * from the kill until it has synced with the new owner, and the new owner
 * must then carry an edit to all of them.
 */
async function measureFailover(nodes: BenchServer[], docId: string): Promise<number[]> {
  const [owner, ...others] = nodes;
  const first = await openClient(owner, docId, 0);
  const clients: BenchClient[] = [];
  for (let i = 0; i < FAILOVER_CLIENTS; i++) clients.push(await openClient(others[i % others.length], docId, i + 1));
  const resynced = clients.map(
    ({ provider }) =>
      new Promise<number>((resolve) => {
        const ws = provider as WebsocketProvider;
        ws.once("connection-close", () =>
          ws.on("sync", (synced: boolean) => {
            if (synced) resolve(performance.now());
          }),
        );
      }),
  );
  const killedAt = performance.now();
  process.kill(owner.pid, "SIGKILL");
  first.destroy();
  const times = (await Promise.all(resynced)).map((at) => at - killedAt);
  const marker = `after the failover ${Date.now()}`;
  appendMarked(clients[0].doc, marker);
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error("an edit after the failover did not reach every client")),
            10_000,
          );
          const check = () => {
            if (!client.doc.getXmlFragment("default").toString().includes(marker)) return;
            clearTimeout(timer);
            client.doc.off("update", check);
            resolve();
          };
          client.doc.on("update", check);
          check();
        }),
    ),
  );
  for (const client of clients) client.destroy();
  return times.sort((a, b) => a - b);
}

export function printCluster(result: ClusterBench | null): void {
  if (!result) return console.log("\nCluster on PostgreSQL: skipped (PostgreSQL not running)");
  const one = median(result.oneProcessP99);
  const spread = median(result.spreadP99);
  console.log(
    `\nCluster on PostgreSQL, ${EDITORS} editors in one doc, 2 edits/s (medians of ${result.oneProcessP99.length} rounds)`,
  );
  console.log(
    `  one process:      p50 ${fmt(median(result.oneProcessP50))} ms, p99 ${fmt(one)} ms (${result.oneProcessP99.map((x) => fmt(x, 0)).join(", ")}), servers' CPU ${fmt(median(result.oneProcessCpu), 0)}%`,
  );
  console.log(
    `  ${PROCESSES} processes:      p50 ${fmt(median(result.spreadP50))} ms, p99 ${fmt(spread)} ms (${result.spreadP99.map((x) => fmt(x, 0)).join(", ")}), servers' CPU ${fmt(median(result.spreadCpu), 0)}%`,
  );
  console.log(
    `  lost edits: ${result.lost}; group commit to PostgreSQL: ${fmt(result.persistenceUpdatesPerSecond, 0)} updates/s`,
  );
  const failover = result.failoverMs;
  console.log(
    `  owner killed (SIGKILL) → ${failover.length} relayed clients synced with a new owner: median ${fmt(median(failover))} ms, slowest ${fmt(failover.at(-1) ?? NaN)} ms`,
  );
  console.log(
    `  ${(failover.at(-1) ?? Infinity) <= 1000 ? "MET   " : "MISSED"} reconnect after a node dies within 1 s`,
  );
  const r = ratio(spread, one);
  console.log(
    `  ${r <= CROSS_NODE_TARGET ? "MET   " : "MISSED"} cross-node p99 ≤ ${CROSS_NODE_TARGET} × one process (${fmt(r, 2)})`,
  );
}
