import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/features/auth/session.server";
import { compareBlocks } from "~/features/blocks/block-changes";
import { yjsStateToContent } from "~/features/documents/document-content.server";
import { diffContent } from "~/features/documents/versions/content-diff";
import { blockNames, blocksOfState } from "~/features/blocks/block-set.server";
import { blocksByStep } from "./approval-blocks.server";
import { approvalState, signersByStep, signingRound, teamDepartments, teamMembership } from "./approval-queries.server";
import { executiveRequired, mayDecideNow } from "./approval-rules";
import { workspaceSettings } from "./workspace-settings.server";

/**
 * The document's approval as its page shows it: the current round with who
 * may sign what and the blocks each step signs for, the earlier rounds, the
 * request form's choices, and what changed since an approval that no longer
 * holds.
 */
export async function loadApprovalPage(
  context: AppLoadContext,
  user: SessionUser,
  doc: { id: string; kind: string; accountId: string },
  canRequest: boolean,
) {
  const [state, departments, membership, settings, names] = await Promise.all([
    approvalState(context, doc.id),
    teamDepartments(context.db, doc.accountId),
    teamMembership(context.db, doc.accountId, user.id),
    workspaceSettings(context.db),
    blockNames(context.db),
  ]);
  const current = state.current;
  let signable: string[] = [];
  // Who may still sign each pending step, by name (step id → names).
  let signers: Record<string, string[]> = {};
  if (current?.status === "in_review") {
    const round = await signingRound(context.db, doc.accountId, current.requestedById);
    const pending = current.steps.filter((s) => s.decision === "pending");
    signers = await signersByStep(context.db, doc.accountId, round, pending);
    signable = pending
      .filter((s) => mayDecideNow(s, current.steps, user, membership, round, settings))
      .map((s) => s.key);
  }
  let stepBlocks = null;
  let changes = null;
  if (current) {
    const { state: signed } = await context.db.docVersion.findUniqueOrThrow({
      where: { id: current.version.id },
      select: { state: true },
    });
    const signedBlocks = blocksOfState(signed);
    stepBlocks = blocksByStep(signedBlocks, current.steps);
    // "Changed since approved" shows what changed: the approved version against now, in its text and its blocks.
    if (state.status === "approved_changed") {
      const now = await context.documents.currentState(doc.id);
      changes = {
        text: diffContent(yjsStateToContent(signed), yjsStateToContent(now)),
        blocks: compareBlocks(signedBlocks, blocksOfState(now)),
      };
    }
  }
  return {
    status: state.status,
    current,
    history: state.history.filter((round) => round.id !== current?.id),
    departments,
    executiveRequired: executiveRequired(doc.kind),
    canRequest,
    signable,
    signers,
    stepBlocks,
    blockNames: names,
    changes,
  };
}
