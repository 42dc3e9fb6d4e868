import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import { invariantResponse } from "~/features/auth/guards.server";
import { accountRights, announceBrokenRights } from "~/features/blocks/account-rights.server";
import type { SessionUser } from "~/features/auth/session.server";
import { recordActivity } from "~/features/notifications/activity.server";
import { translate, type Locale, type MessageKey } from "~/i18n/i18n";
import type { formFields } from "~/utils/form.server";
import { KPI_IMPORT_LIMITS } from "./kpi";
import { DefineKpiSchema, ImportKpisSchema, SaveKpisSchema, type KpiActionReply, type KpiProblem } from "./kpi.schema";
import { defineKpi, importKpiCsv, saveQuarterKpis } from "./kpi.server";

type Fields = Awaited<ReturnType<typeof formFields>>;

/** `intent=define`: a new KPI from the form (the caller checked the user is a workspace admin). */
export async function defineFromForm(context: AppLoadContext, user: SessionUser, locale: Locale, fields: Fields) {
  const parsed = DefineKpiSchema.safeParse(fields);
  if (!parsed.success) {
    return refuse("define", 400, message(locale, { key: "kpis.define.error.invalid" }), {
      fieldErrors: firstMessages(locale, parsed.error.flatten().fieldErrors),
    });
  }
  const { intent: _intent, ...input } = parsed.data;
  const outcome = await defineKpi(context.db, user, input);
  invariantResponse(outcome.ok || outcome.status !== 403, "Forbidden", 403);
  if (!outcome.ok) {
    return refuse("define", 400, message(locale, { key: "kpis.define.error.invalid" }), {
      fieldErrors: firstMessages(locale, outcome.errors),
    });
  }
  return json<KpiActionReply>({ ok: true, intent: "define", key: outcome.definition.key });
}

/** `intent=import`: a CSV of values; refused lines come back as a report. */
export async function importFromForm(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const say = (problem: KpiProblem<string>) => message(locale, problem);
  const parsed = ImportKpisSchema.safeParse(fields);
  if (!parsed.success) {
    return refuse("import", 400, say({ key: parsed.error.issues[0]?.message ?? "", vars: importLimits }));
  }
  const before = await accountRights(context.db, accountId);
  const outcome = await importKpiCsv(context.db, user, accountId, parsed.data.csv);
  invariantResponse(outcome.ok || outcome.status !== 403, "Forbidden", 403);
  if (!outcome.ok) {
    if (outcome.fileProblem) return refuse("import", 400, say(outcome.fileProblem));
    return refuse("import", 400, say({ key: "kpis.import.error.lines", vars: { count: outcome.lines.length } }), {
      report: outcome.lines.map(({ line, problems }) => ({ line, problems: problems.map(say) })),
    });
  }
  await recordActivity(context, {
    accountId,
    actorId: user.id,
    kind: "kpis_updated",
    subject: "",
    detail: String(outcome.imported),
  });
  await announceBrokenRights(context, user.id, accountId, before.rights);
  return json<KpiActionReply>({ ok: true, intent: "import", imported: outcome.imported });
}

/** `intent=save` (the default): one quarter's values from the form. */
export async function saveFromForm(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const say = (problem: KpiProblem<string>) => message(locale, problem);
  const parsed = SaveKpisSchema.safeParse(fields);
  if (!parsed.success) return refuse("save", 400, say({ key: "kpis.form.error" }));
  const before = await accountRights(context.db, accountId);
  const outcome = await saveQuarterKpis(context.db, user, accountId, parsed.data);
  invariantResponse(outcome.ok || outcome.status !== 403, "Forbidden", 403);
  if (!outcome.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldProblems).map(([key, p]) => [key, say(p)]));
    return refuse("save", 400, outcome.quarterProblem ? say(outcome.quarterProblem) : say({ key: "kpis.form.error" }), {
      fieldErrors,
    });
  }
  const { quarter, saved, cleared } = outcome;
  await recordActivity(context, { accountId, actorId: user.id, kind: "kpis_updated", subject: quarter, detail: "" });
  await announceBrokenRights(context, user.id, accountId, before.rights);
  return json<KpiActionReply>({ ok: true, intent: "save", quarter, saved, cleared });
}

function refuse(intent: "save" | "import" | "define", status: number, error: string, more: Partial<Refusal> = {}) {
  return json<KpiActionReply>({ ok: false, intent, error, fieldErrors: {}, report: [], ...more }, { status });
}

type Refusal = Extract<KpiActionReply, { ok: false }>;

const importLimits = { max: KPI_IMPORT_LIMITS.maxBytes / 1024 };

/** A problem in the user's language; anything that is not one of ours reads as "invalid". */
function message(locale: Locale, problem: KpiProblem<string>): string {
  const key = (problem.key.startsWith("kpis.") ? problem.key : "kpis.form.error") as MessageKey;
  return translate(locale, key, problem.vars);
}

function firstMessages(locale: Locale, errors: Partial<Record<string, string[]>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, keys] of Object.entries(errors)) {
    if (keys?.[0]) out[field] = message(locale, { key: keys[0] });
  }
  return out;
}
