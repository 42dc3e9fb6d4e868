import { afterEach, beforeEach, expect, it } from "vitest";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "./test/clients";
import { demoDocId, NORTHWIND } from "./test/demo-data";
import { startTestServer, type TestServer } from "./test/start-test-server";

let server: TestServer;
let client: TestClient | undefined;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  client?.destroy();
  await server.close();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(" ").at(-1)) : NaN;
}

it("GET /metrics reports connections, loaded documents, stored updates and batch sizes in Prometheus format", async () => {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.headers.get("content-type")).toMatch(/text\/plain/);
  expect(await metric("keyroom_collab_connections")).toBe(0);
  expect(await metric("keyroom_nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);

  const docId = await demoDocId(server.services.db, NORTHWIND);
  client = connectClient(server.wsUrl, docId, await login(server.url, "lead"));
  await synced(client);
  for (let i = 0; i < 10; i++) appendParagraph(client.doc, `metric ${i}`);
  await waitFor(() => server.collab.openConnections === 1, "the connection");
  await expect.poll(() => metric("keyroom_collab_updates_total")).toBe(10);
  expect(await metric("keyroom_collab_connections")).toBe(1);
  expect(await metric("keyroom_collab_documents_loaded")).toBe(1);
  expect(await metric("keyroom_persistence_batch_size_sum")).toBe(10);
  expect(await metric("keyroom_persistence_batch_size_count")).toBeGreaterThanOrEqual(1);
});
