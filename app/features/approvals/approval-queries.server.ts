// Approval reads shaped for pages: a document's rounds and status, the portfolio's statuses, the inbox, who may sign.
import { Prisma } from "@prisma/client";
import { DOC_KINDS } from "~/features/documents/doc-templates";
import { currentContent } from "~/features/documents/version.server";
import { inScope, type AccountScope, type Db } from "~/utils/db.server";
import type { Services } from "~/utils/services.server";
import type { ApprovalDecision, ApprovalStatus } from "./approval.schema";
import {
  documentStatus,
  mayDecideNow,
  maySign,
  SIGNING_ROLES,
  stepKey,
  type SignerIdentity,
  type SigningRound,
  type StepSlot,
} from "./approval-rules";
import { workspaceSettings } from "./workspace-settings.server";

/** The departments a request asks by default: those of the people who work on the account. */
export async function teamDepartments(db: Db, accountId: string) {
  const members = await db.accountMember.findMany({
    where: { accountId, role: { in: [...SIGNING_ROLES] } },
    select: { department: { select: { id: true, key: true, name: true, nameZh: true, sortOrder: true } } },
  });
  const byKey = new Map(members.map((m) => [m.department.key, m.department]));
  return [...byKey.values()].sort((a, b) => a.sortOrder - b.sortOrder);
}

const roundInclude = {
  requestedBy: { select: { name: true } },
  version: { select: { id: true, name: true, createdAt: true } },
  steps: {
    include: {
      department: { select: { key: true, name: true, nameZh: true, color: true, sortOrder: true } },
      decider: { select: { name: true } },
    },
  },
} as const;

type StoredRound = Prisma.ApprovalRequestGetPayload<{ include: typeof roundInclude }>;

/** The latest round (with its steps), the document's status, and every earlier round: the audit trail. */
export async function approvalState(services: Pick<Services, "db" | "documents">, documentId: string) {
  const rounds = await services.db.approvalRequest.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    include: roundInclude,
  });
  const current = rounds.find((round) => round.status !== "superseded") ?? null;
  const { hash } = await currentContent(services, documentId);
  const status = documentStatus(current, current !== null && current.contentHash !== hash);
  return { status, current: current && roundView(current), history: rounds.map(roundView) };
}

/** A round as the approval page shows it: dates as strings, steps in department order. */
function roundView(round: StoredRound) {
  return {
    id: round.id,
    status: round.status,
    note: round.note,
    contentHash: round.contentHash,
    requestedById: round.requestedById,
    requestedBy: round.requestedBy.name,
    createdAt: round.createdAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
    version: { id: round.version.id, name: round.version.name },
    steps: round.steps
      .sort((a, b) => (a.department?.sortOrder ?? 99) - (b.department?.sortOrder ?? 99))
      .map((step) => ({
        id: step.id,
        departmentId: step.departmentId,
        key: stepKey(step),
        department: step.department,
        decision: step.decision as ApprovalDecision | "pending",
        decider: step.decider?.name ?? null,
        comment: step.comment,
        decidedAt: step.decidedAt?.toISOString() ?? null,
      })),
  };
}

/** Each document's approval status, for lists (the account page). */
export async function approvalStatuses(
  services: Pick<Services, "db" | "documents">,
  documentIds: string[],
): Promise<Record<string, ApprovalStatus>> {
  const entries = await Promise.all(
    documentIds.map(async (id) => [id, (await approvalState(services, id)).status] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * Approval status of every document of these accounts, for the portfolio:
 * one query, no document loads. "Changed since approved" is judged by the
 * document's last edit time here (the document and account pages compare
 * content hashes exactly); edits are timed at most a minute apart, so a change
 * right after the approval can show a little late.
 */
export async function portfolioApprovals(db: Db, accountIds: readonly string[]) {
  const rows =
    accountIds.length === 0
      ? []
      : await db.$queryRaw<PortfolioDocumentRow[]>`
    WITH latest AS (
      SELECT a."documentId", a.status, a."closedAt",
        ROW_NUMBER() OVER (PARTITION BY a."documentId" ORDER BY a."createdAt" DESC) AS n
      FROM "ApprovalRequest" a JOIN "Document" d ON d.id = a."documentId"
      WHERE a.status <> 'superseded' AND d."accountId" IN (${Prisma.join([...accountIds])})
    )
    SELECT d.id, d."accountId", d.kind, d.title, l.status,
      CASE WHEN l."closedAt" IS NOT NULL AND d."updatedAt" > l."closedAt" THEN 1 ELSE 0 END AS "editedSince"
    FROM "Document" d LEFT JOIN latest l ON l."documentId" = d.id AND l.n = 1
    WHERE d."accountId" IN (${Prisma.join([...accountIds])}) AND d.kind IN (${Prisma.join([...DOC_KINDS])})
    ORDER BY d."createdAt", d.id`;
  const byAccount: Record<string, PortfolioDocument[]> = {};
  for (const row of rows) {
    const status = documentStatus(row.status === null ? null : { status: row.status }, Number(row.editedSince) === 1);
    (byAccount[row.accountId] ??= []).push({ id: row.id, kind: row.kind, title: row.title, status });
  }
  return byAccount;
}

interface PortfolioDocumentRow {
  id: string;
  accountId: string;
  kind: string;
  title: string;
  /** The latest round's, null when the document never went to approval. */
  status: string | null;
  editedSince: number | bigint;
}

export interface PortfolioDocument {
  id: string;
  kind: string;
  title: string;
  status: ApprovalStatus;
}

interface StatusCountRow {
  accountId: string;
  status: string;
  editedSince: number | bigint;
  count: number | bigint;
}

/**
 * Per account, how many of its documents stand at each approval status other
 * than draft — for sorting and "needs attention" over the whole portfolio. It
 * starts from the approval rounds (one live round per document at most), so
 * documents never sent for approval cost nothing.
 */
export async function approvalCounts(db: Db, scope: AccountScope) {
  const rows = await db.$queryRaw<StatusCountRow[]>`
    SELECT d."accountId", a.status,
      CASE WHEN a."closedAt" IS NOT NULL AND d."updatedAt" > a."closedAt" THEN 1 ELSE 0 END AS "editedSince",
      COUNT(*) AS count
    FROM "ApprovalRequest" a JOIN "Document" d ON d.id = a."documentId"
    WHERE a.status <> 'superseded' AND d.kind IN (${Prisma.join([...DOC_KINDS])}) AND ${inScope('d."accountId"', scope)}
      AND NOT EXISTS (
        SELECT 1 FROM "ApprovalRequest" later
        WHERE later."documentId" = a."documentId" AND later.status <> 'superseded' AND later."createdAt" > a."createdAt"
      )
    GROUP BY d."accountId", a.status, "editedSince"`;
  const counts: Record<string, Partial<Record<ApprovalStatus, number>>> = {};
  for (const row of rows) {
    const status = documentStatus({ status: row.status }, Number(row.editedSince) === 1);
    const entry = (counts[row.accountId] ??= {});
    entry[status] = (entry[status] ?? 0) + Number(row.count);
  }
  return counts;
}

/** Pending steps this person may sign now, across every account they can read. */
export async function approvalInbox(db: Db, user: SignerIdentity) {
  const rounds = await db.approvalRequest.findMany({
    where: { status: "in_review" },
    orderBy: { createdAt: "asc" },
    include: {
      document: { select: { id: true, title: true, kind: true, account: { select: { id: true, name: true } } } },
      requestedBy: { select: { name: true, memberships: { select: { accountId: true, departmentId: true } } } },
      steps: { include: { department: { select: { key: true, name: true, nameZh: true } } } },
    },
  });
  const [memberships, settings] = await Promise.all([
    db.accountMember.findMany({
      where: { userId: user.id },
      select: { accountId: true, role: true, departmentId: true },
    }),
    workspaceSettings(db),
  ]);
  const inbox = [];
  for (const round of rounds) {
    const accountId = round.document.account.id;
    const membership = memberships.find((m) => m.accountId === accountId) ?? null;
    const signing = {
      requestedById: round.requestedById,
      requesterDepartmentId: round.requestedBy.memberships.find((m) => m.accountId === accountId)?.departmentId ?? null,
    };
    for (const step of round.steps) {
      if (!mayDecideNow(step, round.steps, user, membership, signing, settings)) continue;
      inbox.push({
        requestId: round.id,
        step: stepKey(step),
        department: step.department,
        document: round.document,
        requestedBy: round.requestedBy.name,
        createdAt: round.createdAt.toISOString(),
      });
    }
  }
  return inbox;
}

/** Everyone who could sign something on this account: its team, and the workspace's executives. */
export async function signingCandidates(db: Db, accountId: string) {
  const users = await db.user.findMany({
    where: { active: true, OR: [{ memberships: { some: { accountId } } }, { workspaceRole: "executive" }] },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      workspaceRole: true,
      memberships: { where: { accountId }, select: { role: true, departmentId: true } },
    },
  });
  return users.map(({ memberships, ...user }) => ({ ...user, membership: memberships[0] ?? null }));
}

/** For each step, the people who may sign it (by name), by the same rule the command applies. */
export async function signersByStep<S extends StepSlot & { id: string }>(
  db: Db,
  accountId: string,
  round: SigningRound,
  steps: S[],
): Promise<Record<string, string[]>> {
  const [settings, candidates] = await Promise.all([workspaceSettings(db), signingCandidates(db, accountId)]);
  return Object.fromEntries(
    steps.map((step) => [
      step.id,
      candidates.filter((c) => maySign(step, c, c.membership, round, settings)).map((c) => c.name),
    ]),
  );
}

/** The requester and their department on the account team, for the signing rule. */
export async function signingRound(
  db: Pick<Db, "accountMember">,
  accountId: string,
  requestedById: string,
): Promise<SigningRound> {
  const requester = await db.accountMember.findUnique({
    where: { accountId_userId: { accountId, userId: requestedById } },
    select: { departmentId: true },
  });
  return { requestedById, requesterDepartmentId: requester?.departmentId ?? null };
}

/** This person's role and department on the account team (null when they are not on it). */
export async function teamMembership(db: Pick<Db, "accountMember">, accountId: string, userId: string) {
  return db.accountMember.findUnique({
    where: { accountId_userId: { accountId, userId } },
    select: { role: true, departmentId: true },
  });
}
