import { afterEach, expect, it } from "vitest";
import { openDataDb } from "../test/database";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { kill, spawnServer, type ServerProcess } from "../test/spawn-server";
import { freshDataDir } from "../test/start-test-server";

const clients: TestClient[] = [];
let running: ServerProcess | null = null;

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  if (running) await kill(running);
  running = null;
});

function paragraphs(client: TestClient): Set<string> {
  return new Set(client.text().match(/edit-\d+/g) ?? []);
}

it("every update another client received survives a SIGKILL mid-edit", async () => {
  const dataDir = freshDataDir();
  const db = await openDataDb(dataDir);
  const docId = await demoDocId(db, NORTHWIND);
  await db.$disconnect();

  running = await spawnServer(dataDir);
  const writer = connectClient(running.wsUrl, docId, await login(running.url, "lead"));
  const watcher = connectClient(running.wsUrl, docId, await login(running.url, "sales"));
  clients.push(writer, watcher);
  await Promise.all([synced(writer), synced(watcher)]);

  // Keep typing while the server dies: the kill lands mid-stream.
  let i = 0;
  const typing = setInterval(() => {
    for (let burst = 0; burst < 5; burst++) appendParagraph(writer.doc, `edit-${i++}`);
  }, 2);
  await waitFor(() => paragraphs(watcher).size >= 150, "the watcher to receive a good share of the edits", 15_000);
  const received = paragraphs(watcher);
  await kill(running);
  running = null;
  clearInterval(typing);
  for (const c of clients.splice(0)) c.destroy();

  running = await spawnServer(dataDir);
  const reader = connectClient(running.wsUrl, docId, await login(running.url, "production"));
  clients.push(reader);
  await synced(reader);
  const stored = paragraphs(reader);
  const lost = [...received].filter((p) => !stored.has(p));
  expect(lost).toEqual([]);
  expect(stored.size).toBeGreaterThanOrEqual(received.size);
});
