import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AppHeader } from "~/components/app-header";
import { HubProvider } from "~/hub/hub-context";
import { requireUser } from "~/utils/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return json({ user: { name: user.name, email: user.email, department: user.department } });
}

export default function AccountsLayout() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <HubProvider>
      <AppHeader user={user} />
      <main id="main" className="page">
        <Outlet />
      </main>
    </HubProvider>
  );
}
