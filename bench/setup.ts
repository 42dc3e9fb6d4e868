import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDocument } from "~/features/documents/document.server";
import { openDb, type Db } from "~/utils/db.server";
import { openDatabase } from "../server/database";
import { seedDemoWorkspace } from "../prisma/seed";

const EMPTY_DOC = { type: "doc", content: [{ type: "paragraph" }] };
const DEMO_HANDLES = ["lead", "sales", "production", "logistics", "support"];

/**
 * People on the load account, the five demo users included. Keyroom budgets
 * document messages per user over all of their connections (production
 * limits), so 1,500 connections shared by five people would measure that
 * budget, not the server: here nobody edits on more than 50 connections, or
 * 50 edits/s, at the bench's busiest.
 */
const LOAD_USERS = 30;

export interface BenchData {
  dataDir: string;
  /** Fresh document ids, handed out one scenario run at a time. */
  docIds: string[];
  /** A realistic account page (the demo's Northwind) for the render measurement. */
  accountId: string;
  /** Who may edit the load account's documents (sign-in handles, see `login`), the lead first. */
  handles: string[];
}

/**
 * A migrated, demo-seeded database plus what the scenarios need: `docCount`
 * empty documents on a load-test account whose team is the demo's five users
 * and enough bench editors (password `keyroom-demo`, like the demo's), and
 * `extraAccounts` accounts with the lead on each team, for the render
 * measurements.
 */
export async function prepareKeyroomData(docCount: number, extraAccounts: number): Promise<BenchData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-bench-"));
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATA_DIR: dataDir }, stdio: "ignore" });
  const db = await openDb(path.join(dataDir, "keyroom.db"));
  await seedDemoWorkspace(db);
  const data = await addLoadData(db, docCount, extraAccounts);
  await db.$disconnect();
  return { dataDir, ...data };
}

/**
 * The same on PostgreSQL (`databaseUrl`, an empty database): migrated by the
 * server's own runner, demo-seeded, with the load account and `docCount` documents.
 */
export async function preparePostgresData(databaseUrl: string, docCount: number): Promise<Omit<BenchData, "dataDir">> {
  const database = await openDatabase({ databaseFile: "", databaseUrl });
  try {
    await seedDemoWorkspace(database.db);
    return await addLoadData(database.db, docCount, 0);
  } finally {
    await database.close();
  }
}

async function addLoadData(db: Db, docCount: number, extraAccounts: number): Promise<Omit<BenchData, "dataDir">> {
  const northwind = await db.account.findFirstOrThrow({ where: { name: "Northwind Rail Systems" } });
  const lead = await db.user.findUniqueOrThrow({
    where: { email: "lead@demo.keyroom" },
    omit: { passwordHash: false },
  });
  const sales = await db.department.findUniqueOrThrow({ where: { key: "sales" } });
  const loadAccount = await db.account.create({
    data: {
      name: "Bench load account",
      industry: "Load testing",
      tier: "key",
      ladderStage: "client",
      lifecycleStage: "experience",
      members: {
        create: DEMO_HANDLES.map((handle) => ({
          user: { connect: { email: `${handle}@demo.keyroom` } },
          role: handle === "lead" ? "lead" : "member",
          department: { connect: { id: sales.id } },
        })),
      },
    },
  });
  const handles = [...DEMO_HANDLES];
  for (let i = handles.length; i < LOAD_USERS; i++) {
    const email = `editor-${String(i).padStart(2, "0")}@bench.keyroom`;
    await db.user.create({
      data: {
        email,
        name: `Bench editor ${i}`,
        // The lead's hash: the same password, without paying scrypt per user.
        passwordHash: lead.passwordHash,
        departmentId: sales.id,
        memberships: { create: { accountId: loadAccount.id, role: "member", departmentId: sales.id } },
      },
    });
    handles.push(email);
  }
  const docIds: string[] = [];
  for (let i = 0; i < docCount; i++) {
    const doc = await createDocument(db, {
      accountId: loadAccount.id,
      kind: "roadmap",
      title: `Bench document ${i}`,
      content: EMPTY_DOC,
      createdById: lead.id,
    });
    docIds.push(doc.id);
  }
  for (let i = 0; i < extraAccounts; i++) {
    await db.account.create({
      data: {
        name: `Bench account ${String(i).padStart(4, "0")}`,
        industry: "Industrial equipment",
        tier: ["strategic", "key", "growth", "maintain"][i % 4],
        ladderStage: "client",
        lifecycleStage: "experience",
        members: { create: { userId: lead.id, role: "lead", departmentId: sales.id } },
      },
    });
  }
  return { docIds, accountId: northwind.id, handles };
}

/** A migrated SQLite database in `dataDir` with the demo workspace seeded, open. */
export async function scratchDemoDatabase(dataDir: string): Promise<Db> {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATA_DIR: dataDir }, stdio: "ignore" });
  const db = await openDb(path.join(dataDir, "keyroom.db"));
  await seedDemoWorkspace(db);
  return db;
}
