// The pages that read the blocks: the roadmap timeline and the rights scorecard of one account.
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requireAccountAccess } from "~/features/auth/guards.server";
import { accountRights } from "./account-rights.server";
import { GOAL_TYPES, INITIATIVE_STATUSES, quartersOf, RIGHT_STATUSES, type RightStatus } from "./blocks";
import type { ScorecardPageData, TimelinePageData } from "./block-pages";

// A hand-edited link still opens the page: an unknown value means "no filter".
const TimelineFilters = z.object({
  department: z.string().max(40).optional().catch(undefined),
  status: z.enum(INITIATIVE_STATUSES).optional().catch(undefined),
  goal: z.enum(GOAL_TYPES).optional().catch(undefined),
});

/** A timeline wider than this many quarters is cut at the end: a roadmap looks a year or two ahead. */
const MAX_QUARTERS = 12;

async function accountAndDepartments(context: AppLoadContext, accountId: string) {
  const [account, departments] = await Promise.all([
    context.db.account.findUniqueOrThrow({ where: { id: accountId }, select: { id: true, name: true } }),
    context.db.department.findMany({
      select: { key: true, name: true, nameZh: true, color: true },
      orderBy: { sortOrder: "asc" },
    }),
  ]);
  return { account, departments };
}

/** Initiatives by department (lanes) and quarter (columns), with budget totals; `?department=&status=&goal=` filter. */
export async function loadTimeline(
  request: Request,
  context: AppLoadContext,
  accountId: string,
): Promise<TimelinePageData> {
  await requireAccountAccess(request, context, accountId);
  const params = new URL(request.url).searchParams;
  const filters = TimelineFilters.parse(Object.fromEntries(params));
  const [{ account, departments }, rows] = await Promise.all([
    accountAndDepartments(context, accountId),
    context.db.initiativeBlock.findMany({
      where: {
        accountId,
        department: filters.department,
        status: filters.status,
        goal: filters.goal,
        document: { kind: "roadmap" },
      },
      orderBy: [{ startQuarter: "asc" }, { position: "asc" }],
      select: {
        documentId: true,
        blockId: true,
        title: true,
        startQuarter: true,
        endQuarter: true,
        department: true,
        budget: true,
        currency: true,
        status: true,
        goal: true,
        summary: true,
        internal: true,
      },
    }),
  ]);
  const all = [...new Set(rows.flatMap((row) => quartersOf(row)))].sort();
  const quarters = all.slice(0, MAX_QUARTERS);
  const known = new Set(departments.map((d) => d.key));
  // Department order: the workspace's, then keys it does not know, then the unassigned lane.
  const laneKeys = [
    ...departments.map((d) => d.key).filter((key) => rows.some((row) => row.department === key)),
    ...[...new Set(rows.map((row) => row.department))].filter((key) => key !== "" && !known.has(key)).sort(),
    ...(rows.some((row) => row.department === "") ? [""] : []),
  ];
  const initiatives = rows.filter((row) => quarters.includes(row.startQuarter));
  return {
    account,
    departments,
    filters: { department: filters.department ?? "", status: filters.status ?? "", goal: filters.goal ?? "" },
    quarters,
    hiddenQuarters: all.length - quarters.length,
    lanes: laneKeys.map((department) => ({
      department,
      initiatives: initiatives
        .filter((row) => row.department === department)
        .map((row) => ({
          ...row,
          // Columns are 1-based after the lane's label column.
          fromColumn: quarters.indexOf(row.startQuarter),
          toColumn: Math.max(quarters.indexOf(row.startQuarter), quarters.indexOf(quartersOf(row).at(-1) ?? "")),
        })),
    })),
    totals: budgetTotals(initiatives),
  };
}

/** Budget per department and start quarter, summed per currency (a roadmap rarely mixes them, but may). */
function budgetTotals(
  rows: { department: string; startQuarter: string; budget: number | null; currency: string; status: string }[],
) {
  const totals = new Map<string, { department: string; quarter: string; currency: string; amount: number }>();
  for (const row of rows) {
    if (row.budget === null || row.status === "dropped") continue;
    const key = `${row.department} ${row.startQuarter} ${row.currency}`;
    const entry = totals.get(key) ?? {
      department: row.department,
      quarter: row.startQuarter,
      currency: row.currency,
      amount: 0,
    };
    entry.amount += row.budget;
    totals.set(key, entry);
  }
  return [...totals.values()];
}

const ScorecardQuery = z.object({
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .optional()
    .catch(undefined),
});

/** Each right of the account's bills of rights with its KPI, threshold, the quarter's value and where it stands. */
export async function loadScorecard(
  request: Request,
  context: AppLoadContext,
  accountId: string,
): Promise<ScorecardPageData> {
  await requireAccountAccess(request, context, accountId);
  const query = ScorecardQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ account, departments }, { quarter, measuredQuarters, definitions, rights }] = await Promise.all([
    accountAndDepartments(context, accountId),
    accountRights(context.db, accountId, query.quarter),
  ]);
  const counts = Object.fromEntries(
    RIGHT_STATUSES.map((status) => [status, rights.filter((r) => r.status === status).length]),
  ) as Record<RightStatus, number>;
  return {
    account,
    departments,
    quarter,
    quarters: [...measuredQuarters].reverse(),
    definitions: definitions.map(({ key, name, nameZh, unit }) => ({ key, name, nameZh, unit })),
    rights,
    counts,
  };
}
