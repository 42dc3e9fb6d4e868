import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { adminAction } from "~/features/admin/admin-form.server";
import { handleTemplatesIntent } from "~/features/admin/templates-actions.server";
import { TemplatesPage } from "~/features/admin/templates-page";
import { TemplateChoiceSchema } from "~/features/admin/templates.schema";
import { loadTemplate } from "~/features/admin/templates.server";
import { requireAdmin } from "~/features/auth/guards.server";
import type { Locale, TemplateDocKind } from "~/features/documents/doc-templates";
import adminPagesStyles from "~/features/admin/admin-pages.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminPagesStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const choice = TemplateChoiceSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({ template: await loadTemplate(context.db, choice.kind as TemplateDocKind, choice.locale as Locale) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleTemplatesIntent(context, await adminAction(request, context, ["sections"]));
}

export default TemplatesPage;
