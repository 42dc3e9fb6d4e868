import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/features/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return redirect("/admin/users");
}
