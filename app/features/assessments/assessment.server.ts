import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import { invariantResponse } from "~/features/auth/guards.server";
import { formatQuarter, quarterOf } from "~/features/kpis/kpi";
import { refuseRound, sayRound, type RoundRequest } from "~/features/scoring-rounds/round-intents.server";
import { loadRoundPage, roundPageAction } from "~/features/scoring-rounds/round-page.server";
import type { AssessmentReply } from "./assessment-reply";
import { createGapAction, gapActionTitle } from "./gap-action.server";
import { GapActionSchema } from "./gap-action.schema";

/**
 * What the assessment page shows: the round for `?quarter=` (a malformed or
 * missing one means the latest), the quarters to pick from, and the revealed
 * round before it for the radar's comparison.
 */
export async function loadAssessment(request: Request, context: AppLoadContext, accountId: string) {
  const { account, access, round, opened, history, clientId } = await loadRoundPage(
    request,
    context,
    accountId,
    "capability",
  );
  const previous = round ? (history.filter((h) => h.quarter < round.quarter).at(-1) ?? null) : null;
  return {
    account,
    round,
    quarters: opened,
    previous: previous ? { quarter: previous.quarter, aggregate: previous.aggregate } : null,
    currentQuarter: formatQuarter(quarterOf(new Date())),
    canLead: access.role === "lead",
    canEdit: access.canEdit,
    clientId,
  };
}

/** The round's intents, and `intent=gap-action`: the widest gaps become action items. */
export function assessmentAction(request: Request, context: AppLoadContext, accountId: string) {
  return roundPageAction(request, context, accountId, {
    kind: "capability",
    more: { "gap-action": gapActionFromForm },
  });
}

async function gapActionFromForm({ context, user, accountId, locale, fields }: RoundRequest) {
  const parsed = GapActionSchema.safeParse(fields);
  if (!parsed.success) return refuseRound("gap-action", 400, sayRound(locale, "rounds.error.invalid"));
  const title = await gapActionTitle(context.db, accountId, parsed.data, locale);
  const created = await createGapAction(context, user, accountId, title, parsed.data.clientId);
  if (!created.ok) {
    invariantResponse(created.status !== 403, "Forbidden", 403);
    return refuseRound("gap-action", created.status, sayRound(locale, "assessment.error.action"));
  }
  return json<AssessmentReply>({ ok: true, intent: "gap-action", item: parsed.data.item, actionId: created.action.id });
}
