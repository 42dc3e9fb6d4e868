/**
 * The portfolio with 1,000 accounts: a scratch database where every account
 * has two quarters of KPIs, a lead, activity, its three documents (a third of
 * the plans approved, eight indexed rights in the bill of rights), and some overdue action items, scheduled reviews and revealed
 * assessment and net value rounds; then the page's server render p50 per view
 * over HTTP, as an executive (who sees every account).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import { recentQuarters } from "~/features/kpis/kpi";
import { ROUND_ITEMS, ROUND_KINDS, roundResult } from "~/features/scoring-rounds/rounds";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";
import type { Db } from "~/utils/db.server";
import { untilIdle } from "./load";
import { login, startKeyroom } from "./servers";
import { scratchDemoDatabase } from "./setup";
import { fmt, median } from "./stats";

const DAY_MS = 24 * 60 * 60 * 1000;
const SAMPLES = 50;
/** Rounds over every view before timing: a long-running server has its code optimised. */
const WARMUP = 10;

/** The views a portfolio reader opens: each sorts or filters on a computed column somewhere. */
export const PORTFOLIO_VIEWS = [
  "",
  "?sort=health",
  "?sort=trend&attention=1",
  "?group=tier&sort=activity&page=5",
  "?tier=key&sort=nextReview",
  "?sort=maturity",
  "?sort=approvals&attention=1",
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
    await seedDocuments(db, accountId, lead.id, i);
    if (i % 2 === 0) await seedRounds(db, accountId, [lead.id, sales.id], current, i);
    if (i % 3 === 0) {
      await db.review.create({
        data: { accountId, quarter: current, scheduledAt: new Date(now + (i % 60) * DAY_MS), createdById: lead.id },
      });
    }
  }
}

/** The roadmap, plan and bill of rights; every third plan approved on a version. */
async function seedDocuments(db: Db, accountId: string, userId: string, i: number) {
  for (const kind of DOC_KINDS) {
    // Indexed already, as a document people have written in would be (the start-up catch-up leaves it alone).
    const document = await db.document.create({
      data: { accountId, kind, title: kind, createdById: userId, blocksIndexedAt: new Date() },
    });
    if (kind === "bill_of_rights") await seedRights(db, accountId, document.id);
    if (kind !== "account_plan" || i % 3 !== 0) continue;
    const version = await db.docVersion.create({
      data: { documentId: document.id, name: "v1", reason: "approval", state: new Uint8Array(2), contentHash: "h" },
    });
    await db.approvalRequest.create({
      data: {
        documentId: document.id,
        versionId: version.id,
        contentHash: "h",
        status: "approved",
        needsExecutive: true,
        requestedById: userId,
        closedAt: new Date(),
      },
    });
  }
}

/** Eight rights as the block index holds them, five measured by a KPI (some broken, some kept). */
async function seedRights(db: Db, accountId: string, documentId: string) {
  const kpis = ["on_time_delivery", "service_timeliness", "csat", "active_rate", "open_tickets", null, null, null];
  await db.rightBlock.createMany({
    data: kpis.map((kpi, position) => ({
      accountId,
      documentId,
      blockId: `r${position}`,
      position,
      situation: "When it matters",
      right: "A promise",
      department: "support",
      kpi,
      threshold: kpi === null ? null : kpi === "open_tickets" ? 5 : 90,
      direction: kpi === "open_tickets" ? "at_most" : "at_least",
    })),
  });
}

/** A revealed capability round and net value worksheet, both people scoring every item. */
async function seedRounds(db: Db, accountId: string, userIds: string[], quarter: string, i: number) {
  for (const kind of ROUND_KINDS) {
    const scores = userIds.flatMap((userId, u) =>
      ROUND_ITEMS[kind].map((item, k) => ({ userId, item, score: 1 + ((i + u + k) % 5), evidence: "" })),
    );
    await db.scoringRound.create({
      data: {
        accountId,
        kind,
        quarter,
        status: "revealed",
        revealedAt: new Date(),
        result: roundResult(kind, scores),
        scores: { create: scores },
      },
    });
  }
}

/** Seeds `accounts` accounts in a scratch data directory, serves it, and times each view. */
export async function measurePortfolio(accounts: number, log: (message: string) => void): Promise<PortfolioBench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-portfolio-bench-"));
  try {
    const db = await scratchDemoDatabase(dataDir);
    log(`portfolio: seeding ${accounts} accounts with KPIs, activity, actions and reviews…`);
    await seedAccounts(db, accounts);
    await db.$disconnect();
    const server = await startKeyroom(dataDir);
    try {
      // The seeded documents were never indexed: a fresh server indexes them in the
      // background first. Measure the steady state, not that catch-up.
      log("portfolio: waiting for the server to index the seeded documents…");
      const waitStarted = performance.now();
      await untilIdle([server], 1000, 300_000);
      log(`portfolio: idle after ${fmt((performance.now() - waitStarted) / 1000)} s`);
      const cookie = await login(server.httpBase, "exec");
      const samples = new Map<string, number[]>(PORTFOLIO_VIEWS.map((view) => [view, []]));
      // Round-robin over the views, so a slow moment of the machine (or a GC) falls on all of them alike.
      for (let round = 0; round < WARMUP + SAMPLES; round++) {
        for (const view of PORTFOLIO_VIEWS) {
          const started = performance.now();
          const res = await fetch(`${server.httpBase}/accounts${view}`, { headers: { cookie } });
          const html = await res.text();
          if (res.status !== 200 || !html.includes("Portfolio bench"))
            throw new Error(`/accounts${view}: ${res.status}`);
          if (round >= WARMUP) samples.get(view)?.push(performance.now() - started);
        }
      }
      const results: PortfolioBench = {};
      for (const [view, times] of samples) results[`/accounts${view}`] = median(times);
      return results;
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
