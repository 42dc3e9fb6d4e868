import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession, getUser } from "~/features/auth/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  // Read first so the audit log names who signed out.
  await getUser(request, context);
  const cookie = await endSession(request, context);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/accounts");
}
