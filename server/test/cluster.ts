import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The documented HAProxy configuration (docs/haproxy.cfg), run as is but for its ports. */
const HAPROXY_CONFIG = path.resolve("docs", "haproxy.cfg");
const SECRET = "cluster-test-secret-cluster-test-secret";

export interface ClusterNode {
  name: string;
  port: number;
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** Everything the process wrote, for a failing test to show. */
  output(): string;
}

export interface TestCluster {
  nodes: ClusterNode[];
  /** HAProxy in front of every node. */
  url: string;
  wsUrl: string;
  /** The node whose internal address is `owner` (as DocLease stores it). */
  byAddress(owner: string): ClusterNode;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill(node: ClusterNode): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `size` Keyroom processes (server/index.ts, as `npm start` runs it) on
 * one PostgreSQL database, and HAProxy in front of them with the documented
 * configuration. Resolves once HAProxy sees every node healthy.
 */
export async function startCluster(
  databaseUrl: string,
  { size = 3, leaseTtlMs = 1500, env = {} } = {},
): Promise<TestCluster> {
  const nodes: ClusterNode[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-cluster-"));
  let haproxy: ChildProcess | undefined;
  const stop = async () => {
    await Promise.all(
      [...nodes.map((node) => node.child), ...(haproxy ? [haproxy] : [])].map((child) => stopChild(child)),
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 1; i <= size; i++) {
      const port = await freePort();
      nodes.push(
        await spawnNode(`node${i}`, port, {
          DATABASE_URL: databaseUrl,
          NODE_URL: `ws://127.0.0.1:${port}`,
          LEASE_TTL_MS: String(leaseTtlMs),
          SESSION_SECRET: SECRET,
          DATA_DIR: path.join(dataDir, `node${i}`),
          COLLAB_IDLE_UNLOAD_MS: "2000",
          ...env,
        }),
      );
    }
    const balancerPort = await freePort();
    const config = path.join(dataDir, "haproxy.cfg");
    fs.writeFileSync(config, haproxyConfig(fs.readFileSync(HAPROXY_CONFIG, "utf8"), balancerPort, nodes));
    haproxy = spawn("haproxy", ["-db", "-f", config], { stdio: ["ignore", "pipe", "pipe"] });
    const url = `http://127.0.0.1:${balancerPort}`;
    await until(async () => {
      const res = await fetch(`${url}/healthz`).catch(() => null);
      return res?.status === 200;
    }, "HAProxy to answer");
    return {
      nodes,
      url,
      wsUrl: url.replace("http", "ws"),
      byAddress(owner) {
        const node = nodes.find((n) => n.wsUrl === owner);
        if (!node) throw new Error(`no node at ${owner}`);
        return node;
      },
      kill: (node) => stopChild(node.child, "SIGKILL"),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The documented configuration with its listening port and its servers' ports replaced. */
export function haproxyConfig(documented: string, port: number, nodes: readonly ClusterNode[]): string {
  return documented
    .replace(/bind 127\.0\.0\.1:\d+/, `bind 127.0.0.1:${port}`)
    .replace(/server (node\d) 127\.0\.0\.1:\d+/g, (line, name: string) => {
      const node = nodes.find((n) => n.name === name);
      return node ? `server ${name} 127.0.0.1:${node.port}` : line;
    });
}

function spawnNode(name: string, port: number, env: Record<string, string>): Promise<ClusterNode> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const node: ClusterNode = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    child,
    output: () => output,
  };
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited (${code}) before listening:\n${output}`));
    child.once("exit", onExit);
    until(() => Promise.resolve(output.includes('"msg":"Keyroom is listening"')), `${name} to listen`, 30_000).then(
      () => {
        child.off("exit", onExit);
        resolve(node);
      },
      reject,
    );
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
    // A paused (SIGSTOP) process ignores SIGTERM until it runs again.
    if (signal !== "SIGKILL") setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
