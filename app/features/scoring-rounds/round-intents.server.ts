import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { SessionUser } from "~/features/auth/session.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import type { formFields } from "~/utils/form.server";
import { WorkflowError } from "~/utils/workflow-error.server";
import { openRound, revealRound, saveScores, setTargets } from "./round-commands.server";
import type { RoundIntent, RoundReply } from "./round-reply";
import { isRoundItem, ROUND_KINDS, type RoundKind } from "./rounds";
import { OpenRoundSchema, RevealRoundSchema, SaveScoresSchema, scoreField, SetTargetsSchema } from "./rounds.schema";

export type Fields = Awaited<ReturnType<typeof formFields>>;

/** One submitted form of a round page, and who sent it. */
export interface RoundRequest {
  context: AppLoadContext;
  user: SessionUser;
  accountId: string;
  locale: Locale;
  fields: Fields;
}

export interface RoundIntentOptions {
  kind: RoundKind;
  /** What a successful open answers; by default the new round's id and quarter as JSON. */
  opened?: (round: { roundId: string; quarter: string }) => Response;
  /** The page's own intents beyond open, score, targets and reveal; their WorkflowErrors are refused like ours. */
  more?: Record<string, (request: RoundRequest) => Promise<Response>>;
}

/**
 * `intent=open` (the lead, a quarter of this kind), `score` (a lead or member,
 * their own scores), `targets` (the lead, capability rounds) or `reveal` (the
 * lead). Every refusal, a forbidden step included, answers JSON in the user's language.
 */
export async function handleRoundIntent(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
  options: RoundIntentOptions,
): Promise<Response> {
  const intent = typeof fields.intent === "string" ? fields.intent : "";
  const known = [...sharedIntents(options.kind), ...Object.keys(options.more ?? {})].includes(intent);
  try {
    return await dispatch(context, user, accountId, locale, fields, intent, options);
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    const message = sayRound(locale, error.key, error.params);
    const item = typeof error.params?.item === "string" ? error.params.item : null;
    const fieldErrors = intent === "score" && item ? { [scoreField(item)]: message } : {};
    return refuseRound(known ? intent : null, error.status, message, fieldErrors);
  }
}

async function dispatch(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
  intent: string,
  options: RoundIntentOptions,
): Promise<Response> {
  const invalid = (issue?: string) => refuseRound(intent, 400, sayRound(locale, issue ?? "rounds.error.invalid"));
  if (intent === "open") {
    const parsed = OpenRoundSchema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
    // Each page opens rounds of its own kind only.
    if (parsed.data.kind !== options.kind) return invalid();
    const { intent: _intent, ...input } = parsed.data;
    const { roundId } = await openRound(context, user, { ...input, accountId });
    const round = { roundId, quarter: input.quarter };
    return options.opened ? options.opened(round) : json<RoundReply>({ ok: true, intent, ...round });
  }
  if (intent === "score") {
    const parsed = SaveScoresSchema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
    await saveScores(context, user, accountId, parsed.data.roundId, parsed.data.scores);
    return json<RoundReply>({ ok: true, intent });
  }
  if (intent === "targets" && options.kind === "capability") {
    const parsed = SetTargetsSchema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
    await setTargets(context, user, accountId, parsed.data.roundId, parsed.data.targets);
    return json<RoundReply>({ ok: true, intent });
  }
  if (intent === "reveal") {
    const parsed = RevealRoundSchema.safeParse(fields);
    if (!parsed.success) return invalid();
    await revealRound(context, user, accountId, parsed.data.roundId);
    return json<RoundReply>({ ok: true, intent });
  }
  const more = options.more?.[intent];
  return more
    ? more({ context, user, accountId, locale, fields })
    : refuseRound(null, 400, sayRound(locale, "rounds.error.invalid"));
}

/** Target profiles belong to the capability assessment only. */
function sharedIntents(kind: RoundKind): RoundIntent[] {
  return kind === "capability" ? ["open", "score", "targets", "reveal"] : ["open", "score", "reveal"];
}

export function refuseRound(
  intent: string | null,
  status: number,
  error: string,
  fieldErrors: Record<string, string> = {},
): Response {
  return json<RoundReply>({ ok: false, intent, error, fieldErrors }, { status });
}

/** A message key ("rounds.error.range"), as opposed to a schema's own English text. */
const MESSAGE_KEY = /^[a-z][A-Za-z]*(\.[A-Za-z0-9_]+)+$/;

/** A refusal in the user's language, naming the item as the pages do; a text not a key reads as "invalid form". */
export function sayRound(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const known = MESSAGE_KEY.test(key) ? key : "rounds.error.invalid";
  const item = typeof params.item === "string" ? params.item : null;
  const named = item !== null && ROUND_KINDS.some((kind) => isRoundItem(kind, item));
  const vars = named ? { ...params, item: translate(locale, `rounds.item.${item}` as MessageKey) } : params;
  return translate(locale, known as MessageKey, vars);
}
