import { createCookie } from "@remix-run/node";
import { isLocale, localeFromAcceptLanguage, type Locale } from "~/i18n/i18n";

/** Language choice before sign-in; signed-in users keep theirs on their profile. */
export const localeCookie = createCookie("locale", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

export async function requestLocale(request: Request, userLocale?: string): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
