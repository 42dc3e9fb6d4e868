import type {
  ActionFunctionArgs,
  AppLoadContext,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ZodError } from "zod";
import { factorName, type NetValueIntent as Intent, type NetValueReply } from "~/features/net-value/net-value";
import { NetValueHistory } from "~/features/net-value/net-value-history";
import { NetValueResults } from "~/features/net-value/net-value-results";
import { worksheet, requestedQuarter } from "~/features/net-value/net-value.server";
import netValueStyles from "~/features/net-value/net-value.css";
import { OpenRoundForm, QuarterPicker, RevealForm, RoundStatus } from "~/features/net-value/round-panel";
import { ScoreForm } from "~/features/net-value/score-form";
import { openRound, revealRound, saveScores } from "~/features/scoring-rounds/round-commands.server";
import { isRoundItem } from "~/features/scoring-rounds/rounds";
import { OpenRoundSchema, RevealRoundSchema, SaveScoresSchema } from "~/features/scoring-rounds/rounds.schema";
import { useRevalidateOn, usePresenceRoom } from "~/hub/hub-context";
import { translate, useT, type Locale, type MessageKey } from "~/i18n/i18n";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";
import type { SessionUser } from "~/features/auth/session.server";
import { formFields } from "~/utils/form.server";
import { WorkflowError } from "~/utils/workflow-error.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: netValueStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [
    { title: data ? `${translate(locale ?? "en", "netValue.title")} · ${data.account.name} · Keyroom` : "Keyroom" },
  ];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const account = await context.db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } });
  invariantResponse(account, "Account not found", 404);
  const sheet = await worksheet(context.db, user, accountId, requestedQuarter(request));
  return json({
    account,
    ...sheet,
    canOpen: access.role === "lead",
    // The open form's id, new with every load: a resubmit of the same form opens one round.
    clientId: crypto.randomUUID(),
  });
}

/**
 * `intent=open` (the lead, a quarter), `intent=score` (a lead or member, their
 * own scores) or `intent=reveal` (the lead). Refusals answer JSON with the
 * message in the user's language; a forbidden step is a plain 403.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user } = await requireAccountAccess(request, context, accountId);
  const locale = await requestLocale(request, user.locale);
  const fields = await formFields(request);
  const intent =
    fields.intent === "open" || fields.intent === "score" || fields.intent === "reveal" ? fields.intent : null;
  try {
    if (intent === "open") return await openFromForm(context, user, accountId, locale, fields);
    if (intent === "score") return await scoreFromForm(context, user, accountId, locale, fields);
    if (intent === "reveal") return await revealFromForm(context, user, accountId, locale, fields);
    return refuse(locale, null, 400, "netValue.error.invalid");
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    invariantResponse(error.status !== 403, "Forbidden", 403);
    const item = typeof error.params?.item === "string" ? error.params.item : null;
    // The factor by its name in the reader's language, not its key.
    const message =
      item && isRoundItem("net_value", item)
        ? translate(locale, error.key, { ...error.params, item: translate(locale, factorName(item)) })
        : error.messageIn(locale);
    return json<NetValueReply>(
      { ok: false, intent, error: message, fieldErrors: item ? { [`score:${item}`]: message } : {} },
      { status: error.status },
    );
  }
}

type Fields = Awaited<ReturnType<typeof formFields>>;

async function openFromForm(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const parsed = OpenRoundSchema.safeParse(fields);
  // This page opens net value worksheets only; the assessment has its own.
  if (!parsed.success || parsed.data.kind !== "net_value") return invalid(locale, "open", parsed.error);
  const { intent: _intent, ...input } = parsed.data;
  await openRound(context, user, { ...input, accountId });
  return redirect(`/accounts/${accountId}/value?quarter=${input.quarter}`);
}

async function scoreFromForm(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const parsed = SaveScoresSchema.safeParse(fields);
  if (!parsed.success) return invalid(locale, "score", parsed.error);
  await saveScores(context, user, accountId, parsed.data.roundId, parsed.data.scores);
  return json<NetValueReply>({ ok: true, intent: "score" });
}

async function revealFromForm(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const parsed = RevealRoundSchema.safeParse(fields);
  if (!parsed.success) return invalid(locale, "reveal", parsed.error);
  await revealRound(context, user, accountId, parsed.data.roundId);
  return json<NetValueReply>({ ok: true, intent: "reveal" });
}

/** A form the schema refused: its first problem, in the user's language when it is one of ours. */
function invalid(locale: Locale, intent: Intent, error: ZodError | undefined) {
  const key = error?.issues[0]?.message ?? "";
  return refuse(locale, intent, 400, (key.startsWith("rounds.error.") ? key : "netValue.error.invalid") as MessageKey);
}

function refuse(locale: Locale, intent: Intent | null, status: number, key: MessageKey) {
  return json<NetValueReply>({ ok: false, intent, error: translate(locale, key), fieldErrors: {} }, { status });
}

export default function NetValueWorksheet() {
  const { account, round, quarter, quarters, history, canOpen, clientId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  usePresenceRoom("account", account.id);
  useRevalidateOn("round:progress", (change) => change.accountId === account.id && change.kind === "net_value");
  const refusal = (intent: Intent) => (reply && !reply.ok && reply.intent === intent ? reply : null);
  return (
    <>
      <div className="page-title">
        <p className="breadcrumb">
          <Link to="/accounts">{t("nav.portfolio")}</Link> / <Link to={`/accounts/${account.id}`}>{account.name}</Link>
        </p>
        <h1>{t("netValue.title")}</h1>
        <p className="muted">{t("netValue.subtitle", { account: account.name })}</p>
        <p className="muted small">{t("netValue.formula")}</p>
      </div>
      <QuarterPicker quarter={quarter} quarters={quarters} />
      {reply && !reply.ok && reply.intent === null ? (
        <p className="form-error" role="alert">
          {reply.error}
        </p>
      ) : null}
      <div className="nv-layout">
        {round === null ? (
          <section className="card nv-layout__wide" aria-label={t("netValue.title")}>
            {canOpen ? (
              <OpenRoundForm quarter={quarter} clientId={clientId} error={refusal("open")?.error ?? null} />
            ) : (
              <div className="empty-state">
                <p>{t("netValue.notOpened", { quarter })}</p>
              </div>
            )}
          </section>
        ) : (
          <>
            <section
              className={round.status === "revealed" ? "card nv-layout__wide" : "card"}
              aria-labelledby="nv-round-heading"
            >
              <h2 id="nv-round-heading">{t("netValue.results.title", { quarter: round.quarter })}</h2>
              <RoundStatus round={round} />
              {round.status === "open" && round.canManage ? (
                <RevealForm roundId={round.id} error={refusal("reveal")?.error ?? null} />
              ) : null}
              {round.aggregate ? (
                <NetValueResults quarter={round.quarter} aggregate={round.aggregate} evidence={round.evidence ?? []} />
              ) : (
                <p className="muted">{t("netValue.reveal.waiting")}</p>
              )}
            </section>
            {round.status === "open" ? (
              <section className="card" aria-labelledby="nv-form-heading">
                <h2 id="nv-form-heading">{t("netValue.form.title")}</h2>
                {round.canScore ? (
                  <ScoreForm
                    round={round}
                    error={refusal("score")?.error ?? null}
                    fieldErrors={refusal("score")?.fieldErrors ?? {}}
                    saved={reply?.ok === true && reply.intent === "score"}
                  />
                ) : (
                  <p className="muted">{t("netValue.form.readOnly")}</p>
                )}
              </section>
            ) : null}
          </>
        )}
        <section className="card nv-layout__wide" aria-labelledby="nv-history-heading">
          <h2 id="nv-history-heading">{t("netValue.history.title")}</h2>
          <NetValueHistory history={history} current={quarter} />
        </section>
      </div>
    </>
  );
}
