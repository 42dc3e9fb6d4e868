import "~/common-chunk";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/features/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return redirect("/admin/users");
}

/**
 * A page, not a resource route: someone who is not an admin gets the workspace's
 * refusal page (from the admin layout's loader) instead of a bare "Not found" text.
 */
export default function AdminIndex() {
  return null;
}
