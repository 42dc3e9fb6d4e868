import "~/common-chunk";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { adminAction } from "~/features/admin/admin-form.server";
import { listPendingInvitations } from "~/features/admin/invitations.server";
import { handleUsersIntent } from "~/features/admin/users-actions.server";
import { UsersPage } from "~/features/admin/users-page";
import { PeopleQuerySchema } from "~/features/admin/users.schema";
import { listPeople } from "~/features/admin/users.server";
import { requireAdmin } from "~/features/auth/guards.server";
import adminPagesStyles from "~/features/admin/admin-pages.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminPagesStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const q = PeopleQuerySchema.parse(new URL(request.url).searchParams.get("q") ?? "");
  const [people, invitations, departments] = await Promise.all([
    listPeople(context.db, q),
    listPendingInvitations(context.db),
    context.db.department.findMany({
      orderBy: { sortOrder: "asc" },
      select: { key: true, name: true, nameZh: true, archivedAt: true },
    }),
  ]);
  return json({
    myId: admin.id,
    q,
    ...people,
    invitations,
    departments: departments.map(({ archivedAt, ...department }) => ({ ...department, archived: archivedAt !== null })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleUsersIntent(request, context, await adminAction(request, context));
}

export default UsersPage;
