import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAccountAccess } from "~/features/auth/guards.server";
import { listActivity } from "~/features/notifications/activity.server";

/** An older page of the account's feed ("Show older" on the account page). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const accountId = params.accountId ?? "";
  await requireAccountAccess(request, context, accountId);
  return json(await listActivity(context.db, accountId, new URL(request.url).searchParams.get("before")));
}
