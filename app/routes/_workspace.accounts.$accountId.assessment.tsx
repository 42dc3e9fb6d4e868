import type {
  ActionFunctionArgs,
  AppLoadContext,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AssessmentPage } from "~/features/assessments/assessment-page";
import type { AssessmentReply } from "~/features/assessments/assessment-reply";
import assessmentStyles from "~/features/assessments/assessments.css";
import { createGapAction, gapActionTitle } from "~/features/assessments/gap-action.server";
import { GapActionSchema } from "~/features/assessments/gap-action.schema";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";
import type { SessionUser } from "~/features/auth/session.server";
import { openRound, revealRound, saveScores, setTargets } from "~/features/scoring-rounds/round-commands.server";
import { roundHistory, roundQuarters, roundView } from "~/features/scoring-rounds/round-queries.server";
import { isRoundItem } from "~/features/scoring-rounds/rounds";
import {
  OpenRoundSchema,
  RevealRoundSchema,
  SaveScoresSchema,
  SetTargetsSchema,
} from "~/features/scoring-rounds/rounds.schema";
import { formatQuarter, quarterOf } from "~/features/kpis/kpi";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import { formFields } from "~/utils/form.server";
import { WorkflowError } from "~/utils/workflow-error.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: assessmentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [
    { title: data ? `${translate(locale ?? "en", "assessment.title")} · ${data.account.name} · Keyroom` : "Keyroom" },
  ];
};

const QUARTER = /^\d{4}-Q[1-4]$/;

/** `?quarter=2026-Q4` picks a round; without it (or with a malformed one) the latest is shown. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const account = await context.db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } });
  invariantResponse(account, "Account not found", 404);
  const asked = new URL(request.url).searchParams.get("quarter")?.toUpperCase();
  const quarter = asked && QUARTER.test(asked) ? asked : undefined;
  const [round, quarters, history] = await Promise.all([
    roundView(context.db, user, accountId, "capability", quarter),
    roundQuarters(context.db, accountId, "capability"),
    roundHistory(context.db, accountId, "capability"),
  ]);
  // The revealed round before the one shown, for the radar's comparison.
  const previous = round ? (history.filter((h) => h.quarter < round.quarter).at(-1) ?? null) : null;
  return json({
    account,
    round,
    quarters,
    previous: previous ? { quarter: previous.quarter, aggregate: previous.aggregate } : null,
    currentQuarter: formatQuarter(quarterOf(new Date())),
    canLead: access.role === "lead",
    canEdit: access.canEdit,
    // A new id with every load: a double click or a retried submit opens one round.
    clientId: crypto.randomUUID(),
  });
}

/** `intent=open|score|targets|reveal|gap-action`; refusals answer JSON in the user's language. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user } = await requireAccountAccess(request, context, accountId);
  const locale = await requestLocale(request, user.locale);
  const fields = await formFields(request);
  const intent = typeof fields.intent === "string" ? fields.intent : "";
  try {
    return await dispatch(context, user, accountId, locale, fields, intent);
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    return refuse(intent, error.status, say(locale, error.key, error.params));
  }
}

type Fields = Awaited<ReturnType<typeof formFields>>;

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
  if (intent === "gap-action") {
    const parsed = GapActionSchema.safeParse(fields);
    if (!parsed.success) return invalid(undefined);
    const title = await gapActionTitle(context.db, accountId, parsed.data, locale);
    const created = await createGapAction(context, user, accountId, title, parsed.data.clientId);
    if (!created.ok) {
      invariantResponse(created.status !== 403, "Forbidden", 403);
      return refuse(intent, created.status, say(locale, "assessment.error.action"));
    }
    return json<AssessmentReply>({ ok: true, intent, item: parsed.data.item, actionId: created.action.id });
  }
  return invalid(undefined);
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

export default function AccountAssessment() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return <AssessmentPage {...data} reply={reply} />;
}
