import { spawn, type ChildProcess } from "node:child_process";

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  wsUrl: string;
}

/**
 * Runs `server/index.ts` as its own process (the way `npm start` does), so a
 * test can SIGKILL it mid-edit. Resolves once it logs its listening URL.
 */
export function spawnServer(dataDir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/localhost:(\d+))"/.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        const port = match[2];
        resolve({ child, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

/** SIGKILL: no shutdown hook runs, nothing is flushed. */
export function kill(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    server.child.once("exit", () => resolve());
    server.child.kill("SIGKILL");
  });
}
