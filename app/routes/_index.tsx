import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/features/auth/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  return redirect(user ? "/accounts" : "/login");
}
