import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKeyroom, type KeyroomServer } from "../app";
import { login, waitFor } from "../test/clients";
import { demoAccountId, demoDocId, NORTHWIND } from "../test/demo-data";
import { collect, connected, connectHub, request, type HubClient } from "../test/hub-client";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { dropPrefix, MACHINE_REDIS, uniquePrefix } from "../test/redis";
import { kill, spawnServer, type ServerProcess } from "../test/spawn-server";
import { testConfig } from "../test/start-test-server";

/*
 * A node dies (SIGKILL: no shutdown, no goodbye): the people connected to it
 * leave presence on the other node within seconds, and the survivor's rooms
 * answer at once.
 */
const prefix = uniquePrefix();
let database: TestDatabase;
let survivor: KeyroomServer;
let survivorUrl: string;
let doomed: ServerProcess;
let northwind: string;
let roadmap: string;
const sockets: HubClient[] = [];

/** Runs server/index.ts as its own process with this environment (spawnServer passes ours on). */
async function spawnNode(env: Record<string, string>): Promise<ServerProcess> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await spawnServer(fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-hub-doomed-")));
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function hubOn(url: string, handle: string): Promise<HubClient> {
  const client = connectHub(url, await login(survivorUrl, handle));
  sockets.push(client);
  return connected(client);
}

beforeAll(async () => {
  database = await seededDatabase();
  const config = testConfig(fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-hub-survivor-")));
  survivor = await startKeyroom({ ...config, databaseUrl: database.url, redisUrl: MACHINE_REDIS, redisPrefix: prefix });
  survivorUrl = `http://127.0.0.1:${survivor.port}`;
  doomed = await spawnNode({
    DATABASE_URL: database.url,
    REDIS_URL: MACHINE_REDIS,
    REDIS_PREFIX: prefix,
    // The same secret, so that a session cookie opens either node.
    SESSION_SECRET: config.sessionSecret,
  });
  northwind = await demoAccountId(survivor.services.db, NORTHWIND);
  roadmap = await demoDocId(survivor.services.db, NORTHWIND);
  await waitFor(() => survivor.hub.health === "ok", "the survivor linked through Redis");
  const linked = async () => ((await (await fetch(`${doomed.url}/healthz`)).json()) as { hub?: string }).hub === "ok";
  for (let tries = 0; !(await linked()); tries++) {
    if (tries > 100) throw new Error("the doomed node never linked through Redis");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  // Killed by the test already, unless it failed before.
  if (doomed.child.exitCode === null && doomed.child.signalCode === null) await kill(doomed);
  await survivor.close();
  await database.drop();
  await dropPrefix(MACHINE_REDIS, prefix);
});

describe("a node is killed", () => {
  it("its users leave presence on the other node within seconds", async () => {
    const lead = await hubOn(survivorUrl, "lead");
    const accountPresence = collect(lead, "presence");
    await request(lead, "account:join", { accountId: northwind });
    await request(lead, "document:join", { documentId: roadmap });
    const sales = await hubOn(doomed.url, "sales");
    const logistics = await hubOn(doomed.url, "logistics");
    for (const client of [sales, logistics]) {
      await request(client, "account:join", { accountId: northwind });
      await request(client, "document:join", { documentId: roadmap });
    }
    const everyone = "Daniel Okafor, Maya Chen, Sofia Rossi";
    const latest = (scope: string) =>
      accountPresence
        .filter((p) => p.scope === scope)
        .at(-1)
        ?.users.map((u) => u.name)
        .join(", ");
    await waitFor(() => latest("account") === everyone && latest("document") === everyone, "both nodes' people");

    const killedAt = Date.now();
    await kill(doomed);
    await waitFor(
      () => latest("account") === "Maya Chen" && latest("document") === "Maya Chen",
      "the killed node's people gone from presence",
      8000,
    );
    const seconds = (Date.now() - killedAt) / 1000;
    expect(seconds).toBeLessThan(5);

    // The survivor's rooms answer at once, without waiting for the dead node.
    const support = await hubOn(survivorUrl, "support");
    const started = Date.now();
    const joined = await request(support, "account:join", { accountId: northwind });
    expect(joined.ok && joined.presence.users.map((u) => u.name)).toEqual(["Maya Chen", "Zhang Min"]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
