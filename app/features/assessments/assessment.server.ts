import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { AccountAccess } from "~/features/auth/permissions.server";
import { invariantResponse } from "~/features/auth/guards.server";
import type { SessionUser } from "~/features/auth/session.server";
import { formatQuarter, quarterOf } from "~/features/kpis/kpi";
import { openRound, revealRound, saveScores, setTargets } from "~/features/scoring-rounds/round-commands.server";
import { roundHistory, roundQuarters, roundView } from "~/features/scoring-rounds/round-queries.server";
import { isRoundItem } from "~/features/scoring-rounds/rounds";
import {
  OpenRoundSchema,
  RevealRoundSchema,
  SaveScoresSchema,
  SetTargetsSchema,
} from "~/features/scoring-rounds/rounds.schema";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import type { Db } from "~/utils/db.server";
import type { formFields } from "~/utils/form.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import type { AssessmentReply } from "./assessment-reply";
import { createGapAction, gapActionTitle } from "./gap-action.server";
import { GapActionSchema } from "./gap-action.schema";

const QUARTER = /^\d{4}-Q[1-4]$/;

/**
 * What the assessment page shows: the round for `quarter` (a malformed or
 * missing one means the latest), the quarters to pick from, and the revealed
 * round before it for the radar's comparison.
 */
export async function loadAssessment(
  db: Db,
  user: SessionUser,
  access: AccountAccess,
  account: { id: string; name: string },
  quarterParam: string | null,
) {
  const asked = quarterParam?.toUpperCase();
  const quarter = asked && QUARTER.test(asked) ? asked : undefined;
  const [round, quarters, history] = await Promise.all([
    roundView(db, user, account.id, "capability", quarter),
    roundQuarters(db, account.id, "capability"),
    roundHistory(db, account.id, "capability"),
  ]);
  const previous = round ? (history.filter((h) => h.quarter < round.quarter).at(-1) ?? null) : null;
  return {
    account,
    round,
    quarters,
    previous: previous ? { quarter: previous.quarter, aggregate: previous.aggregate } : null,
    currentQuarter: formatQuarter(quarterOf(new Date())),
    canLead: access.role === "lead",
    canEdit: access.canEdit,
    // A new id with every load: a double click or a retried submit opens one round.
    clientId: crypto.randomUUID(),
  };
}

type Fields = Awaited<ReturnType<typeof formFields>>;

/** `intent=open|score|targets|reveal|gap-action`; refusals answer JSON in the user's language. */
export async function handleAssessmentIntent(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const intent = typeof fields.intent === "string" ? fields.intent : "";
  try {
    return await dispatch(context, user, accountId, locale, fields, intent);
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    return refuse(intent, error.status, say(locale, error.key, error.params));
  }
}

async function dispatch(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
  intent: string,
) {
  const invalid = (issue: string | undefined) => refuse(intent, 400, say(locale, issue ?? "rounds.error.invalid"));
  if (intent === "open") {
    const parsed = OpenRoundSchema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
    const { intent: _intent, ...input } = parsed.data;
    const opened = await openRound(context, user, { ...input, accountId });
    return json<AssessmentReply>({ ok: true, intent, roundId: opened.roundId, quarter: input.quarter });
  }
  if (intent === "score") {
    const parsed = SaveScoresSchema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
    await saveScores(context, user, accountId, parsed.data.roundId, parsed.data.scores);
    return json<AssessmentReply>({ ok: true, intent });
  }
  if (intent === "targets") {
    const parsed = SetTargetsSchema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
    await setTargets(context, user, accountId, parsed.data.roundId, parsed.data.targets);
    return json<AssessmentReply>({ ok: true, intent });
  }
  if (intent === "reveal") {
    const parsed = RevealRoundSchema.safeParse(fields);
    if (!parsed.success) return invalid(undefined);
    await revealRound(context, user, accountId, parsed.data.roundId);
    return json<AssessmentReply>({ ok: true, intent });
  }
  if (intent === "gap-action") return gapActionFromForm(context, user, accountId, locale, fields);
  return invalid(undefined);
}

async function gapActionFromForm(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const parsed = GapActionSchema.safeParse(fields);
  if (!parsed.success) return refuse("gap-action", 400, say(locale, "rounds.error.invalid"));
  const title = await gapActionTitle(context.db, accountId, parsed.data, locale);
  const created = await createGapAction(context, user, accountId, title, parsed.data.clientId);
  if (!created.ok) {
    invariantResponse(created.status !== 403, "Forbidden", 403);
    return refuse("gap-action", created.status, say(locale, "assessment.error.action"));
  }
  return json<AssessmentReply>({ ok: true, intent: "gap-action", item: parsed.data.item, actionId: created.action.id });
}

function refuse(intent: string, status: number, error: string) {
  return json<AssessmentReply>({ ok: false, intent, error }, { status });
}

/** A refusal in the user's language, naming the item as the page does. */
function say(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const known = key.startsWith("rounds.") || key.startsWith("assessment.") ? key : "rounds.error.invalid";
  const item = typeof params.item === "string" ? params.item : null;
  const named = item && (isRoundItem("capability", item) || isRoundItem("net_value", item));
  const vars = named ? { ...params, item: translate(locale, `rounds.item.${item}` as MessageKey) } : params;
  return translate(locale, known as MessageKey, vars);
}
