import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { adminAction } from "~/features/admin/admin-form.server";
import { handleAccountsIntent } from "~/features/admin/accounts-actions.server";
import { AccountsPage } from "~/features/admin/accounts-page";
import { activePeople, listAdminAccounts } from "~/features/admin/accounts.server";
import { requireAdmin } from "~/features/auth/guards.server";
import adminPagesStyles from "~/features/admin/admin-pages.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminPagesStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  const [accounts, people] = await Promise.all([listAdminAccounts(context.db), activePeople(context.db)]);
  return json({ accounts, people });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleAccountsIntent(context, await adminAction(request, context));
}

export default AccountsPage;
