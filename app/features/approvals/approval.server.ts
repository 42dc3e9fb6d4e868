import { DOC_KINDS, type DocKind } from "~/features/documents/doc-templates";
import { EXECUTIVE_STEP, type ApprovalDecision, type ApprovalStatus } from "~/features/approvals/approval.schema";
import type { MessageKey } from "~/i18n/i18n";
import type { Db } from "~/utils/db.server";
import type { Services } from "~/utils/services.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { afterCommit, isUniqueViolation } from "~/utils/after-commit.server";
import { notify, type NewNotification } from "~/features/notifications/notification.server";
import { announceVersion, currentContent, frozenState } from "~/features/documents/version.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { workspaceSettings, type WorkspaceSettings } from "./workspace-settings.server";

/** Cross-department plans need an executive's final approval (PRODUCT.md). */
const EXECUTIVE_REQUIRED: readonly DocKind[] = ["roadmap", "account_plan"];
const OPEN = ["in_review", "changes_requested"];
const SIGNING_ROLES = ["lead", "member"];
/** The name of the version a request freezes. */
const VERSION_NAME = "Sent for approval";

type ApprovalServices = Pick<Services, "db" | "hub" | "documents">;

export interface ApprovalDocument {
  id: string;
  accountId: string;
  title: string;
  kind: string;
}

interface Signer {
  id: string;
  name: string;
  workspaceRole: string;
}

/** A refusal the approval page shows in the reader's language. */
type WorkflowMessage = MessageKey & `approval.error.${string}`;

export function executiveRequired(kind: string): boolean {
  return (EXECUTIVE_REQUIRED as readonly string[]).includes(kind);
}

/** The departments a request asks by default: those of the people who work on the account. */
export async function teamDepartments(db: Db, accountId: string) {
  const members = await db.accountMember.findMany({
    where: { accountId, role: { in: SIGNING_ROLES } },
    select: { department: { select: { id: true, key: true, name: true, nameZh: true, sortOrder: true } } },
  });
  const byKey = new Map(members.map((m) => [m.department.key, m.department]));
  return [...byKey.values()].sort((a, b) => a.sortOrder - b.sortOrder);
}

export interface SigningRound {
  requestedById: string;
  /** The requester's department on the account team (null when they are not on it). */
  requesterDepartmentId: string | null;
}

type Membership = { role: string; departmentId: string } | null;

/**
 * Why this person may not sign this step, or null when they may: the one rule
 * the command, the approval page and the inbox share. A department signs
 * through a lead or member of that department on the account team; the final
 * approval is an executive's, on the team or in the workspace. With separation
 * of duties the requester signs nothing, and the team lead may sign for the
 * requester's department in its stead.
 */
export function signRefusal(
  step: { departmentId: string | null },
  signer: { id: string; workspaceRole: string },
  membership: Membership,
  round: SigningRound,
  settings: WorkspaceSettings,
): WorkflowMessage | null {
  if (settings.separationOfDuties && signer.id === round.requestedById) return "approval.error.ownRequest";
  if (step.departmentId === null) {
    return membership?.role === "executive" || signer.workspaceRole === "executive"
      ? null
      : "approval.error.executiveOnly";
  }
  if (membership && SIGNING_ROLES.includes(membership.role) && membership.departmentId === step.departmentId) {
    return null;
  }
  if (settings.separationOfDuties && membership?.role === "lead" && step.departmentId === round.requesterDepartmentId) {
    return null;
  }
  return "approval.error.department";
}

export function maySign(...args: Parameters<typeof signRefusal>): boolean {
  return signRefusal(...args) === null;
}

/** A round's status from its steps' decisions: one rejection rejects it, approval needs every step. */
function roundStatus(decisions: string[]): "in_review" | "changes_requested" | "rejected" | "approved" {
  if (decisions.includes("rejected")) return "rejected";
  if (decisions.includes("changes_requested")) return "changes_requested";
  return decisions.every((d) => d === "approved") ? "approved" : "in_review";
}

/**
 * The round this person already requested with this client id, for a retried
 * submit; the same id on another document is a client's mistake, not a retry.
 */
async function requestedBefore(db: Db, actor: Signer, document: ApprovalDocument, clientId: string | undefined) {
  if (!clientId) return null;
  const request = await db.approvalRequest.findUnique({
    where: { requestedById_clientId: { requestedById: actor.id, clientId } },
    select: { id: true, documentId: true },
  });
  if (!request) return null;
  if (request.documentId !== document.id) throw new WorkflowError(409, "approval.error.invalid");
  return { requestId: request.id };
}

/**
 * Freezes the document as a version and asks the departments (and, for
 * roadmaps and account plans, an executive) to approve exactly that version.
 * An earlier open round is superseded: its signatures were for other content.
 * The version and the round are stored together, then the signers and the
 * team are told (best effort: once stored, the answer is success). With a
 * `clientId`, a retried submit answers with the round the first one opened
 * instead of superseding it with a copy.
 */
export async function requestApproval(
  services: ApprovalServices,
  actor: Signer,
  document: ApprovalDocument,
  input: { departments: string[]; executive: boolean; note: string; clientId?: string },
): Promise<{ requestId: string }> {
  const { db } = services;
  const earlier = await requestedBefore(db, actor, document, input.clientId);
  if (earlier) return earlier;
  const departments = await db.department.findMany({
    where: { key: { in: input.departments } },
    select: { id: true, key: true },
  });
  if (departments.length !== new Set(input.departments).size) {
    throw new WorkflowError(400, "approval.error.unknownDepartment");
  }
  const needsExecutive = executiveRequired(document.kind) || input.executive;
  if (departments.length === 0 && !needsExecutive) {
    throw new WorkflowError(400, "approval.error.nobodyAsked");
  }
  const frozen = await frozenState(services, document.id);
  let request;
  try {
    request = await db.$transaction(async (tx) => {
      const version = await tx.docVersion.create({
        data: { documentId: document.id, name: VERSION_NAME, reason: "approval", ...frozen, createdById: actor.id },
        select: { id: true },
      });
      await tx.approvalRequest.updateMany({
        where: { documentId: document.id, status: { in: OPEN } },
        data: { status: "superseded", closedAt: new Date() },
      });
      return tx.approvalRequest.create({
        data: {
          documentId: document.id,
          versionId: version.id,
          contentHash: frozen.contentHash,
          needsExecutive,
          note: input.note,
          requestedById: actor.id,
          clientId: input.clientId ?? null,
          steps: {
            create: [
              ...departments.map((d) => ({ departmentId: d.id })),
              ...(needsExecutive ? [{ departmentId: null }] : []),
            ],
          },
        },
        select: { id: true },
      });
    });
  } catch (error) {
    // The twin's transaction rolled back whole: no second version, no superseded round.
    const raced = isUniqueViolation(error) && (await requestedBefore(db, actor, document, input.clientId));
    if (raced) return raced;
    throw error;
  }
  await announceVersion(services, actor.id, document, VERSION_NAME);
  await afterCommit("approvals: request not announced", { requestId: request.id }, async () => {
    const signers = await eligibleSigners(
      db,
      document.accountId,
      await signingRound(db, document.accountId, actor.id),
      departments.map((d) => d.id),
      needsExecutive,
      await workspaceSettings(db),
    );
    await notify(
      services,
      signers.map((userId) => notification(actor, document, "approval_requested", userId, input.note)),
    );
    await announce(services, actor, document, "approval_requested", input.note);
  });
  return { requestId: request.id };
}

/**
 * Records one signature. Refuses a closed or superseded round, a step already
 * decided, and anyone not entitled. Every check, the signature and the round's
 * new status happen in one transaction, so two signers deciding at once cannot
 * leave a round whose status disagrees with its steps.
 */
export async function decideApproval(
  services: ApprovalServices,
  actor: Signer,
  document: ApprovalDocument,
  input: { requestId: string; step: string; decision: ApprovalDecision; comment: string },
): Promise<void> {
  const { db } = services;
  const [settings, membership] = await Promise.all([
    workspaceSettings(db),
    db.accountMember.findUnique({
      where: { accountId_userId: { accountId: document.accountId, userId: actor.id } },
      select: { role: true, departmentId: true },
    }),
  ]);
  const outcome = await db.$transaction(async (tx) => {
    // Claiming the open round first makes a second decider on it wait for this
    // one to commit (a row lock on PostgreSQL; SQLite has one writer anyway).
    const claimed = await tx.approvalRequest.updateMany({
      where: { id: input.requestId, documentId: document.id, status: "in_review" },
      data: { status: "in_review" },
    });
    if (claimed.count === 0) {
      const request = await tx.approvalRequest.findFirst({
        where: { id: input.requestId, documentId: document.id },
        select: { status: true },
      });
      if (!request) throw new WorkflowError(404, "approval.error.notFound");
      throw new WorkflowError(
        409,
        request.status === "superseded" ? "approval.error.superseded" : "approval.error.closed",
      );
    }
    const request = await tx.approvalRequest.findUniqueOrThrow({
      where: { id: input.requestId },
      select: {
        requestedById: true,
        steps: { select: { id: true, departmentId: true, decision: true, department: { select: { key: true } } } },
      },
    });
    const step = request.steps.find((s) =>
      input.step === EXECUTIVE_STEP ? s.departmentId === null : s.department?.key === input.step,
    );
    if (!step) throw new WorkflowError(404, "approval.error.noStep");
    if (step.decision !== "pending") throw new WorkflowError(409, "approval.error.decided");
    const round = await signingRound(tx, document.accountId, request.requestedById);
    const refusal = signRefusal(step, actor, membership, round, settings);
    if (refusal) throw new WorkflowError(403, refusal);
    if (step.departmentId === null && request.steps.some((s) => s.departmentId !== null && s.decision !== "approved")) {
      throw new WorkflowError(409, "approval.error.executiveLast");
    }
    const { count } = await tx.approvalStep.updateMany({
      where: { id: step.id, decision: "pending" },
      data: { decision: input.decision, deciderId: actor.id, comment: input.comment, decidedAt: new Date() },
    });
    if (count !== 1) throw new WorkflowError(409, "approval.error.decided");
    // The status comes from the steps as they are now, inside this transaction.
    const steps = await tx.approvalStep.findMany({
      where: { requestId: input.requestId },
      select: { departmentId: true, decision: true },
    });
    const status = roundStatus(steps.map((s) => s.decision));
    await tx.approvalRequest.update({
      where: { id: input.requestId },
      data: { status, closedAt: status === "in_review" ? null : new Date() },
    });
    const departmentsDone = steps.every((s) => s.departmentId === null || s.decision === "approved");
    return { round, status, departmentsDone };
  });
  const what = `${input.step}/${input.decision}`;
  // The signature is stored: telling is best effort, and the answer stays success.
  await afterCommit("approvals: decision not announced", { requestId: input.requestId }, async () => {
    await notify(services, [notification(actor, document, "approval_decided", outcome.round.requestedById, what)]);
    if (outcome.status === "in_review" && input.step !== EXECUTIVE_STEP && outcome.departmentsDone) {
      // Every department has signed: the executive's turn.
      const executives = await eligibleSigners(db, document.accountId, outcome.round, [], true, settings);
      await notify(
        services,
        executives.map((userId) => notification(actor, document, "approval_requested", userId, "")),
      );
    }
    await announce(services, actor, document, "approval_decided", what);
  });
}

/** The latest round (with its steps), the document's status, and every earlier round: the audit trail. */
export async function approvalState(services: Pick<Services, "db" | "documents">, documentId: string) {
  const rounds = await services.db.approvalRequest.findMany({
    where: { documentId },
    orderBy: { createdAt: "desc" },
    include: {
      requestedBy: { select: { name: true } },
      version: { select: { id: true, name: true, createdAt: true } },
      steps: {
        include: {
          department: { select: { key: true, name: true, nameZh: true, color: true, sortOrder: true } },
          decider: { select: { name: true } },
        },
      },
    },
  });
  const current = rounds.find((round) => round.status !== "superseded") ?? null;
  const { hash } = await currentContent(services, documentId);
  const status: ApprovalStatus = !current
    ? "draft"
    : current.status === "approved" && current.contentHash !== hash
      ? "approved_changed"
      : (current.status as ApprovalStatus);
  const view = (round: (typeof rounds)[number]) => ({
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
        key: step.department?.key ?? EXECUTIVE_STEP,
        department: step.department,
        decision: step.decision as ApprovalDecision | "pending",
        decider: step.decider?.name ?? null,
        comment: step.comment,
        decidedAt: step.decidedAt?.toISOString() ?? null,
      })),
  });
  return { status, current: current && view(current), history: rounds.map(view) };
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
export async function portfolioApprovals(db: Db, accountIds: string[]) {
  const documents = await db.document.findMany({
    where: { accountId: { in: accountIds }, kind: { in: [...DOC_KINDS] } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      accountId: true,
      kind: true,
      title: true,
      updatedAt: true,
      approvals: {
        where: { status: { not: "superseded" } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { status: true, closedAt: true },
      },
    },
  });
  const byAccount: Record<string, { id: string; kind: string; title: string; status: ApprovalStatus }[]> = {};
  for (const doc of documents) {
    const round = doc.approvals[0];
    const status: ApprovalStatus = !round
      ? "draft"
      : round.status === "approved" && round.closedAt && doc.updatedAt > round.closedAt
        ? "approved_changed"
        : (round.status as ApprovalStatus);
    (byAccount[doc.accountId] ??= []).push({ id: doc.id, kind: doc.kind, title: doc.title, status });
  }
  return byAccount;
}

/** Pending steps this person may sign now, across every account they can read. */
export async function approvalInbox(db: Db, user: Signer) {
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
    const departmentsDone = round.steps.every((s) => s.departmentId === null || s.decision === "approved");
    for (const step of round.steps) {
      if (step.decision !== "pending" || !maySign(step, user, membership, signing, settings)) continue;
      if (step.departmentId === null && !departmentsDone) continue;
      inbox.push({
        requestId: round.id,
        step: step.department?.key ?? EXECUTIVE_STEP,
        department: step.department,
        document: round.document,
        requestedBy: round.requestedBy.name,
        createdAt: round.createdAt.toISOString(),
      });
    }
  }
  return inbox;
}

/**
 * Documents just edited whose latest round is approved now read "changed since
 * approved": tell the pages showing their status to look again.
 */
export async function announceEditsAfterApproval(
  services: Pick<Services, "db" | "hub">,
  documentIds: string[],
): Promise<void> {
  const approved = await services.db.approvalRequest.findMany({
    where: { documentId: { in: documentIds }, status: "approved" },
    select: { documentId: true, createdAt: true, document: { select: { accountId: true } } },
  });
  const newer = await services.db.approvalRequest.findMany({
    where: { documentId: { in: documentIds }, status: { not: "superseded" } },
    select: { documentId: true, createdAt: true },
  });
  for (const round of approved) {
    // Only when the approved round is the document's latest one.
    if (newer.some((r) => r.documentId === round.documentId && r.createdAt > round.createdAt)) continue;
    services.hub.toMany(
      { accountIds: [round.document.accountId], documentIds: [round.documentId] },
      "approval:changed",
      { accountId: round.document.accountId, documentId: round.documentId },
    );
  }
}

/** Everyone who could sign something on this account: its team, and the workspace's executives. */
async function signingCandidates(db: Db, accountId: string) {
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
export async function signersByStep<S extends { id: string; departmentId: string | null }>(
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

/** Team members who may sign the given department steps, and the executive step when asked. */
async function eligibleSigners(
  db: Db,
  accountId: string,
  round: SigningRound,
  departmentIds: string[],
  executive: boolean,
  settings: WorkspaceSettings,
) {
  const steps = [...departmentIds, ...(executive ? [null] : [])].map((departmentId) => ({ departmentId }));
  // Workspace executives off the team find the step in their inbox; the team is told.
  const team = (await signingCandidates(db, accountId)).filter((c) => c.membership !== null);
  return team.filter((c) => steps.some((step) => maySign(step, c, c.membership, round, settings))).map((c) => c.id);
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

function notification(
  actor: Signer,
  document: ApprovalDocument,
  kind: "approval_requested" | "approval_decided",
  userId: string,
  excerpt: string,
): NewNotification {
  return {
    userId,
    accountId: document.accountId,
    actorId: actor.id,
    kind,
    title: document.title,
    excerpt,
    link: `/accounts/${document.accountId}/docs/${document.id}/approval`,
  };
}

async function announce(
  services: ApprovalServices,
  actor: Signer,
  document: ApprovalDocument,
  kind: "approval_requested" | "approval_decided",
  detail: string,
): Promise<void> {
  // The team's and the executives' portfolios show the status too, so their user rooms hear it.
  const portfolioReaders = await services.db.user.findMany({
    where: {
      active: true,
      OR: [
        { memberships: { some: { accountId: document.accountId } } },
        { workspaceRole: { in: ["executive", "admin"] } },
      ],
    },
    select: { id: true },
  });
  services.hub.toMany(
    { accountIds: [document.accountId], documentIds: [document.id], userIds: portfolioReaders.map((u) => u.id) },
    "approval:changed",
    { accountId: document.accountId, documentId: document.id },
  );
  await recordActivity(services, {
    accountId: document.accountId,
    actorId: actor.id,
    kind,
    documentId: document.id,
    subject: document.title,
    detail,
  });
}
