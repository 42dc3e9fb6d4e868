import { useFetcher } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { COMMON_CURRENCIES } from "~/shared/currency";

type CurrencyReply = { ok: true; currency: string } | { ok: false; fieldErrors: { currency: string } };

/** The lead picks the currency the account's money figures (revenue KPIs) are shown in. */
export function CurrencyForm({ currency }: { currency: string }) {
  const t = useT();
  const fetcher = useFetcher<CurrencyReply>();
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.fieldErrors.currency : undefined;
  return (
    <fetcher.Form method="post" className="stage-form currency-form">
      <input type="hidden" name="intent" value="set-currency" />
      <label className="field" htmlFor="account-currency">
        <span>{t("account.currency.label")}</span>
        <input
          id="account-currency"
          name="currency"
          defaultValue={currency}
          list="account-currency-options"
          required
          maxLength={3}
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "account-currency-error" : "account-currency-help"}
        />
        <datalist id="account-currency-options">
          {COMMON_CURRENCIES.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
      </label>
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {t("account.currency.save")}
      </button>
      <p id="account-currency-help" className="muted small">
        {t("account.currency.help")}
      </p>
      {error ? (
        <p id="account-currency-error" className="form-error" role="alert">
          {error}
        </p>
      ) : fetcher.data?.ok ? (
        <p className="muted small" role="status">
          {t("account.currency.saved", { currency: fetcher.data.currency })}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
