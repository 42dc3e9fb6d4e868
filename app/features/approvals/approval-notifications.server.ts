// Telling people about approvals: notifications to signers and requesters, hub pushes to open pages, the activity feed.
import { recordActivity } from "~/features/notifications/activity.server";
import { notify, type NewNotification } from "~/features/notifications/notification.server";
import type { Db } from "~/utils/db.server";
import type { Services } from "~/utils/services.server";
import type { ApprovalDocument } from "./approval.schema";
import {
  maySign,
  requestSteps,
  type SignerIdentity,
  type SigningPolicy,
  type SigningRound,
  type StepSlot,
} from "./approval-rules";
import { signingCandidates, signingRound } from "./approval-queries.server";
import { workspaceSettings } from "./workspace-settings.server";

type NotifyServices = Pick<Services, "db" | "hub">;
type ApprovalEvent = "approval_requested" | "approval_decided";

/** A new round: its signers are asked, and the team hears of it. */
export async function announceRequest(
  services: NotifyServices,
  actor: SignerIdentity,
  document: ApprovalDocument,
  steps: StepSlot[],
  note: string,
): Promise<void> {
  const { db } = services;
  const round = await signingRound(db, document.accountId, actor.id);
  const signers = await eligibleSigners(db, document.accountId, round, steps, await workspaceSettings(db));
  await notify(
    services,
    signers.map((userId) => notification(actor, document, "approval_requested", userId, note)),
  );
  await announce(services, actor, document, "approval_requested", note);
}

/**
 * A signature: the requester hears of it, and once every department has
 * approved, the executives are asked for the final step.
 */
export async function announceDecision(
  services: NotifyServices,
  actor: SignerIdentity,
  document: ApprovalDocument,
  decision: { step: string; decision: string; round: SigningRound; executiveTurn: boolean; policy: SigningPolicy },
): Promise<void> {
  const what = `${decision.step}/${decision.decision}`;
  await notify(services, [notification(actor, document, "approval_decided", decision.round.requestedById, what)]);
  if (decision.executiveTurn) {
    const steps = requestSteps([], true);
    const executives = await eligibleSigners(services.db, document.accountId, decision.round, steps, decision.policy);
    await notify(
      services,
      executives.map((userId) => notification(actor, document, "approval_requested", userId, "")),
    );
  }
  await announce(services, actor, document, "approval_decided", what);
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

/** Team members who may sign any of these steps. */
async function eligibleSigners(
  db: Db,
  accountId: string,
  round: SigningRound,
  steps: StepSlot[],
  policy: SigningPolicy,
): Promise<string[]> {
  // Workspace executives off the team find the step in their inbox; the team is told.
  const team = (await signingCandidates(db, accountId)).filter((c) => c.membership !== null);
  return team.filter((c) => steps.some((step) => maySign(step, c, c.membership, round, policy))).map((c) => c.id);
}

function notification(
  actor: SignerIdentity,
  document: ApprovalDocument,
  kind: ApprovalEvent,
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
  services: NotifyServices,
  actor: SignerIdentity,
  document: ApprovalDocument,
  kind: ApprovalEvent,
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
