// Approval changes: sending a document for approval and signing a step, each stored in one transaction, then told.
import { announceVersion, frozenState } from "~/features/documents/version.server";
import { afterCommit, isUniqueViolation } from "~/utils/after-commit.server";
import { AUTO_VERSION_NAMES } from "~/features/documents/versions/version-name";
import type { Db } from "~/utils/db.server";
import type { Services } from "~/utils/services.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { emitApprovalOutcome } from "~/features/webhooks/events.server";
import type { ApprovalDecision, ApprovalDocument } from "./approval.schema";
import {
  asksExecutive,
  executiveTurnAfter,
  findStep,
  OPEN_STATUSES,
  requestRefusal,
  requestSteps,
  roundStatus,
  signRefusal,
  turnRefusal,
  type SignerIdentity,
} from "./approval-rules";
import { announceDecision, announceRequest } from "./approval-notifications.server";
import { signingRound, teamMembership } from "./approval-queries.server";
import { workspaceSettings } from "./workspace-settings.server";
import { skipAudit } from "~/features/audit/audit-scope.server";

/** The name of the version a request freezes. */
const VERSION_NAME = AUTO_VERSION_NAMES.approval;

type ApprovalServices = Pick<Services, "db" | "hub" | "documents" | "publicUrl">;

/**
 * The round this person already requested with this client id, for a retried
 * submit; the same id on another document is a client's mistake, not a retry.
 */
async function requestedBefore(
  db: Db,
  actor: SignerIdentity,
  document: ApprovalDocument,
  clientId: string | undefined,
) {
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
  actor: SignerIdentity,
  document: ApprovalDocument,
  input: { departments: string[]; executive: boolean; note: string; clientId?: string },
): Promise<{ requestId: string }> {
  const { db } = services;
  const earlier = await requestedBefore(db, actor, document, input.clientId);
  if (earlier) {
    // A retried submit: answered with what the first one made, and logged once.
    skipAudit();
    return earlier;
  }
  const departments = await db.department.findMany({
    where: { key: { in: input.departments } },
    select: { id: true },
  });
  if (departments.length !== new Set(input.departments).size) {
    throw new WorkflowError(400, "approval.error.unknownDepartment");
  }
  const needsExecutive = asksExecutive(document.kind, input.executive);
  const refusal = requestRefusal(departments.length, needsExecutive);
  if (refusal) throw new WorkflowError(400, refusal);
  const steps = requestSteps(
    departments.map((d) => d.id),
    needsExecutive,
  );
  const frozen = await frozenState(services, document.id);
  let request;
  try {
    request = await db.$transaction(async (tx) => {
      const version = await tx.docVersion.create({
        data: { documentId: document.id, name: VERSION_NAME, reason: "approval", ...frozen, createdById: actor.id },
        select: { id: true },
      });
      await tx.approvalRequest.updateMany({
        where: { documentId: document.id, status: { in: [...OPEN_STATUSES] } },
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
          steps: { create: steps },
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
  await afterCommit("approvals: request not announced", { requestId: request.id }, () =>
    announceRequest(services, actor, document, steps, input.note),
  );
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
  actor: SignerIdentity,
  document: ApprovalDocument,
  input: { requestId: string; step: string; decision: ApprovalDecision; comment: string },
): Promise<void> {
  const { db } = services;
  const [policy, membership] = await Promise.all([
    workspaceSettings(db),
    teamMembership(db, document.accountId, actor.id),
  ]);
  const outcome = await db.$transaction(async (tx) => {
    await claimOpenRound(tx, document, input.requestId);
    const request = await tx.approvalRequest.findUniqueOrThrow({
      where: { id: input.requestId },
      select: {
        requestedById: true,
        steps: { select: { id: true, departmentId: true, decision: true, department: { select: { key: true } } } },
      },
    });
    const step = findStep(request.steps, input.step);
    if (!step) throw new WorkflowError(404, "approval.error.noStep");
    if (step.decision !== "pending") throw new WorkflowError(409, "approval.error.decided");
    const round = await signingRound(tx, document.accountId, request.requestedById);
    const refusal = signRefusal(step, actor, membership, round, policy);
    if (refusal) throw new WorkflowError(403, refusal);
    const notYet = turnRefusal(step, request.steps);
    if (notYet) throw new WorkflowError(409, notYet);
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
    return { round, status, executiveTurn: executiveTurnAfter(input.step, status, steps) };
  });
  // The signature is stored: telling is best effort, and the answer stays success.
  await afterCommit("approvals: decision not announced", { requestId: input.requestId }, () =>
    announceDecision(services, actor, document, { ...input, ...outcome, policy }),
  );
  const { status } = outcome;
  if (status === "approved" || status === "rejected") {
    await afterCommit("approvals: webhook event not queued", { requestId: input.requestId }, () =>
      emitApprovalOutcome(services, document, input.requestId, status, actor.id),
    );
  }
}

/**
 * Claims the open round first, which makes a second decider on it wait for
 * this one to commit (a row lock on PostgreSQL; SQLite has one writer anyway).
 * A round that is not open is refused: missing, superseded or closed.
 */
async function claimOpenRound(
  tx: Pick<Db, "approvalRequest">,
  document: ApprovalDocument,
  requestId: string,
): Promise<void> {
  const claimed = await tx.approvalRequest.updateMany({
    where: { id: requestId, documentId: document.id, status: "in_review" },
    data: { status: "in_review" },
  });
  if (claimed.count > 0) return;
  const request = await tx.approvalRequest.findFirst({
    where: { id: requestId, documentId: document.id },
    select: { status: true },
  });
  if (!request) throw new WorkflowError(404, "approval.error.notFound");
  throw new WorkflowError(409, request.status === "superseded" ? "approval.error.superseded" : "approval.error.closed");
}
