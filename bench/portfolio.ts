/**
 * The portfolio with 1,000 accounts: a scratch database where every account
 * has two quarters of KPIs, a lead, activity, and some overdue action items and
 * scheduled reviews, then the page's server render p50 per view over HTTP, as
 * an executive (who sees every account).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recentQuarters } from "~/features/kpis/kpi";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";
import { openDb, type Db } from "~/utils/db.server";
import { seedDemoWorkspace } from "../prisma/seed";
import { login, startKeyroom } from "./servers";
import { median } from "./stats";

const DAY_MS = 24 * 60 * 60 * 1000;
const SAMPLES = 60;
const WARMUP = 10;

/** The views a portfolio reader opens: each sorts or filters on a computed column somewhere. */
export const PORTFOLIO_VIEWS = [
  "",
  "?sort=health",
  "?sort=trend&attention=1",
  "?group=tier&sort=activity&page=5",
  "?tier=key&sort=nextReview",
] as const;

export type PortfolioBench = Record<string, number>;

async function seedAccounts(db: Db, count: number): Promise<void> {
  const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
  const sales = await db.user.findUniqueOrThrow({ where: { email: "sales@demo.keyroom" } });
  const department = await db.department.findUniqueOrThrow({ where: { key: "sales" } });
  const kpis = await db.kpiDefinition.findMany({ where: { target: { not: null } }, take: 5 });
  const [previous, current] = recentQuarters(new Date()).slice(-2);
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const account = await db.account.create({
      data: {
        name: `Portfolio bench ${String(i).padStart(4, "0")}`,
        industry: "Industrial equipment",
        tier: TIERS[i % TIERS.length],
        ladderStage: LADDER_STAGES[i % LADDER_STAGES.length],
        lifecycleStage: LIFECYCLE_STAGES[i % LIFECYCLE_STAGES.length],
        members: {
          create: [
            { userId: (i % 2 ? lead : sales).id, role: "lead", departmentId: department.id },
            { userId: (i % 2 ? sales : lead).id, role: "member", departmentId: department.id },
          ],
        },
      },
    });
    const accountId = account.id;
    // Spread of values so health ranges over the bands and trends go both ways.
    await db.kpiValue.createMany({
      data: kpis.flatMap((kpi, k) => [
        { accountId, kpiId: kpi.id, quarter: previous, value: (kpi.target ?? 1) * (0.5 + ((i + k) % 7) / 10) },
        { accountId, kpiId: kpi.id, quarter: current, value: (kpi.target ?? 1) * (0.4 + ((i * 3 + k) % 8) / 10) },
      ]),
    });
    await db.activity.create({
      data: { accountId, actorId: lead.id, kind: "doc_edited", subject: "Plan", updatedAt: new Date(now - i * 60_000) },
    });
    if (i % 5 === 0) {
      await db.actionItem.create({
        data: { accountId, title: "Follow up", dueDate: new Date(now - 3 * DAY_MS), createdById: lead.id },
      });
    }
    if (i % 3 === 0) {
      await db.review.create({
        data: { accountId, quarter: current, scheduledAt: new Date(now + (i % 60) * DAY_MS), createdById: lead.id },
      });
    }
  }
}

/** Seeds `accounts` accounts in a scratch data directory, serves it, and times each view. */
export async function measurePortfolio(accounts: number, log: (message: string) => void): Promise<PortfolioBench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-portfolio-bench-"));
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: "ignore",
    });
    const db = await openDb(path.join(dataDir, "keyroom.db"));
    await seedDemoWorkspace(db);
    log(`portfolio: seeding ${accounts} accounts with KPIs, activity, actions and reviews…`);
    await seedAccounts(db, accounts);
    await db.$disconnect();
    const server = await startKeyroom(dataDir);
    try {
      const cookie = await login(server.httpBase, "exec");
      const results: PortfolioBench = {};
      for (const view of PORTFOLIO_VIEWS) {
        const samples: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          const started = performance.now();
          const res = await fetch(`${server.httpBase}/accounts${view}`, { headers: { cookie } });
          const html = await res.text();
          if (res.status !== 200 || !html.includes("Portfolio bench"))
            throw new Error(`/accounts${view}: ${res.status}`);
          if (i >= WARMUP) samples.push(performance.now() - started); // the first requests warm the JIT
        }
        results[`/accounts${view}`] = median(samples);
      }
      return results;
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
