import { afterEach, expect, it } from "vitest";
import WebSocket from "ws";
import { CloseCode } from "./wire/close-codes";
import { openDataDb } from "../test/database";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { kill, spawnServer, type ServerProcess } from "../test/spawn-server";
import { freshDataDir } from "../test/start-test-server";

const clients: TestClient[] = [];
let running: ServerProcess | null = null;

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  if (running && running.child.exitCode === null) await kill(running);
  running = null;
});

const edits = (client: TestClient) => new Set(client.text().match(/edit-\d+/g) ?? []);

it("SIGTERM: clients are told 'server restarting' (1012), pending writes are flushed, the process exits cleanly", async () => {
  const dataDir = freshDataDir();
  const db = await openDataDb(dataDir);
  const docId = await demoDocId(db, NORTHWIND);
  await db.$disconnect();

  running = await spawnServer(dataDir);
  const cookie = await login(running.url, "lead");
  const writer = connectClient(running.wsUrl, docId, cookie);
  clients.push(writer);
  await synced(writer);
  // A raw socket to see the close code the browser would get.
  const raw = new WebSocket(`${running.wsUrl}/collab/${docId}`, { headers: { cookie } });
  const closeCode = new Promise<number>((resolve) => raw.on("close", (code) => resolve(code)));
  await new Promise((resolve) => raw.on("open", resolve));

  // Edits in flight when the signal lands: sent, not yet acknowledged.
  for (let i = 0; i < 300; i++) appendParagraph(writer.doc, `edit-${i}`);
  const sent = edits(writer);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const exited = new Promise<number | null>((resolve) => running?.child.once("exit", (code) => resolve(code)));
  running.child.kill("SIGTERM");

  expect(await closeCode).toBe(CloseCode.ServiceRestart);
  expect(await exited).toBe(0);
  writer.destroy();
  clients.splice(0);

  running = await spawnServer(dataDir);
  const reader = connectClient(running.wsUrl, docId, await login(running.url, "sales"));
  clients.push(reader);
  await synced(reader);
  await waitFor(() => edits(reader).size > 0, "the stored edits");
  // Every edit the server had received before it stopped is there; the rest the
  // writer would resend on reconnect (its provider keeps them).
  const stored = edits(reader);
  const received = [...sent].filter((edit) => stored.has(edit));
  expect(received.length).toBeGreaterThan(0);
  // Stored edits are a prefix of what was typed: nothing in the middle went missing.
  const highest = Math.max(...[...stored].map((e) => Number(e.slice(5))));
  for (let i = 0; i <= highest; i++) expect(stored.has(`edit-${i}`), `edit-${i}`).toBe(true);
});
