import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/features/auth/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const cookie = await endSession(request, context);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/accounts");
}
