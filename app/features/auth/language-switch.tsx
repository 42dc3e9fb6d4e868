import { Form, useLocation } from "@remix-run/react";
import { LOCALE_NAMES, LOCALES, useLocale, useT, type Locale } from "~/i18n/i18n";

/** What a phone's header has room for; the button's name stays the full one. */
const SHORT_NAMES: Record<Locale, string> = { en: "EN", "zh-CN": "中文" };

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
          {/* The name is the full one; a phone draws the abbreviation (a symbol, hidden
              from screen readers) and keeps the full name for them, so what is read
              and what is shown never disagree (WCAG 2.5.3). */}
          <span className="language-switch__long">{LOCALE_NAMES[locale]}</span>
          <span className="language-switch__short" aria-hidden="true">
            {SHORT_NAMES[locale]}
          </span>
        </button>
      ))}
    </Form>
  );
}
