import type { AppLoadContext } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { SessionUser } from "~/features/auth/session.server";
import { accountAccess } from "~/features/auth/permissions.server";
import { addMember, changeMember, removeMember, TeamChangeError } from "./team.server";
import type { TeamActionReply, TeamIntent } from "./team.schema";

/** Applies a checked team change and answers the page: the reply, a refusal, or away when the lead left. */
export async function handleTeamIntent(
  context: AppLoadContext,
  user: SessionUser,
  accountId: string,
  intent: TeamIntent,
): Promise<Response> {
  try {
    if (intent.intent === "add") await addMember(context, user.id, accountId, intent);
    else if (intent.intent === "change") await changeMember(context, user.id, accountId, intent);
    else await removeMember(context, user.id, accountId, intent.userId);
  } catch (error) {
    if (!(error instanceof TeamChangeError)) throw error;
    return json<TeamActionReply>({ ok: false, error: { code: error.code, message: error.message } }, error.status);
  }
  // A lead who took themselves off the team has nothing left to see here.
  if (intent.userId === user.id && !(await accountAccess(context.db, user, accountId)).canRead) {
    return redirect("/accounts");
  }
  return json<TeamActionReply>({ ok: true, intent: intent.intent, userId: intent.userId });
}
