import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { DEFAULT_COLLAB_LIMITS } from "../collab/limits";
import { startKeyroom, type KeyroomServer, type StartOptions } from "../app";
import type { Config } from "../config";
import { setLogLevel } from "../lib/logger";
import { seededDatabase } from "./postgres";

export interface TestServer extends KeyroomServer {
  url: string;
  wsUrl: string;
  dataDir: string;
}

setLogLevel(process.env.TEST_LOG_LEVEL === "debug" ? "debug" : "silent");

/** A fresh data directory holding a copy of the migrated, seeded template database. */
export function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-test-"));
  fs.copyFileSync(inject("templateDatabase"), path.join(dir, "keyroom.db"));
  return dir;
}

export function testConfig(dataDir: string): Config {
  return {
    env: "test",
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseFile: path.join(dataDir, "keyroom.db"),
    sessionSecret: "test-secret-test-secret",
    logLevel: "silent",
    idleUnloadMs: 30_000,
    updatesPerSecond: DEFAULT_COLLAB_LIMITS.updatesPerSecond,
    updateBurst: DEFAULT_COLLAB_LIMITS.updateBurst,
  };
}

/**
 * Starts the real server (HTTP, Remix, collab) on a free port over its own
 * SQLite file. Under `npm run test:cluster` (which provides a seeded
 * PostgreSQL template), it runs on its own copy of that database instead, so
 * the same test checks both engines.
 */
export async function startTestServer(dataDir?: string, options: StartOptions = {}): Promise<TestServer> {
  const postgres = inject("postgresTemplate") ? await seededDatabase() : undefined;
  const dir = dataDir ?? (postgres ? fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-test-")) : freshDataDir());
  const server = await startKeyroom({ ...testConfig(dir), databaseUrl: postgres?.url }, options);
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    dataDir: dir,
    async close() {
      await server.close();
      await postgres?.drop();
    },
  };
}
