import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { adminAction } from "~/features/admin/admin-form.server";
import { handleDepartmentsIntent } from "~/features/admin/departments-actions.server";
import { DepartmentsPage } from "~/features/admin/departments-page";
import { listDepartments } from "~/features/admin/departments.server";
import { requireAdmin } from "~/features/auth/guards.server";
import adminPagesStyles from "~/features/admin/admin-pages.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminPagesStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return json({ departments: await listDepartments(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleDepartmentsIntent(context, await adminAction(request, context));
}

export default DepartmentsPage;
