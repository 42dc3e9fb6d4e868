import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setUserLocale } from "~/features/auth/user.server";
import { LocaleSchema, safeRedirect } from "~/features/auth/auth.schema";
import { localeCookie } from "~/features/auth/locale.server";
import { formFields } from "~/utils/form.server";
import { getUser } from "~/features/auth/session.server";

/** Switches the UI language: on the profile when signed in, in a cookie before. */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LocaleSchema.safeParse(await formFields(request));
  if (!parsed.success) return json({ error: "Unknown language" }, { status: 400 });
  const { locale, redirectTo } = parsed.data;
  const user = await getUser(request, context);
  if (user) await setUserLocale(context.db, user.id, locale);
  return redirect(safeRedirect(redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
