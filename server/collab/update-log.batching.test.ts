import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDataDb, type TestDb, sqliteAccess } from "../test/database";
import { demoAccountId, NORTHWIND } from "../test/demo-data";
import { sqliteDocStorage } from "../sqlite-doc-storage";
import { freshDataDir } from "../test/start-test-server";
import { UpdateLog } from "./update-log";

// Complements update-log.test.ts: ordering across batches, the writer queue, flush, and failures.

let dataDir: string;
let db: TestDb;
let documentId: string;
let batches: number[];
let log: UpdateLog;

beforeEach(async () => {
  dataDir = freshDataDir();
  db = await openDataDb(dataDir);
  const accountId = await demoAccountId(db, NORTHWIND);
  const doc = await db.document.create({ data: { accountId, kind: "roadmap", title: "Update log test" } });
  documentId = doc.id;
  batches = [];
  log = new UpdateLog(sqliteDocStorage(sqliteAccess(db)), (size) => batches.push(size));
});

afterEach(async () => {
  await log.flush();
  await db.$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Distinct bytes for the i-th update. */
function payload(i: number): Uint8Array {
  return new Uint8Array([i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0x4b]);
}

async function storedIndices(id = documentId): Promise<number[]> {
  const rows = await db.docUpdate.findMany({ where: { documentId: id }, orderBy: { id: "asc" } });
  return rows.map((row) => row.data[0] | (row.data[1] << 8) | (row.data[2] << 16));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("UpdateLog ordering and the writer queue", () => {
  it("appends that arrive while earlier batches are being written keep append order, and each is called back once", async () => {
    const calls: number[] = [];
    let next = 0;
    for (let wave = 0; wave < 5; wave++) {
      for (let k = 0; k < 100; k++) {
        const i = next++;
        log.append(documentId, payload(i), (error) => calls.push(error ? -1 : i));
      }
      await nextTurn();
    }
    await log.flush();
    expect(calls).toEqual(range(500));
    expect(await storedIndices()).toEqual(range(500));
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(500);
    expect(batches.length).toBeLessThan(500);
  });

  it("appends made after exclusive work is queued are not written before that work has finished", async () => {
    log.append(documentId, payload(0), () => undefined);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = log.exclusive(async () => {
      const rows = await db.docUpdate.count({ where: { documentId } });
      await gate;
      return rows;
    });
    let laterCommitted = false;
    log.append(documentId, payload(1), () => (laterCommitted = true));
    for (let i = 0; i < 10; i++) await nextTurn();
    expect(laterCommitted).toBe(false);
    expect(await db.docUpdate.count({ where: { documentId } })).toBe(1);
    release();
    expect(await work).toBe(1);
    await log.flush();
    expect(laterCommitted).toBe(true);
    expect(await storedIndices()).toEqual([0, 1]);
  });

  it("exclusive work that fails rejects its caller and does not stop later appends", async () => {
    await expect(log.exclusive(() => Promise.reject(new Error("compaction failed")))).rejects.toThrow(
      "compaction failed",
    );
    const done = new Promise<unknown>((resolve) => log.append(documentId, payload(7), resolve));
    expect(await done).toBeUndefined();
    expect(await storedIndices()).toEqual([7]);
  });

  it("flush resolves only once everything appended so far is stored and called back", async () => {
    let callbacks = 0;
    for (const i of range(250)) log.append(documentId, payload(i), () => callbacks++);
    await log.flush();
    expect(callbacks).toBe(250);
    expect(await db.docUpdate.count({ where: { documentId } })).toBe(250);
  });

  it("flush with nothing appended resolves without writing", async () => {
    await expect(log.flush()).resolves.toBeUndefined();
    expect(batches).toEqual([]);
    expect(await db.docUpdate.count()).toBe(0);
  });
});

describe("UpdateLog failures", () => {
  it("openDb enforces foreign keys: an update for a missing document is reported failed, never stored, and no update is reported committed unless stored", async () => {
    const [{ foreign_keys }] =
      await db.$queryRawUnsafe<Array<{ foreign_keys: number | bigint }>>("PRAGMA foreign_keys");
    expect(Number(foreign_keys)).toBe(1);

    const results: Array<[string, unknown]> = [];
    log.append(documentId, payload(1), (error) => results.push(["good", error]));
    log.append("no-such-document", payload(2), (error) => results.push(["bad", error]));
    await log.flush();
    expect(results.map(([name]) => name)).toEqual(["good", "bad"]);
    expect(results[1][1]).toBeInstanceOf(Error);
    expect(await db.docUpdate.count({ where: { documentId: "no-such-document" } })).toBe(0);
    // Sharing a batch with the bad one: committed and stored, or failed and absent; never a mix.
    const goodStored = (await storedIndices()).includes(1);
    expect(goodStored).toBe(results[0][1] === undefined);

    const later = await Promise.all(
      range(3).map((i) => new Promise<unknown>((resolve) => log.append(documentId, payload(10 + i), resolve))),
    );
    expect(later).toEqual([undefined, undefined, undefined]);
    expect((await storedIndices()).filter((i) => i !== 1)).toEqual([10, 11, 12]);
  });

  it("a callback that throws does not keep the rest of its batch from being called back", async () => {
    const calls: number[] = [];
    const quiet = console.error;
    console.error = () => undefined;
    try {
      log.append(documentId, payload(0), () => {
        calls.push(0);
        throw new Error("callback bug");
      });
      log.append(documentId, payload(1), () => calls.push(1));
      await log.flush();
    } finally {
      console.error = quiet;
    }
    expect(calls).toEqual([0, 1]);
    expect(await storedIndices()).toEqual([0, 1]);
  });
});
