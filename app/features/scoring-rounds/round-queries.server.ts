import { accountAccess } from "~/features/auth/permissions.server";
import { inScope, type AccountScope, type Db } from "~/utils/db.server";
import {
  aggregate,
  finishedScorers,
  meanMaturity,
  netValue,
  ROUND_ITEMS,
  type ItemAggregate,
  type LatestResult,
  type RoundKind,
  type RoundView,
} from "./rounds";

interface Actor {
  id: string;
  workspaceRole: string;
}

/** Team roles that score a round; viewers and executives read the result. */
export const SCORING_ROLES = ["lead", "member"] as const;

export function mayScore(role: string | null): boolean {
  return role === "lead" || role === "member";
}

const roundSelect = {
  id: true,
  accountId: true,
  kind: true,
  quarter: true,
  status: true,
  requireEvidence: true,
  openedAt: true,
  revealedAt: true,
} as const;

/** Who is expected to score the account's rounds, and who of them has scored every item. */
export async function roundProgress(db: Db, round: { id: string; accountId: string; kind: RoundKind }) {
  const [members, scores] = await Promise.all([
    db.accountMember.findMany({
      where: { accountId: round.accountId, role: { in: [...SCORING_ROLES] } },
      select: { user: { select: { id: true, name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    db.roundScore.findMany({ where: { roundId: round.id }, select: { userId: true, item: true, score: true } }),
  ]);
  const finished = finishedScorers(round.kind, scores);
  const scorers = members.map(({ user }) => ({ id: user.id, name: user.name, finished: finished.has(user.id) }));
  return { finished: scorers.filter((s) => s.finished).length, total: scorers.length, scorers };
}

/**
 * The round of this kind for `quarter` (default: the latest), as `actor` may
 * see it. Before the reveal nothing of anyone else's scores leaves the server
 * but whether they finished; after it, the aggregate and the evidence without names.
 */
export async function roundView(
  db: Db,
  actor: Actor,
  accountId: string,
  kind: RoundKind,
  quarter?: string,
): Promise<RoundView | null> {
  const round = quarter
    ? await db.scoringRound.findUnique({
        where: { accountId_kind_quarter: { accountId, kind, quarter } },
        select: roundSelect,
      })
    : await db.scoringRound.findFirst({
        where: { accountId, kind },
        orderBy: { quarter: "desc" },
        select: roundSelect,
      });
  if (!round) return null;
  const revealed = round.status === "revealed";
  const [access, progress, targets, mine, all] = await Promise.all([
    accountAccess(db, actor, accountId),
    roundProgress(db, { ...round, kind }),
    db.roundTarget.findMany({ where: { roundId: round.id }, select: { item: true, level: true } }),
    db.roundScore.findMany({
      where: { roundId: round.id, userId: actor.id },
      select: { item: true, score: true, evidence: true },
    }),
    revealed
      ? db.roundScore.findMany({ where: { roundId: round.id }, select: { item: true, score: true, evidence: true } })
      : Promise.resolve(null),
  ]);
  const order = (item: string) => ROUND_ITEMS[kind].indexOf(item);
  return {
    id: round.id,
    accountId,
    kind,
    quarter: round.quarter,
    status: revealed ? "revealed" : "open",
    requireEvidence: round.requireEvidence,
    openedAt: round.openedAt.toISOString(),
    revealedAt: round.revealedAt?.toISOString() ?? null,
    canScore: !revealed && mayScore(access.role),
    canManage: access.role === "lead",
    myScores: mine.sort((a, b) => order(a.item) - order(b.item)),
    progress,
    targets: targets.sort((a, b) => order(a.item) - order(b.item)),
    aggregate: all ? aggregate(kind, all) : null,
    // Sorted by item, then text: the order of rows would otherwise hint at who wrote what.
    evidence: all
      ? all
          .filter((s) => s.evidence !== "")
          .map((s) => ({ item: s.item, text: s.evidence }))
          .sort((a, b) => order(a.item) - order(b.item) || a.text.localeCompare(b.text))
      : null,
  };
}

/** The quarters that have a round of this kind, newest first (revealed or not). */
export async function roundQuarters(db: Db, accountId: string, kind: RoundKind): Promise<string[]> {
  const rows = await db.scoringRound.findMany({
    where: { accountId, kind },
    select: { quarter: true },
    orderBy: { quarter: "desc" },
  });
  return rows.map((row) => row.quarter);
}

export interface RevealedRound {
  roundId: string;
  quarter: string;
  aggregate: ItemAggregate[];
  targets: { item: string; level: number }[];
  /** Capability rounds: the mean of the elements' means. */
  meanMaturity: number | null;
  /** Net value rounds: values minus costs. */
  netValue: number | null;
}

/** The account's revealed rounds of this kind, oldest quarter first. */
export async function roundHistory(db: Db, accountId: string, kind: RoundKind): Promise<RevealedRound[]> {
  const rounds = await db.scoringRound.findMany({
    where: { accountId, kind, status: "revealed" },
    orderBy: { quarter: "asc" },
    select: {
      id: true,
      quarter: true,
      scores: { select: { item: true, score: true } },
      targets: { select: { item: true, level: true } },
    },
  });
  return rounds.map((round) => {
    const items = aggregate(kind, round.scores);
    return {
      roundId: round.id,
      quarter: round.quarter,
      aggregate: items,
      targets: round.targets,
      meanMaturity: kind === "capability" ? meanMaturity(items) : null,
      netValue: kind === "net_value" ? netValue(items) : null,
    };
  });
}

interface LatestRound {
  accountId: string;
  kind: string;
  quarter: string;
  result: number | null;
}

/**
 * Per account, the results of its latest revealed capability and net value
 * rounds, as stored at the reveal; accounts without one get nulls. Quoted
 * names keep the SQL valid on PostgreSQL.
 */
export async function latestResults(db: Db, scope: AccountScope): Promise<Record<string, LatestResult>> {
  const rows = await db.$queryRaw<LatestRound[]>`
    SELECT r."accountId", r.kind, r.quarter, r.result FROM "ScoringRound" r
    WHERE r.status = 'revealed' AND ${inScope('r."accountId"', scope)} AND NOT EXISTS (
      SELECT 1 FROM "ScoringRound" later
      WHERE later."accountId" = r."accountId" AND later.kind = r.kind AND later.status = 'revealed'
        AND later.quarter > r.quarter
    )`;
  const latest = new Map(rows.map((row) => [`${row.accountId} ${row.kind}`, row]));
  const accountIds = scope === "all" ? new Set(rows.map((row) => row.accountId)) : scope;
  const results: Record<string, LatestResult> = {};
  for (const accountId of accountIds) {
    const capability = latest.get(`${accountId} capability`);
    const value = latest.get(`${accountId} net_value`);
    const quarters = [capability?.quarter, value?.quarter].filter((q): q is string => q !== undefined).sort();
    results[accountId] = {
      meanMaturity: capability?.result ?? null,
      meanMaturityQuarter: capability?.quarter ?? null,
      netValue: value?.result ?? null,
      netValueQuarter: value?.quarter ?? null,
      quarter: quarters.at(-1) ?? null,
    };
  }
  return results;
}
