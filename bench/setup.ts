import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDocument } from "~/models/document.server";
import { openDb } from "~/utils/db.server";
import { seedDemoWorkspace } from "../prisma/seed";

const EMPTY_DOC = { type: "doc", content: [{ type: "paragraph" }] };

export interface BenchData {
  dataDir: string;
  /** Fresh document ids, handed out one scenario run at a time. */
  docIds: string[];
  accountId: string;
}

/**
 * A migrated, demo-seeded database plus what the scenarios need: `docCount`
 * empty documents on Northwind (the lead's account) and `extraAccounts`
 * accounts with the lead on each team, for the render measurements.
 */
export async function prepareKeyroomData(docCount: number, extraAccounts: number): Promise<BenchData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-bench-"));
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATA_DIR: dataDir }, stdio: "ignore" });
  const db = await openDb(path.join(dataDir, "keyroom.db"));
  await seedDemoWorkspace(db);
  const northwind = await db.account.findFirstOrThrow({ where: { name: "Northwind Rail Systems" } });
  const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
  const docIds: string[] = [];
  for (let i = 0; i < docCount; i++) {
    const doc = await createDocument(db, {
      accountId: northwind.id,
      kind: "roadmap",
      title: `Bench document ${i}`,
      content: EMPTY_DOC,
      createdById: lead.id,
    });
    docIds.push(doc.id);
  }
  const sales = await db.department.findUniqueOrThrow({ where: { key: "sales" } });
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
  await db.$disconnect();
  return { dataDir, docIds, accountId: northwind.id };
}
