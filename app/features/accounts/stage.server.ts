import type { StageChangeInput } from "~/features/accounts/stage.schema";
import { encodeStageChange } from "~/features/accounts/stage-change";
import type { Workflow } from "~/utils/services.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { WorkflowError } from "~/utils/workflow-error.server";

/** Moves the account to a new tier, ladder rung or lifecycle stage, keeps the history, and tells the team. */
export async function changeStage(workflow: Workflow, actorId: string, accountId: string, input: StageChangeInput) {
  const { db } = workflow;
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: { tier: true, ladderStage: true, lifecycleStage: true },
  });
  if (!account) throw new WorkflowError(404, "account.error.notFound");
  const fromValue = account[input.field];
  if (fromValue === input.value) throw new WorkflowError(400, "account.stage.error.same");
  // The move applies only if the account is still where it was read: two people
  // moving it at once must not both record history "from" the same stage.
  await db.$transaction(async (tx) => {
    const moved = await tx.account.updateMany({
      where: { id: accountId, [input.field]: fromValue },
      data: { [input.field]: input.value },
    });
    if (moved.count !== 1) throw new WorkflowError(409, "account.stage.error.conflict");
    await tx.stageChange.create({
      data: { accountId, field: input.field, fromValue, toValue: input.value, note: input.note, changedBy: actorId },
    });
  });
  await recordActivity(workflow, {
    accountId,
    actorId,
    kind: "stage_changed",
    subject: input.note,
    detail: encodeStageChange({ field: input.field, fromValue, toValue: input.value }),
  });
}
