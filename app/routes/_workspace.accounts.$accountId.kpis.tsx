import type {
  ActionFunctionArgs,
  AppLoadContext,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DefineKpiForm } from "~/features/kpis/define-kpi-form";
import { HealthPanel } from "~/features/kpis/health-panel";
import { KpiEntryForm } from "~/features/kpis/kpi-entry-form";
import { KpiImportForm } from "~/features/kpis/kpi-import-form";
import { KpiCharts } from "~/features/kpis/kpi-charts";
import { translate, useT, type Locale, type MessageKey } from "~/i18n/i18n";
import { KPI_IMPORT_LIMITS } from "~/features/kpis/kpi";
import { recordActivity } from "~/features/notifications/activity.server";
import { defineKpi, importKpiCsv, kpiOverview, saveQuarterKpis } from "~/features/kpis/kpi.server";
import {
  DefineKpiSchema,
  ImportKpisSchema,
  SaveKpisSchema,
  type KpiActionReply,
  type KpiProblem,
} from "~/features/kpis/kpi.schema";
import kpiStyles from "~/features/kpis/kpis.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";
import type { SessionUser } from "~/features/auth/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: kpiStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [{ title: data ? `${translate(locale ?? "en", "kpis.title")} · ${data.account.name} · Keyroom` : "Keyroom" }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const account = await context.db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } });
  invariantResponse(account, "Account not found", 404);
  const overview = await kpiOverview(context.db, accountId);
  return json({ account, ...overview, canEdit: access.canEdit, canDefine: user.workspaceRole === "admin" });
}

/**
 * `intent=save` (one quarter from the form), `intent=import` (CSV) or
 * `intent=define` (a new KPI, workspace admins only). Answers JSON with
 * messages in the user's language: refused CSV lines come back as a report.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const locale = await requestLocale(request, user.locale);
  const fields = await formFields(request);
  if (fields.intent === "define") {
    invariantResponse(user.workspaceRole === "admin", "Only a workspace admin can add a KPI", 403);
    return defineFromForm(context, user, locale, fields);
  }
  invariantResponse(access.canEdit, "Forbidden", 403);
  if (fields.intent === "import") return importFromForm(context, user, accountId, locale, fields);
  return saveFromForm(context, user, accountId, locale, fields);
}

type Fields = Awaited<ReturnType<typeof formFields>>;

async function defineFromForm(context: AppLoadContext, user: SessionUser, locale: Locale, fields: Fields) {
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

async function importFromForm(
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
  return json<KpiActionReply>({ ok: true, intent: "import", imported: outcome.imported });
}

async function saveFromForm(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  locale: Locale,
  fields: Fields,
) {
  const say = (problem: KpiProblem<string>) => message(locale, problem);
  const parsed = SaveKpisSchema.safeParse(fields);
  if (!parsed.success) return refuse("save", 400, say({ key: "kpis.form.error" }));
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

export default function AccountKpis() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { account, definitions, quarters, values, latestQuarter, health, healthByQuarter } = data;
  const t = useT();
  return (
    <>
      <div className="page-title">
        <p className="breadcrumb">
          <Link to="/accounts">{t("nav.portfolio")}</Link> / <Link to={`/accounts/${account.id}`}>{account.name}</Link>
        </p>
        <h1>{t("kpis.title")}</h1>
        <p className="muted">{t("kpis.subtitle", { account: account.name })}</p>
      </div>
      <div className="kpi-layout">
        <section className="card" aria-labelledby="kpi-health-heading">
          <h2 id="kpi-health-heading">{t("kpis.health.title")}</h2>
          <HealthPanel
            quarter={latestQuarter}
            health={health}
            definitions={definitions}
            values={latestQuarter ? (values[latestQuarter] ?? {}) : {}}
          />
        </section>
        <section className="card" aria-labelledby="kpi-trends-heading">
          <h2 id="kpi-trends-heading">{t("kpis.trends.title")}</h2>
          {latestQuarter === null ? (
            <div className="empty-state">
              <p>{t("kpis.empty.title")}</p>
              <p className="muted small">{t(data.canEdit ? "kpis.empty.body" : "kpis.empty.readOnly")}</p>
            </div>
          ) : (
            <KpiCharts
              definitions={definitions}
              quarters={quarters}
              values={values}
              healthByQuarter={healthByQuarter}
            />
          )}
        </section>
        {data.canEdit ? (
          <>
            <section className="card" aria-labelledby="kpi-entry-heading">
              <h2 id="kpi-entry-heading">{t("kpis.form.title")}</h2>
              <KpiEntryForm definitions={definitions} quarters={quarters} values={values} reply={reply} />
            </section>
            <section className="card" aria-labelledby="kpi-import-heading">
              <h2 id="kpi-import-heading">{t("kpis.import.title")}</h2>
              <KpiImportForm reply={reply} />
            </section>
          </>
        ) : (
          <p className="muted small">{t("kpis.readOnly")}</p>
        )}
        {data.canDefine ? (
          <section className="card" aria-labelledby="kpi-define-heading">
            <h2 id="kpi-define-heading">{t("kpis.define.title")}</h2>
            <DefineKpiForm reply={reply} />
          </section>
        ) : null}
      </div>
    </>
  );
}
