import "~/common-chunk";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { LanguageSwitch } from "~/features/auth/language-switch";
import { useT } from "~/i18n/i18n";
import { verifyLogin } from "~/features/auth/user.server";
import { LoginSchema, safeRedirect } from "~/features/auth/auth.schema";
import { getUser, startSession } from "~/features/auth/session.server";
import { noteActor } from "~/features/audit/audit-scope.server";
import { formFields } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Keyroom" }];

// A document POST takes its headers from here: keep the throttle's Retry-After on the 429 page.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  if (user) throw redirect("/accounts");
  // The hint is for the seeded demo workspace only, never a real one.
  const demo = await context.db.user.count({ where: { email: { endsWith: "@demo.keyroom" } } });
  return json({ showDemoHint: demo > 0 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await formFields(request);
  const parsed = LoginSchema.safeParse(form);
  if (!parsed.success) {
    return json({ error: "login.invalidInput" as const, email: String(form.email ?? "") }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const address = context.requestFacts?.clientAddress ?? "unknown";
  const wait = context.signIns.retryAfter(email, address);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    return json(
      { error: "login.throttled" as const, email, minutes },
      { status: 429, headers: { "Retry-After": String(Math.ceil(wait / 1000)) } },
    );
  }
  const user = await verifyLogin(context.db, email, password);
  if (!user) {
    context.signIns.failed(email, address);
    return json({ error: "login.invalid" as const, email }, { status: 400 });
  }
  context.signIns.succeeded(email);
  noteActor({ id: user.id, email });
  const cookie = await startSession(context, user.id);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const t = useT();
  const { showDemoHint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  return (
    <main className="login">
      <div className="login__card">
        <div className="login__brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <h1>{t("login.title")}</h1>
            <p className="muted">{t("app.tagline")}</p>
          </div>
        </div>
        <Form method="post" className="stack">
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <label className="field">
            <span>{t("login.email")}</span>
            <input
              name="email"
              type="email"
              autoComplete="username"
              required
              autoFocus
              defaultValue={actionData?.email}
              aria-invalid={actionData ? true : undefined}
              aria-describedby={actionData ? "login-error" : undefined}
            />
          </label>
          <label className="field">
            <span>{t("login.password")}</span>
            <input name="password" type="password" autoComplete="current-password" required />
          </label>
          {actionData ? (
            <p id="login-error" className="form-error" role="alert">
              {actionData.error === "login.throttled"
                ? t(actionData.error, { minutes: actionData.minutes })
                : t(actionData.error)}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? t("login.submitting") : t("login.submit")}
          </button>
        </Form>
        {showDemoHint ? <p className="login__hint">{t("login.demoHint")}</p> : null}
        <LanguageSwitch />
      </div>
    </main>
  );
}
