import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NEW_PASSWORD_MAX, NEW_PASSWORD_MIN } from "~/features/auth/auth.schema";
import { useT } from "~/i18n/i18n";
import { FormMessage, TextField } from "./admin-fields";
import type { AdminReply } from "./admin-reply";

/**
 * The page a one-time link opens: an invitation (choose a password, then you are in) or a
 * password reset (choose a new one, then sign in).
 */
export function SetPasswordPage({ kind }: { kind: "invite" | "reset" }) {
  const t = useT();
  const person = useLoaderData<{ name: string; email: string }>();
  const reply = useActionData<AdminReply>();
  const busy = useNavigation().state !== "idle";
  const failed = reply && !reply.ok ? reply : null;
  return (
    <main className="login set-password">
      <div className="login__card">
        <div className="login__brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <h1>{kind === "invite" ? t("admin.accept.title") : t("admin.resetPage.title")}</h1>
            <p className="muted">
              {kind === "invite" ? t("admin.accept.intro", person) : t("admin.resetPage.intro", person)}
            </p>
          </div>
        </div>
        {reply?.ok ? (
          <div className="stack">
            <p role="status">{t("admin.resetPage.done")}</p>
            <Link to="/login" className="button button--primary">
              {t("admin.resetPage.signIn")}
            </Link>
          </div>
        ) : (
          <Form method="post" className="stack">
            {/* Lets password managers file the new password under the right account. */}
            <input type="hidden" name="username" autoComplete="username" value={person.email} />
            <TextField
              id="new-password"
              name="password"
              type="password"
              label={t("admin.accept.password", { min: NEW_PASSWORD_MIN })}
              autoComplete="new-password"
              required
              minLength={NEW_PASSWORD_MIN}
              maxLength={NEW_PASSWORD_MAX}
              autoFocus
              error={failed?.fieldErrors.password}
            />
            <TextField
              id="confirm-password"
              name="confirm"
              type="password"
              label={t("admin.accept.confirm")}
              autoComplete="new-password"
              required
              maxLength={NEW_PASSWORD_MAX}
              error={failed?.fieldErrors.confirm}
            />
            <FormMessage error={failed?.error} />
            <button type="submit" className="button button--primary" disabled={busy}>
              {kind === "invite" ? t("admin.accept.submit") : t("admin.resetPage.submit")}
            </button>
          </Form>
        )}
      </div>
    </main>
  );
}
