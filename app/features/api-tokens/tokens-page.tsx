import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatDateTime } from "~/components/format-when";
import { useWhen } from "~/components/relative-time";
import { useLocale, useT } from "~/i18n/i18n";
import { FieldError, fieldErrorProps } from "~/components/field-error";
import { TOKEN_EXPIRY_DAYS, type TokenView } from "./api-token.schema";

interface Reply {
  ok: boolean;
  token: { id: string; value: string; name: string } | null;
  errors: Record<string, string>;
}

/**
 * The signed-in person's API tokens: make one (its value is shown this once),
 * see when each was last used, revoke. A token acts as its owner and never as more.
 */
export function TokensPage({ tokens, reply }: { tokens: TokenView[]; reply: Reply | null }) {
  const t = useT();
  const locale = useLocale();
  const when = useWhen();
  const busy = useNavigation().state === "submitting";
  const created = useRef<HTMLInputElement>(null);
  useEffect(() => created.current?.select(), [reply?.token?.id]);
  const errors = reply?.errors ?? {};
  return (
    <section className="card tokens" aria-labelledby="tokens-heading">
      <h1 id="tokens-heading">{t("api.tokens.title")}</h1>
      <p>{t("api.tokens.intro")}</p>
      <p className="small">
        <a href="/api/v1/docs">{t("api.tokens.reference")}</a> ·{" "}
        <a href="/api/v1/openapi.json">{t("api.tokens.openapi")}</a>
      </p>

      {reply?.token ? (
        <div className="tokens__created" role="status">
          <label htmlFor="new-token">{t("api.tokens.created", { name: reply.token.name })}</label>
          <input
            id="new-token"
            ref={created}
            readOnly
            value={reply.token.value}
            onFocus={(event) => event.currentTarget.select()}
          />
          <p className="small">{t("api.tokens.createdOnce")}</p>
        </div>
      ) : null}

      <h2>{t("api.tokens.new")}</h2>
      <Form method="post" className="tokens__form" noValidate>
        <input type="hidden" name="intent" value="create" />
        <label className="tokens__field">
          <span>{t("api.tokens.name")}</span>
          <input
            id="token-name"
            name="name"
            required
            maxLength={60}
            autoComplete="off"
            {...fieldErrorProps("token-name", errors.name)}
          />
          <FieldError fieldId="token-name" error={errors.name} />
        </label>
        <label className="tokens__field">
          <span>{t("api.tokens.scope")}</span>
          <select name="scope" defaultValue="read">
            <option value="read">{t("api.tokens.scope.read")}</option>
            <option value="write">{t("api.tokens.scope.write")}</option>
          </select>
        </label>
        <label className="tokens__field">
          <span>{t("api.tokens.expires")}</span>
          <select name="expiresInDays" defaultValue="90">
            {TOKEN_EXPIRY_DAYS.map((days) => (
              <option key={days} value={days}>
                {t("api.tokens.days", { count: days })}
              </option>
            ))}
            <option value="">{t("api.tokens.never")}</option>
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("api.tokens.create")}
        </button>
      </Form>

      <h2>{t("api.tokens.yours")}</h2>
      {tokens.length === 0 ? (
        <p className="empty-state">{t("api.tokens.none")}</p>
      ) : (
        <ul className="tokens__list">
          {tokens.map((token) => (
            <li key={token.id} className={`tokens__item tokens__item--${token.state}`}>
              <div className="tokens__item-main">
                <strong>{token.name}</strong> <code>{token.prefix}…</code>{" "}
                <span className="badge">
                  {t(token.scope === "write" ? "api.tokens.scope.write" : "api.tokens.scope.read")}
                </span>
                {token.state !== "live" ? (
                  <span className="badge tokens__state">
                    {t(token.state === "revoked" ? "api.tokens.revoked" : "api.tokens.expired")}
                  </span>
                ) : null}
              </div>
              <div className="small muted">
                {t("api.tokens.createdAt", { when: formatDateTime(token.createdAt, locale) })} ·{" "}
                {token.expiresAt
                  ? t("api.tokens.expiresAt", { when: formatDateTime(token.expiresAt, locale) })
                  : t("api.tokens.noExpiry")}{" "}
                ·{" "}
                {token.lastUsedAt
                  ? t("api.tokens.lastUsed", { when: when(token.lastUsedAt) })
                  : t("api.tokens.neverUsed")}
              </div>
              {token.state === "live" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="tokenId" value={token.id} />
                  <button
                    type="submit"
                    className="button button--ghost"
                    disabled={busy}
                    aria-label={t("api.tokens.revokeNamed", { name: token.name })}
                  >
                    {t("api.tokens.revoke")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
