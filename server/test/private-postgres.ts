import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./cluster";

const BIN = `/usr/lib/postgresql/${fs.existsSync("/usr/lib/postgresql") ? fs.readdirSync("/usr/lib/postgresql").sort().at(-1) : "15"}/bin`;

export interface PrivatePostgres {
  url: string;
  /** Fast shutdown: open connections are cut, as in a restart or a failover. */
  stop(): void;
  start(): void;
  remove(): void;
}

/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, on a
 * free port), so a test can stop and start it without disturbing the
 * machine's, which other tests use at the same time. As root, it runs as the
 * `postgres` user, as PostgreSQL requires.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-pg-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  const asPostgres = process.getuid?.() === 0;
  if (asPostgres) execFileSync("chown", ["postgres", dir]);
  const run = (binary: string, args: string[]) =>
    execFileSync(
      asPostgres ? "runuser" : path.join(BIN, binary),
      asPostgres ? ["-u", "postgres", "--", path.join(BIN, binary), ...args] : args,
      {
        stdio: "ignore",
      },
    );
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres"]);
  const pgCtl = (action: string, ...extra: string[]) =>
    run("pg_ctl", ["-D", data, "-w", "-l", path.join(dir, "log"), ...extra, action]);
  const start = () => pgCtl("start", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => pgCtl("stop", "-m", "fast"),
    start,
    remove() {
      try {
        pgCtl("stop", "-m", "immediate");
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
