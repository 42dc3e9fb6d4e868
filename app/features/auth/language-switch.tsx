import { Form, useLocation } from "@remix-run/react";
import { LOCALE_NAMES, LOCALES, useLocale, useT } from "~/i18n/i18n";

/** Buttons, not a select: one keypress or click switches, and it works without JavaScript. */
export function LanguageSwitch() {
  const t = useT();
  const current = useLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/settings/locale" className="language-switch" aria-label={t("nav.language")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          className="language-switch__option"
          aria-pressed={locale === current}
          lang={locale}
        >
          {LOCALE_NAMES[locale]}
        </button>
      ))}
    </Form>
  );
}
