import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import WebSocket from "ws";

/** A server under test: a child process of the bench, reached on loopback. */
export interface BenchServer {
  name: "keyroom" | "reference";
  pid: number;
  httpBase: string;
  /** Base the provider appends `/<docId>` to. */
  collabBase: string;
  /** Session cookie per demo handle (Keyroom only: the reference has no auth). */
  cookies: Map<string, string>;
  /** A full garbage collection in the server, through its inspector, so memory reads are comparable. */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

// Both servers run with an inspector on a free loopback port: the bench uses it
// only to ask for a full GC before reading memory.
const INSPECT = "--inspect=127.0.0.1:0";

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
      if (child.exitCode !== null) return resolve();
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

/** Keyroom as `npm start` runs it: real auth, real SQLite persistence, production limits. */
export async function startKeyroom(dataDir: string, env: Record<string, string> = {}): Promise<BenchServer> {
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
  for (const handle of ["lead", "sales", "production", "logistics", "support"]) {
    server.cookies.set(handle, await login(server.httpBase, handle));
  }
  return server;
}

/** Waits for the child's "listening" line (its port is the first group) and describes it. */
async function started(name: BenchServer["name"], child: ChildProcess, listening: RegExp): Promise<BenchServer> {
  const { match, output } = await waitForLine(child, listening);
  // Keep draining the pipes: a child blocked on a full stdout would stall the bench.
  child.stdout?.resume();
  child.stderr?.resume();
  const port = match[1];
  return {
    name,
    pid: child.pid ?? 0,
    httpBase: `http://127.0.0.1:${port}`,
    collabBase: `ws://127.0.0.1:${port}/collab`,
    cookies: new Map(),
    collectGarbage: gcThroughInspector(output),
    stop: stopper(child),
  };
}

export async function login(base: string, handle: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: `${handle}@demo.keyroom`, password: "keyroom-demo" }),
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

function gcThroughInspector(output: string): () => Promise<void> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  return async () => {
    if (!url) throw new Error("no inspector URL in the server's output");
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    await new Promise<void>((resolve) => {
      ws.on("message", (data) => {
        if ((JSON.parse(data.toString()) as { id?: number }).id === 1) resolve();
      });
      ws.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" }));
    });
    ws.close();
  };
}
