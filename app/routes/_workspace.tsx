import "~/common-chunk";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation, useNavigate, useRevalidator } from "@remix-run/react";
import { AppHeader } from "~/components/app-header";
import { ConnectionBanner } from "~/components/connection-banner";
import { HubProvider, useHubEvent } from "~/hub/hub-context";
import { requireUser } from "~/features/auth/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const departments = await context.db.department.findMany({ select: { key: true, name: true, nameZh: true } });
  return json({
    user: { name: user.name, email: user.email, workspaceRole: user.workspaceRole, department: user.department },
    // Notifications and toasts on every page name departments from their stored keys.
    departmentNames: Object.fromEntries(departments.map((d) => [d.key, user.locale === "zh-CN" ? d.nameZh : d.name])),
  });
}

export default function AccountsLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <HubProvider>
      <LeaveWhenRemoved />
      <AppHeader user={user} />
      <ConnectionBanner />
      <main id="main" className="page">
        <Outlet />
      </main>
    </HubProvider>
  );
}

/** Removed from a team while looking at one of its pages: go back to the portfolio at once. */
function LeaveWhenRemoved() {
  const location = useLocation();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  useHubEvent("access:revoked", ({ accountId }) => {
    // An open document stays: it says why it stopped saving and keeps unsent edits on screen.
    const documentPath = location.pathname.slice(`/accounts/${accountId}/docs/`.length);
    if (location.pathname.startsWith(`/accounts/${accountId}/docs/`) && !documentPath.includes("/")) return;
    if (location.pathname.startsWith(`/accounts/${accountId}`)) navigate("/accounts", { replace: true });
    else revalidator.revalidate();
  });
  return null;
}
