import type { StageChangeInput } from "~/shared/schemas/stage";
import { encodeStageChange } from "~/shared/stage-change";
import type { Workflow } from "~/utils/services.server";
import { recordActivity } from "./activity.server";
import { WorkflowError } from "./workflow-error.server";

/** Moves the account to a new tier, ladder rung or lifecycle stage, keeps the history, and tells the team. */
export async function changeStage(workflow: Workflow, actorId: string, accountId: string, input: StageChangeInput) {
  const { db } = workflow;
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: { tier: true, ladderStage: true, lifecycleStage: true },
  });
  if (!account) throw new WorkflowError(404, "No such account");
  const fromValue = account[input.field];
  if (fromValue === input.value) throw new WorkflowError(400, "The account is already at that stage");
  await db.$transaction([
    db.account.update({ where: { id: accountId }, data: { [input.field]: input.value } }),
    db.stageChange.create({
      data: { accountId, field: input.field, fromValue, toValue: input.value, note: input.note, changedBy: actorId },
    }),
  ]);
  await recordActivity(workflow, {
    accountId,
    actorId,
    kind: "stage_changed",
    subject: input.note,
    detail: encodeStageChange({ field: input.field, fromValue, toValue: input.value }),
  });
}
