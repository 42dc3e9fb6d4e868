import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import WebSocket from "ws";

/**
 * The servers measured: Keyroom; the reference @y/websocket-server; Hocuspocus
 * in memory; Hocuspocus persisting to SQLite.
 */
export const SERVER_NAMES = ["keyroom", "reference", "hocuspocus", "hocuspocus-sqlite"] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** Hocuspocus has its own framing and handshake: its clients are the official `@hocuspocus/provider`. */
export function speaksHocuspocus(name: ServerName): boolean {
  return name === "hocuspocus" || name === "hocuspocus-sqlite";
}

/** A server under test: a child process of the bench, reached on loopback. */
export interface BenchServer {
  name: ServerName;
  pid: number;
  httpBase: string;
  /**
   * The y-websocket provider appends `/<docId>` to it; the Hocuspocus provider
   * connects to it as is and names the document inside every message.
   */
  collabBase: string;
  /** Several processes of one cluster: clients open round-robin over these instead of `collabBase`. */
  collabSpread?: string[];
  /** Processes whose CPU counts as the server's (a cluster's nodes); default: `pid`. */
  cpuPids?: number[];
  /** Session cookie per user handle (Keyroom only: the others have no auth). */
  cookies: Map<string, string>;
  /** A full garbage collection in the server, through its inspector, so memory reads are comparable. */
  collectGarbage(): Promise<void>;
  /**
   * What the server's JavaScript holds, in bytes: V8's heap in use plus the
   * memory of its buffers (`heapUsed + external` of `process.memoryUsage()`).
   * Read after `collectGarbage`, it is what live objects retain, without the
   * freed pages and allocator slack that RSS also counts.
   */
  retainedBytes(): Promise<number>;
  stop(): Promise<void>;
}

// Every server runs with an inspector on a free loopback port: the bench uses it
// only to ask for a full GC and read memory.
const INSPECT = "--inspect=127.0.0.1:0";

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill();
});

/** Ends `child` when the bench exits, however it exits, so no server or load worker outlives a failed run. */
export function killOnExit(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<{ match: RegExpExecArray; output: string }> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        resolve({ match, output });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

export async function startReference(): Promise<BenchServer> {
  const child = spawn(process.execPath, [INSPECT, "--import", "tsx", "bench/reference-server.ts"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return started("reference", child, /"listening":(\d+)/);
}

/**
 * `@hocuspocus/server` with its defaults (bench/hocuspocus-server.ts): in
 * memory, or with `@hocuspocus/extension-sqlite` writing `sqliteFile`.
 */
export async function startHocuspocus(sqliteFile?: string): Promise<BenchServer> {
  const child = spawn(process.execPath, [INSPECT, "--import", "tsx", "bench/hocuspocus-server.ts"], {
    env: { ...process.env, ...(sqliteFile ? { HOCUSPOCUS_SQLITE: sqliteFile } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return started(sqliteFile ? "hocuspocus-sqlite" : "hocuspocus", child, /"listening":(\d+)/, "");
}

/**
 * Keyroom as `npm start` runs it: real auth, real SQLite persistence,
 * production limits. Signs in as each of `handles` (users of the bench data),
 * one cookie each; `env` overrides the server's environment.
 */
export async function startKeyroom(
  dataDir: string,
  { handles = [], env = {} }: { handles?: string[]; env?: Record<string, string> } = {},
): Promise<BenchServer> {
  const child = spawn(process.execPath, [INSPECT, "--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      COLLAB_IDLE_UNLOAD_MS: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server = await started("keyroom", child, /"url":"http:\/\/localhost:(\d+)"/);
  const cookies = await Promise.all(handles.map((handle) => login(server.httpBase, handle)));
  handles.forEach((handle, i) => server.cookies.set(handle, cookies[i]));
  return server;
}

/** Waits for the child's "listening" line (its port is the first group) and describes it. */
async function started(
  name: ServerName,
  child: ChildProcess,
  listening: RegExp,
  collabPath = "/collab",
): Promise<BenchServer> {
  killOnExit(child);
  const { match, output } = await waitForLine(child, listening);
  // Keep draining the pipes: a child blocked on a full stdout would stall the bench.
  child.stdout?.resume();
  child.stderr?.resume();
  const port = match[1];
  const inspect = inspector(output);
  return {
    name,
    pid: child.pid ?? 0,
    httpBase: `http://127.0.0.1:${port}`,
    collabBase: `ws://127.0.0.1:${port}${collabPath}`,
    cookies: new Map(),
    collectGarbage: async () => {
      await inspect("HeapProfiler.collectGarbage");
    },
    retainedBytes: async () => {
      const { result } = (await inspect("Runtime.evaluate", {
        expression: "(({ heapUsed, external }) => heapUsed + external)(process.memoryUsage())",
        returnByValue: true,
      })) as { result: { value: number } };
      return result.value;
    },
    stop: stopper(child),
  };
}

/** Signs in as `handle` (an email without a domain: `@demo.keyroom`) and returns the session cookie. */
export async function login(base: string, handle: string): Promise<string> {
  const email = handle.includes("@") ? handle : `${handle}@demo.keyroom`;
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: "keyroom-demo" }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error(`bench login failed for ${handle}: ${res.status}`);
  return cookie.split(";")[0];
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time a process has used so far (user + system), in seconds (Linux /proc; 10 ms resolution). */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is 3rd, utime 14th, stime 15th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** USER_HZ: what /proc counts CPU time in, 100 on Linux everywhere that matters here. */
const CLOCK_TICKS_PER_SECOND = 100;

/** One inspector command to the process whose output announced the inspector; resolves to its result. */
function inspector(output: string): (method: string, params?: object) => Promise<unknown> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  return async (method, params) => {
    if (!url) throw new Error("no inspector URL in the server's output");
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    try {
      return await new Promise((resolve, reject) => {
        ws.on("message", (data) => {
          const reply = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
          if (reply.id !== 1) return;
          if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
          else resolve(reply.result);
        });
        ws.send(JSON.stringify({ id: 1, method, params }));
      });
    } finally {
      ws.close();
    }
  };
}
