import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDb } from "~/utils/db.server";
import { appendParagraph, connectClient, login, synced, waitFor, type TestClient } from "../test/clients";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { kill, spawnServer, type ServerProcess } from "../test/spawn-server";
import { freshDataDir, startTestServer, type TestServer } from "../test/start-test-server";
import { backupDatabase, restoreDatabase } from "./backup";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
const children: ChildProcess[] = [];
const clients: TestClient[] = [];
let spawned: ServerProcess | null = null;
let inProcess: TestServer | null = null;

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const child of children.splice(0)) await stop(child);
  if (spawned) await kill(spawned);
  spawned = null;
  await inProcess?.close();
  inProcess = null;
});

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A migrated, demo-seeded data directory (a copy of the global-setup template). */
function dataDir(): string {
  const dir = freshDataDir();
  dirs.push(dir);
  return dir;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-backup-"));
  dirs.push(dir);
  return dir;
}

function withDb<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function integrity(file: string): string[] {
  return withDb(file, (db) => db.prepare("PRAGMA integrity_check").pluck().all() as string[]);
}

/** Schema and every row of every table, in rowid order (key order for the full-text index's WITHOUT ROWID tables). */
function dump(file: string): Record<string, unknown[]> {
  return withDb(file, (db) => {
    const schema = db.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name").all();
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
      sql: string;
    }>;
    const rows = tables.map(({ name, sql }) => [
      name,
      db.prepare(`SELECT * FROM "${name}" ORDER BY ${/WITHOUT ROWID/i.test(sql) ? "1" : "rowid"}`).all(),
    ]);
    return { schema, ...Object.fromEntries(rows) };
  });
}

function maxUpdateId(file: string): number {
  return withDb(file, (db) => db.prepare("SELECT coalesce(max(id), 0) FROM DocUpdate").pluck().get() as number);
}

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/**
 * Another process appending DocUpdate rows ("writer-0", "writer-1", …) one
 * commit each, as fast as it can, until killed. Resolves once it is writing.
 */
async function startWriter(file: string, documentId: string): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const [file, documentId] = process.argv.slice(1);
    const db = new Database(file, { timeout: 5000 });
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    const insert = db.prepare("INSERT INTO DocUpdate (documentId, data) VALUES (?, ?)");
    let n = 0;
    (function burst() {
      for (let i = 0; i < 20; i++) insert.run(documentId, Buffer.from("writer-" + n++));
      if (n === 200) process.stdout.write("writing\\n");
      setImmediate(burst);
    })();
  `;
  const child = spawn(process.execPath, ["-e", script, file, documentId], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", () => resolve());
    child.on("exit", (code) => reject(new Error(`writer exited (${code}): ${stderr}`)));
  });
  return child;
}

function paragraphs(client: TestClient): Set<string> {
  return new Set(client.text().match(/edit-\d+/g) ?? []);
}

const run = promisify(execFile);

/** Runs a CLI the way `npm run` does (`tsx`), with DATA_DIR set; resolves with its exit code and output. */
async function cli(script: string, args: string[], dataDirectory: string) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDirectory },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("backupDatabase", () => {
  it("takes a consistent copy while another process keeps committing", async () => {
    const live = path.join(dataDir(), "keyroom.db");
    const documentId = withDb(live, (db) => {
      const id = db.prepare("SELECT id FROM Document LIMIT 1").pluck().get() as string;
      // About 20 MB, so the copy takes long enough for the writer to commit during it.
      const pad = db.prepare("INSERT INTO DocUpdate (documentId, data) VALUES (?, randomblob(4000))");
      db.transaction(() => {
        for (let i = 0; i < 5000; i++) pad.run(id);
      })();
      return id;
    });
    const firstWriterId = maxUpdateId(live) + 1;

    await startWriter(live, documentId);
    const committedBefore = maxUpdateId(live);
    const destination = path.join(tempDir(), "nested", "backup.db");
    const result = await backupDatabase(live, destination);
    const committedAfter = maxUpdateId(live);

    // The writer really was writing while the backup ran.
    expect(committedAfter).toBeGreaterThan(committedBefore);
    expect(result.bytes).toBe(fs.statSync(destination).size);
    expect(result.bytes).toBeGreaterThan(20_000_000);
    expect(result.pages).toBeGreaterThan(0);
    expect(integrity(destination)).toEqual(["ok"]);
    // Self-contained: no -wal beside it, and rollback-journal mode (header bytes 18-19 = 1).
    expect(fs.readdirSync(path.dirname(destination))).toEqual(["backup.db"]);
    expect([...fs.readFileSync(destination).subarray(18, 20)]).toEqual([1, 1]);

    // One snapshot: the writer's rows form an unbroken prefix, reaching at least every row committed before.
    const copied = withDb(destination, (db) =>
      db
        .prepare("SELECT id, data FROM DocUpdate WHERE id >= ? ORDER BY id")
        .all(firstWriterId)
        .map((row) => row as { id: number; data: Buffer }),
    );
    expect(copied.map((row) => row.data.toString())).toEqual(copied.map((_, n) => `writer-${n}`));
    expect(copied.map((row) => row.id)).toEqual(copied.map((_, n) => firstWriterId + n));
    expect(copied.at(-1)!.id).toBeGreaterThanOrEqual(committedBefore);
    expect(copied.at(-1)!.id).toBeLessThanOrEqual(committedAfter);
  });

  it("refuses to overwrite an existing file and reports a missing database", async () => {
    const live = path.join(dataDir(), "keyroom.db");
    const existing = path.join(tempDir(), "taken.db");
    fs.writeFileSync(existing, "keep me");
    await expect(backupDatabase(live, existing)).rejects.toThrow(`Refusing to overwrite ${existing}`);
    expect(fs.readFileSync(existing, "utf8")).toBe("keep me");
    await expect(backupDatabase(path.join(tempDir(), "none.db"), path.join(tempDir(), "b.db"))).rejects.toThrow(
      /Database file not found/,
    );
  });
});

describe("backup and restore around a live server", () => {
  it("keeps every edit acknowledged before the backup; restore refuses while the server runs", async () => {
    const liveDir = dataDir();
    const live = path.join(liveDir, "keyroom.db");
    const db = await openDb(live);
    const docId = await demoDocId(db, NORTHWIND);
    await db.$disconnect();

    spawned = await spawnServer(liveDir);
    const writer = connectClient(spawned.wsUrl, docId, await login(spawned.url, "lead"));
    const watcher = connectClient(spawned.wsUrl, docId, await login(spawned.url, "sales"));
    clients.push(writer, watcher);
    await Promise.all([synced(writer), synced(watcher)]);

    let i = 0;
    const typing = setInterval(() => {
      for (let burst = 0; burst < 5; burst++) appendParagraph(writer.doc, `edit-${i++}`);
    }, 2);
    try {
      await waitFor(() => paragraphs(watcher).size >= 100, "edits to reach the watcher", 15_000);
      // The server stores an update before relaying it: whatever the watcher has is committed.
      const received = paragraphs(watcher);
      const backup = path.join(tempDir(), "live.db");
      await backupDatabase(live, backup);
      expect(integrity(backup)).toEqual(["ok"]);

      await expect(restoreDatabase(backup, live)).rejects.toThrow(/is the Keyroom server running\?/);
      expect(fs.readdirSync(liveDir).filter((f) => f.includes(".tmp") || f.includes(".partial"))).toEqual([]);
      // The server did not notice: edits keep flowing.
      const more = paragraphs(watcher).size + 50;
      await waitFor(() => paragraphs(watcher).size >= more, "edits after the refused restore", 15_000);

      clearInterval(typing);
      for (const c of clients.splice(0)) c.destroy();
      await kill(spawned); // SIGKILL: leaves the live file's -wal and -shm behind, as a crash would.
      spawned = null;

      // Restore into a new data directory and serve it: every edit received before the backup is there.
      const restoredDir = tempDir();
      await restoreDatabase(backup, path.join(restoredDir, "keyroom.db"));
      inProcess = await startTestServer(restoredDir);
      const reader = connectClient(inProcess.wsUrl, docId, await login(inProcess.url, "production"));
      clients.push(reader);
      await synced(reader);
      const stored = paragraphs(reader);
      expect([...received].filter((p) => !stored.has(p))).toEqual([]);

      // With the server stopped, restoring over the crashed live file works; its stale -wal is not replayed.
      expect(fs.existsSync(`${live}-wal`)).toBe(true);
      await restoreDatabase(backup, live);
      expect(fs.existsSync(`${live}-wal`)).toBe(false);
      expect(integrity(live)).toEqual(["ok"]);
      expect(dump(live)).toEqual(dump(backup));
    } finally {
      clearInterval(typing);
    }
  });

  it("refuses while an in-process connection has the target open", async () => {
    const server = (inProcess = await startTestServer(dataDir()));
    const live = path.join(server.dataDir, "keyroom.db");
    const backup = path.join(tempDir(), "b.db");
    await backupDatabase(live, backup);
    await expect(restoreDatabase(backup, live)).rejects.toThrow(`${live} is still open elsewhere`);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("restoreDatabase", () => {
  it("restores into a new file with identical data", async () => {
    const live = path.join(dataDir(), "keyroom.db");
    const backup = path.join(tempDir(), "b.db");
    await backupDatabase(live, backup);
    const target = path.join(tempDir(), "not", "yet", "keyroom.db");
    await restoreDatabase(backup, target);
    expect(integrity(target)).toEqual(["ok"]);
    const restored = dump(target);
    expect(restored).toEqual(dump(live));
    expect(restored.User.length).toBeGreaterThan(5);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["keyroom.db"]);
  });

  it("refuses a missing, garbage or corrupt backup and leaves the target untouched", async () => {
    const targetDir = dataDir();
    const target = path.join(targetDir, "keyroom.db");
    const before = { hash: sha256(target), files: fs.readdirSync(targetDir).sort() };
    const unchanged = () => {
      expect(sha256(target)).toBe(before.hash);
      expect(fs.readdirSync(targetDir).sort()).toEqual(before.files);
    };

    const missing = path.join(tempDir(), "missing.db");
    await expect(restoreDatabase(missing, target)).rejects.toThrow(`Backup file not found: ${missing}`);
    unchanged();

    const garbage = path.join(tempDir(), "garbage.db");
    fs.writeFileSync(garbage, Buffer.alloc(64 * 1024, "not a database, just bytes "));
    await expect(restoreDatabase(garbage, target)).rejects.toThrow(
      `Refusing to restore ${garbage}: not a SQLite database (file is not a database). ${target} was not changed.`,
    );
    unchanged();

    // Real databases with one b-tree page scribbled over: they open, but fail the integrity check
    // (an index page makes it report the damage; a table's root page makes it throw).
    for (const [tree, says] of [
      ["DocUpdate_documentId_id_idx", "reported: *** in database main *** Tree"],
      ["User", "failed: database disk image is malformed"],
    ]) {
      const corrupt = path.join(tempDir(), "corrupt.db");
      await backupDatabase(target, corrupt);
      const { pageSize, root } = withDb(corrupt, (db) => ({
        pageSize: db.pragma("page_size", { simple: true }) as number,
        root: db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = ?").pluck().get(tree) as number,
      }));
      const fd = fs.openSync(corrupt, "r+");
      fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (root - 1) * pageSize);
      fs.closeSync(fd);
      const refusal = restoreDatabase(corrupt, target);
      await expect(refusal).rejects.toThrow(`Refusing to restore ${corrupt}: PRAGMA integrity_check ${says}`);
      await expect(refusal).rejects.toThrow(new RegExp(`\\. ${target} was not changed\\.$`));
      unchanged();
    }
  });
});

describe("CLI", () => {
  it("npm run backup / restore: exit codes, output and files", async () => {
    const dir = dataDir();
    const destination = path.join(tempDir(), "cli.db");

    const backup = await cli("scripts/backup.ts", [destination], dir);
    expect(backup).toMatchObject({ code: 0, stderr: "" });
    expect(backup.stdout).toContain(`to ${destination} (${fs.statSync(destination).size} bytes`);
    expect(integrity(destination)).toEqual(["ok"]);
    expect(dump(destination)).toEqual(dump(path.join(dir, "keyroom.db")));

    // Default destination: DATA_DIR/backups/keyroom-<timestamp>.db.
    expect((await cli("scripts/backup.ts", [], dir)).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "backups"))).toEqual([
      expect.stringMatching(/^keyroom-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/),
    ]);

    const again = await cli("scripts/backup.ts", [destination], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Refusing to overwrite ${destination}`);

    const missing = await cli("scripts/restore.ts", [path.join(dir, "nope.db")], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Backup file not found");

    const restore = await cli("scripts/restore.ts", [destination], dir);
    expect(restore).toMatchObject({ code: 0, stderr: "" });
    expect(restore.stdout).toContain(`Restored ${destination} into ${path.join(dir, "keyroom.db")}`);
    expect(dump(path.join(dir, "keyroom.db"))).toEqual(dump(destination));
  });
});
