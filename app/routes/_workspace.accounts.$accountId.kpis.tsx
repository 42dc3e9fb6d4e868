import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { KpisPage } from "~/features/kpis/kpis-page";
import { translate, type Locale } from "~/i18n/i18n";
import { kpiOverview } from "~/features/kpis/kpi.server";
import { defineFromForm, importFromForm, saveFromForm } from "~/features/kpis/kpi-actions.server";
import kpiStyles from "~/features/kpis/kpis.css";
import { formFields } from "~/utils/form.server";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: kpiStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return [{ title: data ? `${translate(locale ?? "en", "kpis.title")} · ${data.account.name} · Keyroom` : "Keyroom" }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const account = await context.db.account.findUnique({
    where: { id: accountId },
    select: { id: true, name: true, currency: true },
  });
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

export default function AccountKpis() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return <KpisPage data={data} reply={reply} />;
}
