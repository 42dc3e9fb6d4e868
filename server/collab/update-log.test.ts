import { afterEach, beforeEach, expect, it } from "vitest";
import { openDataDb, type TestDb, sqliteAccess } from "../test/database";
import { demoDocId, NORTHWIND } from "../test/demo-data";
import { sqliteDocStorage } from "../sqlite-doc-storage";
import { freshDataDir } from "../test/start-test-server";
import { UpdateLog } from "./update-log";

let db: TestDb;
let documentId: string;

beforeEach(async () => {
  db = await openDataDb(freshDataDir());
  documentId = await demoDocId(db, NORTHWIND);
});

afterEach(async () => {
  await db.$disconnect();
});

const bytes = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff, 7]);

it("group commit stores every update, in append order, and calls back once each, in order", async () => {
  const batches: number[] = [];
  const log = new UpdateLog(sqliteDocStorage(sqliteAccess(db)), (size) => batches.push(size));
  const calls: number[] = [];
  const count = 2000;
  await new Promise<void>((resolve, reject) => {
    for (let i = 0; i < count; i++) {
      log.append(documentId, bytes(i), (error) => {
        if (error) return reject(error);
        calls.push(i);
        if (calls.length === count) resolve();
      });
    }
  });
  expect(calls).toEqual([...Array(count).keys()]);
  const rows = await db.docUpdate.findMany({ where: { documentId }, orderBy: { id: "asc" } });
  expect(rows.map((r) => r.data[0] | (r.data[1] << 8))).toEqual([...Array(count).keys()]);
  expect(batches.reduce((a, b) => a + b, 0)).toBe(count);
  expect(batches.length).toBeLessThan(count / 10);
});

it("exclusive work runs after every earlier append has committed and been called back", async () => {
  const log = new UpdateLog(sqliteDocStorage(sqliteAccess(db)));
  const called: number[] = [];
  for (let i = 0; i < 50; i++) log.append(documentId, bytes(i), () => called.push(i));
  const seen = await log.exclusive(async () => ({
    callbacks: called.length,
    rows: await db.docUpdate.count({ where: { documentId } }),
  }));
  expect(seen).toEqual({ callbacks: 50, rows: 50 });
});

it("a failing batch observer (metrics) neither keeps committed updates from their callbacks nor leaves a rejection unhandled", async () => {
  const log = new UpdateLog(sqliteDocStorage(sqliteAccess(db)), () => {
    throw new Error("injected: metrics failed");
  });
  const first = new Promise<unknown>((resolve) => log.append(documentId, bytes(1), resolve));
  expect(await first).toBeUndefined();
  // The writer queue goes on: later appends and exclusive work still run.
  const second = new Promise<unknown>((resolve) => log.append(documentId, bytes(2), resolve));
  expect(await second).toBeUndefined();
  expect(await log.exclusive(() => db.docUpdate.count({ where: { documentId } }))).toBe(2);
});

it("an append made while an interactive transaction is open is not part of it: its rollback keeps the update", async () => {
  const log = new UpdateLog(sqliteDocStorage(sqliteAccess(db)));
  let appended: Promise<unknown> = Promise.resolve("not appended");
  await expect(
    db.$transaction(async (tx) => {
      await tx.activity.deleteMany({ where: { id: "none" } });
      appended = new Promise((resolve) => log.append(documentId, bytes(9), resolve));
      // The writer would run now, on the connection this transaction holds open.
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("injected: the transaction rolls back");
    }),
  ).rejects.toThrow("injected");
  expect(await appended).toBeUndefined();
  expect(await db.docUpdate.count({ where: { documentId } })).toBe(1);
});
