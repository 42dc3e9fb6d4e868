import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { noteActor, noteAudit } from "~/features/audit/audit-scope.server";
import { NewPasswordSchema } from "~/features/auth/auth.schema";
import { requestLocale } from "~/features/auth/locale.server";
import { hashPassword } from "~/features/auth/password.server";
import { startSession } from "~/features/auth/session.server";
import { formFields } from "~/utils/form.server";
import { fieldErrorsOf, refuse } from "./admin-form.server";
import { acceptInvitation, openInvitation } from "./invitations.server";
import { completePasswordReset, openPasswordReset } from "./password-resets.server";

/** Unknown, used, revoked and expired links all get this one answer: a link reveals nothing. */
const gone = () => new Response("Not found", { status: 404 });

/** The person a link is for, or the 404. */
export async function loadLinkPage(context: AppLoadContext, kind: "invite" | "reset", token: string) {
  const person =
    kind === "invite" ? await openInvitation(context.db, token) : await openPasswordReset(context.db, token);
  if (!person) throw gone();
  return json({ name: person.name, email: person.email });
}

/** The chosen password, checked and hashed, or the 400 telling what is wrong with it. */
async function chosenPassword(request: Request, intent: string) {
  const locale = await requestLocale(request);
  const parsed = NewPasswordSchema.safeParse(await formFields(request));
  if (!parsed.success) return { refusal: refuse(intent, locale, { fieldErrors: fieldErrorsOf(locale, parsed.error) }) };
  return { passwordHash: await hashPassword(parsed.data.password), locale };
}

/** Accepting an invitation: the new person is created, signed in, and sent to their accounts. */
export async function acceptInvitationAction(request: Request, context: AppLoadContext, token: string) {
  if (!(await openInvitation(context.db, token))) throw gone();
  const chosen = await chosenPassword(request, "accept");
  if ("refusal" in chosen) return chosen.refusal;
  const accepted = await acceptInvitation(context.db, token, chosen.passwordHash);
  if (!accepted.ok && accepted.refused === "gone") throw gone();
  if (!accepted.ok) return refuse("accept", chosen.locale, { error: "admin.users.error.emailTaken" }, 409);
  noteActor({ id: accepted.userId, email: accepted.email });
  noteAudit({ action: "admin.invitation.accept", objectType: "user", objectId: accepted.userId });
  const cookie = await startSession(context, accepted.userId);
  return redirect("/accounts", { headers: { "Set-Cookie": cookie } });
}

/** Using a reset link: the new password is set once; the page then points to sign-in. */
export async function resetPasswordAction(request: Request, context: AppLoadContext, token: string) {
  const person = await openPasswordReset(context.db, token);
  if (!person) throw gone();
  const chosen = await chosenPassword(request, "reset");
  if ("refusal" in chosen) return chosen.refusal;
  const done = await completePasswordReset(context, token, chosen.passwordHash);
  if (!done) throw gone();
  noteActor({ id: done.userId, email: person.email });
  noteAudit({ action: "admin.passwordReset.use", objectType: "user", objectId: done.userId });
  return json({ ok: true as const, intent: "reset" });
}
