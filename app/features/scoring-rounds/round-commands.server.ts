// Scoring round changes: each stored first, then the account room is told how far the round is.
import { accountAccess } from "~/features/auth/permissions.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { afterCommit, isUniqueViolation } from "~/utils/after-commit.server";
import type { Db } from "~/utils/db.server";
import type { Workflow } from "~/utils/services.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { mayScore, roundProgress } from "./round-queries.server";
import { isRoundItem, isRoundKind, roundResult, SCORE_RANGE, type RoundKind } from "./rounds";
import type { OpenRoundInput, ScoreInput, TargetInput } from "./rounds.schema";
import { defaultTargetProfile } from "./target-profile.server";

interface Actor {
  id: string;
  workspaceRole: string;
}

const TARGET_RANGE = SCORE_RANGE.capability;

interface StoredRound {
  id: string;
  accountId: string;
  kind: RoundKind;
  quarter: string;
  status: string;
  requireEvidence: boolean;
}

async function findRound(db: Db, roundId: string): Promise<StoredRound> {
  const round = await db.scoringRound.findUnique({
    where: { id: roundId },
    select: { id: true, accountId: true, kind: true, quarter: true, status: true, requireEvidence: true },
  });
  if (!round || !isRoundKind(round.kind)) throw new WorkflowError(404, "rounds.error.notFound");
  return { ...round, kind: round.kind };
}

/** The round must belong to the account the request is about: an id from elsewhere is not found. */
async function roundOf(db: Db, accountId: string, roundId: string): Promise<StoredRound> {
  const round = await findRound(db, roundId);
  if (round.accountId !== accountId) throw new WorkflowError(404, "rounds.error.notFound");
  return round;
}

async function requireLead(db: Db, actor: Actor, accountId: string): Promise<void> {
  if ((await accountAccess(db, actor, accountId)).role !== "lead")
    throw new WorkflowError(403, "rounds.error.leadOnly");
}

/** Tells the account room where the round stands (who finished, not what they scored). */
async function pushProgress(workflow: Workflow, round: StoredRound): Promise<void> {
  const { finished, total } = await roundProgress(workflow.db, round);
  const status = round.status === "revealed" ? "revealed" : "open";
  workflow.hub.toAccount(round.accountId, "round:progress", {
    roundId: round.id,
    accountId: round.accountId,
    kind: round.kind,
    finished,
    total,
    status,
  });
}

/** The round this lead opened with this client id, for a retried submit. */
async function openedBefore(db: Db, actor: Actor, accountId: string, clientId: string | undefined) {
  if (!clientId) return null;
  const round = await db.scoringRound.findUnique({
    where: { openedById_clientId: { openedById: actor.id, clientId } },
    select: { id: true, accountId: true },
  });
  if (!round) return null;
  if (round.accountId !== accountId) throw new WorkflowError(409, "rounds.error.exists");
  return round.id;
}

/**
 * Opens the account's round of this kind for a quarter (the team lead only).
 * There is one per account, kind and quarter: a retried submit (same client
 * id) answers with the round it opened, anyone else's second open is refused.
 */
export async function openRound(
  workflow: Workflow,
  actor: Actor,
  input: OpenRoundInput & { accountId: string },
): Promise<{ roundId: string; created: boolean }> {
  const { db } = workflow;
  await requireLead(db, actor, input.accountId);
  const earlier = await openedBefore(db, actor, input.accountId, input.clientId);
  if (earlier) return { roundId: earlier, created: false };
  const existing = await db.scoringRound.findUnique({
    where: { accountId_kind_quarter: { accountId: input.accountId, kind: input.kind, quarter: input.quarter } },
    select: { id: true },
  });
  if (existing) throw new WorkflowError(409, "rounds.error.exists", { quarter: input.quarter });
  // A capability round starts from the workspace's default target profile; the lead may change it.
  const profile = input.kind === "capability" ? await defaultTargetProfile(db) : null;
  let roundId: string;
  try {
    const row = await db.scoringRound.create({
      data: {
        accountId: input.accountId,
        kind: input.kind,
        quarter: input.quarter,
        requireEvidence: input.requireEvidence,
        openedById: actor.id,
        clientId: input.clientId ?? null,
        ...(profile
          ? {
              targets: {
                create: Object.entries(profile).flatMap(([item, level]) => (level ? [{ item, level }] : [])),
              },
            }
          : {}),
      },
      select: { id: true },
    });
    roundId = row.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await openedBefore(db, actor, input.accountId, input.clientId);
    if (raced) return { roundId: raced, created: false };
    throw new WorkflowError(409, "rounds.error.exists", { quarter: input.quarter });
  }
  const round = await findRound(db, roundId);
  await afterCommit("rounds: opening not announced", { roundId }, async () => {
    await recordActivity(workflow, {
      accountId: round.accountId,
      actorId: actor.id,
      kind: "round_opened",
      subject: round.quarter,
      detail: round.kind,
    });
    await pushProgress(workflow, round);
  });
  return { roundId, created: true };
}

function checkScore(round: StoredRound, score: ScoreInput): void {
  if (!isRoundItem(round.kind, score.item)) throw new WorkflowError(400, "rounds.error.item", { item: score.item });
  const { min, max } = SCORE_RANGE[round.kind];
  if (score.score < min || score.score > max) {
    throw new WorkflowError(400, "rounds.error.range", { item: score.item, min, max });
  }
  if (round.requireEvidence && score.evidence.trim() === "") {
    throw new WorkflowError(400, "rounds.error.evidence", { item: score.item });
  }
}

/**
 * Stores the actor's scores (team leads and members, open rounds). One row per
 * person and item: a second save, or another tab's save at the same moment,
 * overwrites it. Any refused score refuses the whole form.
 */
export async function saveScores(
  workflow: Workflow,
  actor: Actor,
  accountId: string,
  roundId: string,
  scores: readonly ScoreInput[],
): Promise<{ saved: number }> {
  const { db } = workflow;
  const round = await roundOf(db, accountId, roundId);
  if (!mayScore((await accountAccess(db, actor, accountId)).role)) {
    throw new WorkflowError(403, "rounds.error.scorersOnly");
  }
  if (round.status !== "open") throw new WorkflowError(409, "rounds.error.revealed");
  for (const score of scores) checkScore(round, score);
  await storeScores(db, actor, round, scores);
  await afterCommit("rounds: scores not announced", { roundId }, () => pushProgress(workflow, round));
  return { saved: scores.length };
}

async function storeScores(db: Db, actor: Actor, round: StoredRound, scores: readonly ScoreInput[]): Promise<void> {
  const write = () =>
    db.$transaction(async (tx) => {
      // Taking the round's row first serializes this save with a reveal: a save
      // that loses the race sees the round revealed and stores nothing.
      const stillOpen = await tx.scoringRound.updateMany({
        where: { id: round.id, status: "open" },
        data: { status: "open" },
      });
      if (stillOpen.count === 0) throw new WorkflowError(409, "rounds.error.revealed");
      for (const { item, score, evidence } of scores) {
        await tx.roundScore.upsert({
          where: { roundId_userId_item: { roundId: round.id, userId: actor.id, item } },
          create: { roundId: round.id, userId: actor.id, item, score, evidence },
          update: { score, evidence },
        });
      }
    });
  try {
    await write();
  } catch (error) {
    // Two tabs inserting the same item at once: the loser's row now exists, so its retry updates it.
    if (!isUniqueViolation(error)) throw error;
    await write();
  }
}

/** The lead's target profile for a capability round: a level per element; elements left out have none. */
export async function setTargets(
  workflow: Workflow,
  actor: Actor,
  accountId: string,
  roundId: string,
  targets: readonly TargetInput[],
): Promise<void> {
  const { db } = workflow;
  const round = await roundOf(db, accountId, roundId);
  await requireLead(db, actor, accountId);
  if (round.kind !== "capability") throw new WorkflowError(400, "rounds.error.targetsCapability");
  for (const { item, level } of targets) {
    if (!isRoundItem(round.kind, item)) throw new WorkflowError(400, "rounds.error.item", { item });
    if (level < TARGET_RANGE.min || level > TARGET_RANGE.max) {
      throw new WorkflowError(400, "rounds.error.targetLevel", { item, min: TARGET_RANGE.min, max: TARGET_RANGE.max });
    }
  }
  await db.$transaction([
    db.roundTarget.deleteMany({ where: { roundId } }),
    db.roundTarget.createMany({ data: targets.map(({ item, level }) => ({ roundId, item, level })) }),
  ]);
  await afterCommit("rounds: targets not announced", { roundId }, () => pushProgress(workflow, round));
}

/**
 * Shows everyone the result (the team lead only). Compare-and-set: of two
 * clicks at once one reveals and is announced; the other changes nothing.
 */
export async function revealRound(
  workflow: Workflow,
  actor: Actor,
  accountId: string,
  roundId: string,
): Promise<{ revealed: boolean }> {
  const { db } = workflow;
  const round = await roundOf(db, accountId, roundId);
  await requireLead(db, actor, accountId);
  // One transaction: a save that loses the race with the reveal stores nothing,
  // so the result read here is of the scores the round froze with.
  const revealedNow = await db.$transaction(async (tx) => {
    const written = await tx.scoringRound.updateMany({
      where: { id: roundId, status: "open" },
      data: { status: "revealed", revealedById: actor.id, revealedAt: new Date() },
    });
    if (written.count === 0) return false;
    const scores = await tx.roundScore.findMany({ where: { roundId }, select: { item: true, score: true } });
    await tx.scoringRound.update({ where: { id: roundId }, data: { result: roundResult(round.kind, scores) } });
    return true;
  });
  if (!revealedNow) return { revealed: false };
  const revealed = { ...round, status: "revealed" };
  await afterCommit("rounds: reveal not announced", { roundId }, async () => {
    await recordActivity(workflow, {
      accountId,
      actorId: actor.id,
      kind: "round_revealed",
      subject: round.quarter,
      detail: round.kind,
    });
    await pushProgress(workflow, revealed);
  });
  return { revealed: true };
}
