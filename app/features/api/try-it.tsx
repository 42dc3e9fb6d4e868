import { useId, useState } from "react";
import { useT } from "~/i18n/i18n";
import type { ReferenceOperation } from "./reference";

interface Answer {
  status: number;
  text: string;
}

/** The request a filled-in form makes: path parameters put in, query parameters appended. */
function requestUrl(operation: ReferenceOperation, values: Record<string, string>): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[`path.${name}`] ?? ""),
  );
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    const value = values[`query.${parameter.name}`];
    if (parameter.in === "query" && value) query.set(parameter.name, value);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * Sends the operation's request from the browser with the token the reader
 * pasted (kept in this page only, never stored). Same origin, so the page's
 * CSP (connect-src 'self') allows it.
 */
export function TryIt({ operation, token }: { operation: ReferenceOperation; token: string }) {
  const t = useT();
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState("{}");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function send(event: React.FormEvent) {
    event.preventDefault();
    setSending(true);
    setFailed(false);
    try {
      const response = await fetch(requestUrl(operation, values), {
        method: operation.method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token.trim()}` } : {}),
          ...(operation.requestBody ? { "Content-Type": "application/json" } : {}),
        },
        body: operation.requestBody ? body : undefined,
      });
      setAnswer({ status: response.status, text: pretty(await response.text()) });
    } catch {
      setFailed(true);
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="api-ref__try" onSubmit={send} aria-label={t("api.reference.tryIt")}>
      {operation.parameters
        .filter((parameter) => parameter.in === "path" || parameter.in === "query")
        .map((parameter) => {
          const key = `${parameter.in}.${parameter.name}`;
          return (
            <label key={key} className="api-ref__field">
              <span>
                {parameter.name} <small>({parameter.in})</small>
              </span>
              <input
                value={values[key] ?? ""}
                required={parameter.required}
                onChange={(event) => setValues({ ...values, [key]: event.target.value })}
              />
            </label>
          );
        })}
      {operation.requestBody ? (
        <label className="api-ref__field">
          <span>{t("api.reference.body")}</span>
          <textarea rows={5} value={body} onChange={(event) => setBody(event.target.value)} spellCheck={false} />
        </label>
      ) : null}
      <button type="submit" className="button" disabled={sending}>
        {sending ? t("api.reference.sending") : t("api.reference.send")}
      </button>
      <div aria-live="polite" id={`${id}-answer`}>
        {failed ? <p role="alert">{t("api.reference.networkError")}</p> : null}
        {answer ? (
          <>
            <p>{t("api.reference.status", { status: answer.status })}</p>
            <pre className="api-ref__code">{answer.text || t("api.reference.emptyBody")}</pre>
          </>
        ) : null}
      </div>
    </form>
  );
}
