// The approval rules (who signs which step, when, and what a round's steps add up to): pure, for server and pages alike.
import { EXECUTIVE_STEP, type ApprovalStatus } from "./approval.schema";

/** Cross-department plans need an executive's final approval. */
const EXECUTIVE_REQUIRED: readonly string[] = ["roadmap", "account_plan"];

/** Team roles that sign for their department (an executive on the team signs the final step instead). */
export const SIGNING_ROLES: readonly string[] = ["lead", "member"];

/** Round statuses a new request supersedes: their signatures were for other content. */
export const OPEN_STATUSES: readonly string[] = ["in_review", "changes_requested"];

export type RoundStatus = "in_review" | "changes_requested" | "rejected" | "approved";

/** Why someone may not sign a step, as a message key the page translates. */
export type SignRefusal = "approval.error.ownRequest" | "approval.error.executiveOnly" | "approval.error.department";

/** A step as the rules see it: a department's (by id), or the executive's (null). */
export interface StepSlot {
  departmentId: string | null;
}

export interface StepState extends StepSlot {
  decision: string;
}

/** What the signing rule needs to know about a round. */
export interface SigningRound {
  requestedById: string;
  /** The requester's department on the account team (null when they are not on it). */
  requesterDepartmentId: string | null;
}

/** The workspace setting the signing rule follows. */
export interface SigningPolicy {
  /** The person who asked for an approval cannot sign any of its steps. */
  separationOfDuties: boolean;
}

export type Membership = { role: string; departmentId: string } | null;

export interface SignerIdentity {
  id: string;
  workspaceRole: string;
}

export function executiveRequired(kind: string): boolean {
  return EXECUTIVE_REQUIRED.includes(kind);
}

/** Whether a request asks an executive: always for the kinds that require one, otherwise when the requester ticks it. */
export function asksExecutive(kind: string, ticked: boolean): boolean {
  return executiveRequired(kind) || ticked;
}

/** The steps a request opens: one per department asked, then the executive's final one when asked. */
export function requestSteps(departmentIds: readonly string[], executive: boolean): StepSlot[] {
  return [...departmentIds.map((departmentId) => ({ departmentId })), ...(executive ? [{ departmentId: null }] : [])];
}

/** A request must ask somebody. */
export function requestRefusal(departmentCount: number, executive: boolean): "approval.error.nobodyAsked" | null {
  return departmentCount === 0 && !executive ? "approval.error.nobodyAsked" : null;
}

/**
 * Why this person may not sign this step, or null when they may: the one rule
 * the command, the approval page and the inbox share. A department signs
 * through a lead or member of that department on the account team; the final
 * approval is an executive's, on the team or in the workspace. With separation
 * of duties the requester signs nothing, and the team lead may sign for the
 * requester's department in its stead.
 */
export function signRefusal(
  step: StepSlot,
  signer: SignerIdentity,
  membership: Membership,
  round: SigningRound,
  policy: SigningPolicy,
): SignRefusal | null {
  if (policy.separationOfDuties && signer.id === round.requestedById) return "approval.error.ownRequest";
  if (step.departmentId === null) {
    return membership?.role === "executive" || signer.workspaceRole === "executive"
      ? null
      : "approval.error.executiveOnly";
  }
  if (membership && SIGNING_ROLES.includes(membership.role) && membership.departmentId === step.departmentId) {
    return null;
  }
  if (policy.separationOfDuties && membership?.role === "lead" && step.departmentId === round.requesterDepartmentId) {
    return null;
  }
  return "approval.error.department";
}

export function maySign(...args: Parameters<typeof signRefusal>): boolean {
  return signRefusal(...args) === null;
}

/** Whether every department step of a round is approved (the executive step aside). */
export function departmentsApproved(steps: readonly StepState[]): boolean {
  return steps.every((s) => s.departmentId === null || s.decision === "approved");
}

/** The executive decides last: their step waits until every department has approved. */
export function turnRefusal(step: StepSlot, steps: readonly StepState[]): "approval.error.executiveLast" | null {
  return step.departmentId === null && !departmentsApproved(steps) ? "approval.error.executiveLast" : null;
}

/** Whether this person may decide this step now: it is pending, theirs to sign, and its turn has come. */
export function mayDecideNow(
  step: StepState,
  steps: readonly StepState[],
  signer: SignerIdentity,
  membership: Membership,
  round: SigningRound,
  policy: SigningPolicy,
): boolean {
  return (
    step.decision === "pending" && maySign(step, signer, membership, round, policy) && turnRefusal(step, steps) === null
  );
}

/** Whether a decision hands the round to the executive: a department signed, and with it every department has approved. */
export function executiveTurnAfter(decidedStep: string, status: RoundStatus, steps: readonly StepState[]): boolean {
  return status === "in_review" && decidedStep !== EXECUTIVE_STEP && departmentsApproved(steps);
}

/** A round's status from its steps' decisions: one rejection rejects it, approval needs every step. */
export function roundStatus(decisions: readonly string[]): RoundStatus {
  if (decisions.includes("rejected")) return "rejected";
  if (decisions.includes("changes_requested")) return "changes_requested";
  return decisions.every((d) => d === "approved") ? "approved" : "in_review";
}

/**
 * A document's status from its latest round that was not superseded (null when
 * it never went for approval): an approval of content that has since changed
 * reads "changed since approved".
 */
export function documentStatus(round: { status: string } | null, changedSinceRound: boolean): ApprovalStatus {
  if (!round) return "draft";
  return round.status === "approved" && changedSinceRound ? "approved_changed" : (round.status as ApprovalStatus);
}

/** The key a step goes by in forms and links: its department's, or the executive step's. */
export function stepKey(step: { department: { key: string } | null }): string {
  return step.department?.key ?? EXECUTIVE_STEP;
}

/** The step a decision names by key; the executive key always means the executive's step. */
export function findStep<S extends StepSlot & { department: { key: string } | null }>(
  steps: readonly S[],
  key: string,
): S | undefined {
  return steps.find((s) => (key === EXECUTIVE_STEP ? s.departmentId === null : s.department?.key === key));
}
