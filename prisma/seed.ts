import { seedTeamHistory } from "./demo-hub";
import { seedReviews } from "./demo-reviews";
import { seedScoringRounds } from "./demo-scoring";
import { createDocument } from "../app/features/documents/document.server";
import type { Db } from "../app/utils/db.server";
import { hashPassword } from "../app/features/auth/password.server";
import { databaseFile } from "../server/data-paths";
import { openDatabase } from "../server/database";
import { DEMO_ACCOUNTS } from "./demo-content";

export const DEMO_PASSWORD = "keyroom-demo";

const DEPARTMENTS = [
  { key: "sales", name: "Sales", nameZh: "销售部", color: "#2563eb" },
  { key: "production", name: "Production", nameZh: "生产部", color: "#b45309" },
  { key: "logistics", name: "Logistics", nameZh: "物流部", color: "#047857" },
  { key: "support", name: "Support", nameZh: "客户支持部", color: "#7c3aed" },
  { key: "finance", name: "Finance", nameZh: "财务部", color: "#475569" },
  { key: "management", name: "Management", nameZh: "管理层", color: "#be185d" },
];

interface DemoUser {
  email: string;
  name: string;
  department: string;
  workspaceRole?: "member" | "executive" | "admin";
  locale?: "en" | "zh-CN";
}

const USERS: DemoUser[] = [
  { email: "lead@demo.keyroom", name: "Maya Chen", department: "sales" },
  { email: "sales@demo.keyroom", name: "Daniel Okafor", department: "sales" },
  { email: "production@demo.keyroom", name: "Li Wei", department: "production" },
  { email: "logistics@demo.keyroom", name: "Sofia Rossi", department: "logistics" },
  { email: "support@demo.keyroom", name: "Zhang Min", department: "support", locale: "zh-CN" },
  { email: "exec@demo.keyroom", name: "Helen Park", department: "management", workspaceRole: "executive" },
  { email: "viewer@demo.keyroom", name: "Tom Becker", department: "finance" },
  { email: "admin@demo.keyroom", name: "Priya Nair", department: "management", workspaceRole: "admin" },
  { email: "outsider@demo.keyroom", name: "Oscar Lind", department: "sales" },
  { email: "wang.fang@demo.keyroom", name: "王芳", department: "production", locale: "zh-CN" },
  { email: "liu.yang@demo.keyroom", name: "刘洋", department: "support", locale: "zh-CN" },
];

/** Who is on which team, with which role (by email prefix). */
const TEAMS: Record<string, Array<[string, "lead" | "member" | "viewer" | "executive"]>> = {
  "northwind-rail": [
    ["lead", "lead"],
    ["sales", "member"],
    ["production", "member"],
    ["logistics", "member"],
    ["support", "member"],
    ["viewer", "viewer"],
    ["exec", "executive"],
  ],
  "huadong-precision": [
    ["lead", "lead"],
    ["sales", "member"],
    ["logistics", "member"],
    ["wang.fang", "member"],
    ["liu.yang", "member"],
    ["exec", "executive"],
  ],
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Seeds the demo workspace into an empty database; does nothing when any user
 * exists, so `npm start` can run it every time.
 */
export async function seedDemoWorkspace(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const departments = new Map<string, string>();
  for (const [sortOrder, dept] of DEPARTMENTS.entries()) {
    const row = await db.department.create({ data: { ...dept, sortOrder } });
    departments.set(dept.key, row.id);
  }
  const users = new Map<string, string>();
  for (const user of USERS) {
    const row = await db.user.create({
      data: {
        email: user.email,
        name: user.name,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        workspaceRole: user.workspaceRole ?? "member",
        locale: user.locale ?? "en",
        departmentId: departments.get(user.department),
      },
    });
    users.set(user.email.split("@")[0], row.id);
  }
  const leadId = users.get("lead") ?? null;
  for (const demo of DEMO_ACCOUNTS) {
    const account = await db.account.create({
      data: {
        name: demo.name,
        industry: demo.industry,
        tier: demo.tier,
        ladderStage: demo.ladderStage,
        lifecycleStage: demo.lifecycleStage,
        stageChanges: {
          create: demo.stageHistory.map((change) => ({
            field: change.field,
            fromValue: change.from,
            toValue: change.to,
            note: change.note,
            changedAt: new Date(Date.now() - change.daysAgo * DAY_MS),
            changedBy: leadId,
          })),
        },
      },
    });
    for (const [handle, role] of TEAMS[demo.slug] ?? []) {
      const user = USERS.find((u) => u.email.startsWith(`${handle}@`));
      const userId = users.get(handle);
      if (!user || !userId) throw new Error(`seed: unknown demo user ${handle}`);
      await db.accountMember.create({
        data: { accountId: account.id, userId, role, departmentId: departments.get(user.department) ?? "" },
      });
    }
    for (const doc of demo.docs) {
      await createDocument(db, { accountId: account.id, createdById: leadId, ...doc });
    }
  }
  await seedTeamHistory(db, { users, departments });
  await seedReviews(db, users);
  await seedScoringRounds(db, users);
  return true;
}

// Run directly (npm start / npm run seed): seed the configured database.
if (import.meta.url === `file://${process.argv[1]}`) {
  const database = await openDatabase({
    databaseFile: databaseFile(),
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
  const seeded = await seedDemoWorkspace(database.db);
  console.log(seeded ? "Seeded the demo workspace." : "Database already has users: demo seed skipped.");
  await database.close();
}
