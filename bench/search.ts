/**
 * Workspace search over 10,000 documents: a scratch SQLite database with
 * 400 accounts of 25 documents each (a few kilobytes of English and Chinese
 * text apiece, indexed as the running server indexes them), then the p50 and
 * p95 of each query as a team member (half the accounts) and as an executive
 * (all of them), through the search module on the database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WorkspaceSearch } from "~/features/search/search.server";
import type { Db } from "~/utils/db.server";
import { scratchDemoDatabase } from "./setup";
import { fmt } from "./stats";

const ACCOUNTS = 400;
const DOCS_PER_ACCOUNT = 25;
const SAMPLES = 30;
/** Below this a search answers fast enough with 10,000 documents. */
export const SEARCH_TARGET_MS = 50;

/** Each kind of term the index answers differently: trigram (3+), a scan (2), a phrase, a rare word. */
export const SEARCH_QUERIES = ["spare parts", "仓储协同", "交期", "Depot 17", "NW-T4"] as const;

const ENGLISH = [
  "Spare parts lead time cut from 14 to 8 weeks by the end of Q3.",
  "On-time delivery reached 97.4% against a goal of 97%.",
  "The customer asked for a joint value engineering workshop.",
  "Depot support in the UK, 48 hours for critical gear sets.",
  "Quarterly review: health score, decisions and action items.",
];
const CHINESE = [
  "下季度先在苏州试点仓储协同，再推广到华东其他工厂。",
  "订单准时交付率不低于百分之九十七，以我方确认的交期为准。",
  "客户采购部希望每季度收到一次权利履行情况的报告。",
  "主轴箱交付排期需要与装配厂同步，避免停线。",
  "我们承诺在四小时内给出工程师的书面答复。",
];

export interface SearchBench {
  documents: number;
  /** p50 and p95 in ms, per query and viewer. */
  results: Array<{ query: string; viewer: "member" | "executive"; p50: number; p95: number; hits: number }>;
}

async function seed(db: Db): Promise<void> {
  const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
  const department = await db.department.findUniqueOrThrow({ where: { key: "sales" } });
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = await db.account.create({
      data: {
        name: `Search bench ${String(a).padStart(3, "0")}`,
        industry: "Industrial equipment",
        tier: "key",
        ladderStage: "client",
        lifecycleStage: "experience",
        // The member sees every other account.
        members:
          a % 2 === 0 ? { create: [{ userId: lead.id, role: "member", departmentId: department.id }] } : undefined,
      },
    });
    const documents = Array.from({ length: DOCS_PER_ACCOUNT }, (_, d) => ({
      id: `sb${a}x${d}`,
      accountId: account.id,
      kind: "account_plan",
      title: `Plan ${a}-${d}`,
    }));
    await db.document.createMany({ data: documents });
    const indexedAt = new Date();
    await db.documentText.createMany({
      data: documents.map((doc, d) => ({
        documentId: doc.id,
        accountId: account.id,
        indexedAt,
        text: Array.from({ length: 24 }, (_, line) =>
          line % 2 ? CHINESE[(a + d + line) % CHINESE.length] : ENGLISH[(a * 3 + d + line) % ENGLISH.length],
        )
          .concat(`Depot ${(a * DOCS_PER_ACCOUNT + d) % 500}`)
          .join("\n"),
      })),
    });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export async function measureSearch(log: (message: string) => void): Promise<SearchBench> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyroom-search-bench-"));
  try {
    const db = await scratchDemoDatabase(dataDir);
    log(`search: seeding ${ACCOUNTS * DOCS_PER_ACCOUNT} documents in ${ACCOUNTS} accounts…`);
    await seed(db);
    const documents = await db.documentText.count();
    const search = new WorkspaceSearch(db, "sqlite");
    const member = await db.user.findUniqueOrThrow({ where: { email: "lead@demo.keyroom" } });
    const executive = await db.user.findUniqueOrThrow({ where: { email: "exec@demo.keyroom" } });
    const results: SearchBench["results"] = [];
    for (const query of SEARCH_QUERIES) {
      for (const [viewer, user] of [
        ["member", member],
        ["executive", executive],
      ] as const) {
        let hits = 0;
        const times: number[] = [];
        for (let i = 0; i < SAMPLES + 3; i++) {
          const started = performance.now();
          const found = await search.search(user, query);
          if (i >= 3) times.push(performance.now() - started);
          hits = found.groups.reduce((sum, group) => sum + group.hits.length, 0);
        }
        times.sort((x, y) => x - y);
        results.push({ query, viewer, p50: percentile(times, 50), p95: percentile(times, 95), hits });
      }
    }
    await db.$disconnect();
    return { documents, results };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printSearch(bench: SearchBench): void {
  console.log(`\nWorkspace search over ${bench.documents} documents (SQLite; ms over ${SAMPLES} searches each)`);
  for (const row of bench.results) {
    console.log(
      `  ${row.p50 < SEARCH_TARGET_MS ? "MET   " : "MISSED"} ${row.query.padEnd(12)} ${row.viewer.padEnd(9)} p50 ${fmt(row.p50)} p95 ${fmt(row.p95)} (${row.hits} hits shown)`,
    );
  }
}
