import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { adminAction } from "~/features/admin/admin-form.server";
import { handleSettingsIntent } from "~/features/admin/settings-actions.server";
import { SettingsPage } from "~/features/admin/settings-page";
import { loadSettings } from "~/features/admin/settings.server";
import { requireAdmin } from "~/features/auth/guards.server";
import adminPagesStyles from "~/features/admin/admin-pages.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminPagesStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return json(await loadSettings(context.db));
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleSettingsIntent(context, await adminAction(request, context));
}

export default SettingsPage;
