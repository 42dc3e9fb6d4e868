import { numberFormat } from "~/components/intl";
import { createActionItem, type ActionOutcome } from "~/features/action-items/action-item.server";
import { aggregate, rankGaps, type CapabilityElement } from "~/features/scoring-rounds/rounds";
import { translate, type Locale } from "~/i18n/i18n";
import type { Db } from "~/utils/db.server";
import type { Workflow } from "~/utils/services.server";
import { WorkflowError } from "~/utils/workflow-error.server";

const oneDecimal = (value: number, locale: Locale) =>
  numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

/**
 * The action item's title for an element's gap in a revealed round, from the
 * stored scores and targets (the page's numbers are not trusted).
 */
export async function gapActionTitle(
  db: Db,
  accountId: string,
  { roundId, item }: { roundId: string; item: CapabilityElement },
  locale: Locale,
): Promise<string> {
  const round = await db.scoringRound.findFirst({
    where: { id: roundId, accountId, kind: "capability" },
    select: {
      status: true,
      scores: { select: { item: true, score: true } },
      targets: { select: { item: true, level: true } },
    },
  });
  if (!round) throw new WorkflowError(404, "rounds.error.notFound");
  const gap = round.status === "revealed" && rankGaps(aggregate("capability", round.scores), round.targets);
  const found = gap ? gap.find((g) => g.item === item) : undefined;
  if (!found) throw new WorkflowError(409, "assessment.error.action");
  return translate(locale, "assessment.gaps.actionTitle", {
    element: translate(locale, `rounds.item.${item}`),
    mean: oneDecimal(found.mean, locale),
    target: found.target,
    gap: oneDecimal(found.gap, locale),
  });
}

/** An open action item for the team; a retried click (same client id) answers with the item already made. */
export function createGapAction(
  workflow: Workflow,
  actor: { id: string; workspaceRole: string },
  accountId: string,
  title: string,
  clientId: string | undefined,
): Promise<ActionOutcome> {
  return createActionItem(workflow, actor, accountId, { title, status: "open", clientId });
}
