import { DOC_KINDS, type DocKind } from "~/shared/doc-templates";
import { EXECUTIVE_STEP, type ApprovalDecision, type ApprovalStatus } from "~/shared/schemas/approval";
import type { Db } from "~/utils/db.server";
import type { Services } from "~/utils/services.server";
import { recordActivity } from "./activity.server";
import { notify, type NewNotification } from "./notification.server";
import { currentContent, saveVersion } from "./version.server";
import { WorkflowError } from "./workflow-error.server";

/** Cross-department plans need an executive's final approval (PRODUCT.md). */
const EXECUTIVE_REQUIRED: readonly DocKind[] = ["roadmap", "account_plan"];
const OPEN = ["in_review", "changes_requested"];
const SIGNING_ROLES = ["lead", "member"];

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

/**
 * May this person sign this step? A department signs through a lead or member
 * of that department on the account team; the final approval is an
 * executive's, on the team or in the workspace.
 */
export function maySign(
  step: { departmentId: string | null },
  signer: { workspaceRole: string },
  membership: { role: string; departmentId: string } | null,
): boolean {
  if (step.departmentId === null) return membership?.role === "executive" || signer.workspaceRole === "executive";
  return !!membership && SIGNING_ROLES.includes(membership.role) && membership.departmentId === step.departmentId;
}

/**
 * Freezes the document as a version and asks the departments (and, for
 * roadmaps and account plans, an executive) to approve exactly that version.
 * An earlier open round is superseded: its signatures were for other content.
 */
export async function requestApproval(
  services: ApprovalServices,
  actor: Signer,
  document: ApprovalDocument,
  input: { departments: string[]; executive: boolean; note: string },
): Promise<{ requestId: string }> {
  const { db } = services;
  const departments = await db.department.findMany({
    where: { key: { in: input.departments } },
    select: { id: true, key: true },
  });
  if (departments.length !== new Set(input.departments).size) throw new WorkflowError(400, "Unknown department");
  const needsExecutive = executiveRequired(document.kind) || input.executive;
  if (departments.length === 0 && !needsExecutive) {
    throw new WorkflowError(400, "Ask at least one department or an executive");
  }
  const version = await saveVersion(services, actor.id, document, "Sent for approval", "approval");
  const request = await db.$transaction(async (tx) => {
    await tx.approvalRequest.updateMany({
      where: { documentId: document.id, status: { in: OPEN } },
      data: { status: "superseded", closedAt: new Date() },
    });
    return tx.approvalRequest.create({
      data: {
        documentId: document.id,
        versionId: version.id,
        contentHash: version.contentHash,
        needsExecutive,
        note: input.note,
        requestedById: actor.id,
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
  const signers = await eligibleSigners(
    db,
    document.accountId,
    departments.map((d) => d.id),
    needsExecutive,
  );
  await notify(
    services,
    signers.map((userId) => notification(actor, document, "approval_requested", userId, input.note)),
  );
  await announce(services, actor, document, "approval_requested", input.note);
  return { requestId: request.id };
}

/** Records one signature. Refuses a closed or superseded round, a step already decided, and anyone not entitled. */
export async function decideApproval(
  services: ApprovalServices,
  actor: Signer,
  document: ApprovalDocument,
  input: { requestId: string; step: string; decision: ApprovalDecision; comment: string },
): Promise<void> {
  const { db } = services;
  const request = await db.approvalRequest.findFirst({
    where: { id: input.requestId, documentId: document.id },
    include: { steps: { include: { department: { select: { key: true } } } } },
  });
  if (!request) throw new WorkflowError(404, "No such approval request");
  if (request.status === "superseded") {
    throw new WorkflowError(409, "A newer version was sent for approval; decide on that one");
  }
  if (request.status !== "in_review") throw new WorkflowError(409, "This approval round is closed");
  const step = request.steps.find((s) =>
    input.step === EXECUTIVE_STEP ? s.departmentId === null : s.department?.key === input.step,
  );
  if (!step) throw new WorkflowError(404, "This request does not ask that department");
  if (step.decision !== "pending") throw new WorkflowError(409, "That step is already decided");
  const membership = await db.accountMember.findUnique({
    where: { accountId_userId: { accountId: document.accountId, userId: actor.id } },
    select: { role: true, departmentId: true },
  });
  if (!maySign(step, actor, membership)) {
    throw new WorkflowError(
      403,
      step.departmentId === null ? "Only an executive gives the final approval" : "You cannot sign for that department",
    );
  }
  if (step.departmentId === null && request.steps.some((s) => s.departmentId !== null && s.decision !== "approved")) {
    throw new WorkflowError(409, "The executive decides after every department has approved");
  }
  const decided = request.steps.map((s) => (s.id === step.id ? input.decision : s.decision));
  const status = decided.includes("rejected")
    ? "rejected"
    : decided.includes("changes_requested")
      ? "changes_requested"
      : decided.every((d) => d === "approved")
        ? "approved"
        : "in_review";
  // The step only moves from pending once, even if two signers press at the same moment.
  await db.$transaction(async (tx) => {
    const { count } = await tx.approvalStep.updateMany({
      where: { id: step.id, decision: "pending" },
      data: { decision: input.decision, deciderId: actor.id, comment: input.comment, decidedAt: new Date() },
    });
    if (count === 0) throw new WorkflowError(409, "That step is already decided");
    await tx.approvalRequest.update({
      where: { id: request.id },
      data: { status, closedAt: status === "in_review" ? null : new Date() },
    });
  });
  const what = `${input.step}/${input.decision}`;
  await notify(services, [notification(actor, document, "approval_decided", request.requestedById, what)]);
  if (
    status === "in_review" &&
    step.departmentId !== null &&
    decided.every((d, i) => d === "approved" || request.steps[i].departmentId === null)
  ) {
    // Every department has signed: the executive's turn.
    const executives = await eligibleSigners(db, document.accountId, [], true);
    await notify(
      services,
      executives.map((userId) => notification(actor, document, "approval_requested", userId, "")),
    );
  }
  await announce(services, actor, document, "approval_decided", what);
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
      requestedBy: { select: { name: true } },
      steps: { include: { department: { select: { key: true, name: true, nameZh: true } } } },
    },
  });
  const memberships = await db.accountMember.findMany({
    where: { userId: user.id },
    select: { accountId: true, role: true, departmentId: true },
  });
  const inbox = [];
  for (const round of rounds) {
    const membership = memberships.find((m) => m.accountId === round.document.account.id) ?? null;
    const departmentsDone = round.steps.every((s) => s.departmentId === null || s.decision === "approved");
    for (const step of round.steps) {
      if (step.decision !== "pending" || !maySign(step, user, membership)) continue;
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

/** Team members who can sign the given department steps, and the executives when their approval is needed. */
async function eligibleSigners(db: Db, accountId: string, departmentIds: string[], executive: boolean) {
  const members = await db.accountMember.findMany({
    where: {
      accountId,
      user: { active: true },
      OR: [
        { role: { in: SIGNING_ROLES }, departmentId: { in: departmentIds } },
        ...(executive ? [{ role: "executive" }] : []),
      ],
    },
    select: { userId: true },
  });
  return [...new Set(members.map((m) => m.userId))];
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
