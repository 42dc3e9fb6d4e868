import { json, type AppLoadContext } from "@remix-run/node";
import { noteAudit } from "~/features/audit/audit-scope.server";
import type { MessageKey } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { parseOr400, refuse, type adminAction } from "./admin-form.server";
import { createInvitation, revokeInvitation } from "./invitations.server";
import { linkOrigin } from "./one-time-token.server";
import { createPasswordReset } from "./password-resets.server";
import { UsersIntentSchema, type UsersReply } from "./users.schema";
import { deactivateUser, reactivateUser, updateUser, type UserRefusal } from "./users.server";

const USER_REFUSAL: Record<UserRefusal, MessageKey> = {
  self: "admin.users.error.self",
  unknown: "admin.users.error.unknown",
  department: "admin.error.department",
};

/** The people page's forms: invite, revoke an invitation, change, deactivate, reactivate, reset. */
export async function handleUsersIntent(
  request: Request,
  context: AppLoadContext,
  { admin, locale, fields, intent }: Awaited<ReturnType<typeof adminAction>>,
) {
  const parsed = parseOr400(UsersIntentSchema, fields, intent, locale);
  if ("refusal" in parsed) return parsed.refusal;
  const input = parsed.data;
  const ok = (extra: { inviteUrl?: string; resetUrl?: string; id: string }) =>
    json<UsersReply>({ ok: true, intent: input.intent, ...extra });
  switch (input.intent) {
    case "invite": {
      const made = await createInvitation(context.db, admin.id, input);
      if (!made.ok) {
        const field = made.refused === "emailTaken" ? "email" : "department";
        const key = made.refused === "emailTaken" ? "admin.users.error.emailTaken" : "admin.error.department";
        return refuse(input.intent, locale, { fieldErrors: { [field]: translate(locale, key) } });
      }
      noteAudit({
        action: "admin.users.invite",
        objectType: "invitation",
        objectId: made.id,
        detail: { email: input.email },
      });
      return ok({ id: made.id, inviteUrl: `${linkOrigin(request, context.publicUrl)}/invite/${made.token}` });
    }
    case "revokeInvitation": {
      if (!(await revokeInvitation(context.db, input.id))) {
        return refuse(input.intent, locale, { error: "admin.users.error.invitationGone", objectId: input.id }, 404);
      }
      noteAudit({ action: "admin.users.revokeInvitation", objectType: "invitation", objectId: input.id });
      return ok({ id: input.id });
    }
    case "resetPassword": {
      const reset = await createPasswordReset(context, admin.id, input.id);
      if (!reset) return refuse(input.intent, locale, { error: "admin.users.error.unknown", objectId: input.id }, 404);
      noteAudit({ action: "admin.users.resetPassword", objectType: "user", objectId: input.id });
      return ok({ id: input.id, resetUrl: `${linkOrigin(request, context.publicUrl)}/reset/${reset.token}` });
    }
    case "deactivate":
    case "reactivate":
    case "update": {
      const refused =
        input.intent === "deactivate"
          ? await deactivateUser(context, admin.id, input.id)
          : input.intent === "reactivate"
            ? await reactivateUser(context.db, input.id)
            : await updateUser(context, admin.id, input.id, input);
      if (refused) {
        return refuse(
          input.intent,
          locale,
          { error: USER_REFUSAL[refused], objectId: input.id },
          refused === "unknown" ? 404 : 400,
        );
      }
      noteAudit({ action: `admin.users.${input.intent}`, objectType: "user", objectId: input.id });
      return ok({ id: input.id });
    }
  }
}
