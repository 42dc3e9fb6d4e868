import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HUB_NAMESPACE } from "~/shared/hub";
import { startKeyroom, type KeyroomServer } from "../app";
import { login, waitFor } from "../test/clients";
import { demoAccountId, demoUserIds, NORTHWIND } from "../test/demo-data";
import { collect, connected, request, type HubClient } from "../test/hub-client";
import { seededDatabase, type TestDatabase } from "../test/postgres";
import { dropPrefix, MACHINE_REDIS, uniquePrefix } from "../test/redis";
import { testConfig } from "../test/start-test-server";

/*
 * A node shuts down (a deploy): its clients reconnect through the load
 * balancer to another node, which gives them back their rooms and the events
 * they missed from what the closing node saved in Redis.
 */
const prefix = uniquePrefix();
let database: TestDatabase;
const servers: KeyroomServer[] = [];
let balancer: net.Server;
/** Where the balancer sends new connections. */
let target = 0;

beforeAll(async () => {
  database = await seededDatabase();
  for (const name of ["A", "B"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keyroom-hub-${name}-`));
    servers.push(
      await startKeyroom({
        ...testConfig(dir),
        databaseUrl: database.url,
        redisUrl: MACHINE_REDIS,
        redisPrefix: prefix,
      }),
    );
  }
  for (const server of servers) await waitFor(() => server.hub.health === "ok", "linked through Redis");
  // The smallest load balancer: TCP to whichever node `target` names.
  balancer = net.createServer((downstream) => {
    const upstream = net.connect(servers[target].port, "127.0.0.1");
    downstream.pipe(upstream).pipe(downstream);
    const end = () => {
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => balancer.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  balancer.close();
  await Promise.all(servers.map((server) => server.close()));
  await database.drop();
  await dropPrefix(MACHINE_REDIS, prefix);
});

describe("a node shuts down", () => {
  it("its clients move to another node with their rooms and the events they missed", async () => {
    const [a, b] = servers;
    const via = `http://127.0.0.1:${(balancer.address() as net.AddressInfo).port}`;
    const aUrl = `http://127.0.0.1:${a.port}`;
    const northwind = await demoAccountId(a.services.db, NORTHWIND);
    const users = await demoUserIds(a.services.db);
    const createAction = async (title: string) => {
      const route = encodeURIComponent("routes/_workspace.accounts.$accountId.actions");
      const res = await fetch(`${aUrl}/accounts/${northwind}/actions?_data=${route}`, {
        method: "POST",
        headers: { cookie: await login(aUrl, "lead") },
        body: new URLSearchParams({ intent: "create", title, assigneeId: users.sales }),
      });
      return ((await res.json()) as { action: { id: string } }).action.id;
    };

    target = 1;
    const client = io(`${via}${HUB_NAMESPACE}`, {
      transports: ["websocket"],
      extraHeaders: { cookie: await login(aUrl, "logistics") },
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
      forceNew: true,
    }) as HubClient;
    try {
      await connected(client);
      expect(b.hub.clients).toBe(1);
      await request(client, "account:join", { accountId: northwind });
      const changed = collect(client, "action:changed");
      await createAction("Before the deploy");
      await waitFor(() => changed.length === 1, "the first action:changed");

      // B's deploy: B closes; the client's attempts fail until the balancer sends it to A.
      const reconnected = new Promise<void>((resolve) => client.io.once("reconnect", () => resolve()));
      await b.close();
      const missedId = await createAction("While moving");
      target = 0;
      await reconnected;
      await connected(client);
      expect(a.hub.clients).toBe(1);
      expect(client.recovered).toBe(true);
      await waitFor(() => changed.some((c) => c.actionId === missedId), "the missed action:changed replayed on A");
      const afterId = await createAction("After the deploy");
      await waitFor(() => changed.some((c) => c.actionId === afterId), "account room pushes on A, without a new join");
    } finally {
      client.disconnect();
    }
  });
});
