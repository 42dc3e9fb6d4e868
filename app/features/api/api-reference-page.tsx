import { useId, useState } from "react";
import { useT } from "~/i18n/i18n";
import type { ReferenceOperation } from "./reference";
import { TryIt } from "./try-it";

function Operation({ operation, token }: { operation: ReferenceOperation; token: string }) {
  const t = useT();
  return (
    <details className="api-ref__op" id={operation.operationId}>
      <summary>
        <span className={`api-ref__method api-ref__method--${operation.method.toLowerCase()}`}>{operation.method}</span>
        <code className="api-ref__path">{operation.path}</code>
        <span className="api-ref__summary">{operation.summary}</span>
      </summary>
      <div className="api-ref__body">
        <p className="api-ref__id">
          <code>{operation.operationId}</code>
        </p>
        {operation.description ? <p>{operation.description}</p> : null}
        {operation.parameters.length > 0 ? (
          <>
            <h4>{t("api.reference.parameters")}</h4>
            <div className="api-ref__scroll">
              <table className="api-ref__table">
                <thead>
                  <tr>
                    <th scope="col">{t("api.reference.name")}</th>
                    <th scope="col">{t("api.reference.in")}</th>
                    <th scope="col">{t("api.reference.required")}</th>
                    <th scope="col">{t("api.reference.schema")}</th>
                  </tr>
                </thead>
                <tbody>
                  {operation.parameters.map((parameter) => (
                    <tr key={`${parameter.in}.${parameter.name}`}>
                      <td>
                        <code>{parameter.name}</code>
                      </td>
                      <td>{parameter.in}</td>
                      <td>{parameter.required ? t("api.reference.yes") : t("api.reference.no")}</td>
                      <td>
                        <code>{parameter.schema}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
        {operation.requestBody ? (
          <>
            <h4>{t("api.reference.requestBody")}</h4>
            <pre className="api-ref__code">{operation.requestBody}</pre>
          </>
        ) : null}
        <h4>{t("api.reference.responses")}</h4>
        <ul className="api-ref__responses">
          {operation.responses.map((response) => (
            <li key={response.status}>
              <strong>{response.status}</strong> {response.description}
              {response.schema ? (
                <details>
                  <summary>{t("api.reference.schema")}</summary>
                  <pre className="api-ref__code">{response.schema}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        <h4>{t("api.reference.tryIt")}</h4>
        <TryIt operation={operation} token={token} />
      </div>
    </details>
  );
}

/** /api/v1/docs: every operation of the API by tag, from the OpenAPI document, each with a "Try it" form. */
export function ApiReferencePage({ operations }: { operations: ReferenceOperation[] }) {
  const t = useT();
  const tokenId = useId();
  const [token, setToken] = useState("");
  const tags = [...new Set(operations.map((operation) => operation.tag))];
  return (
    <main className="api-ref">
      <header className="api-ref__header">
        <h1>{t("api.reference.title")}</h1>
        <p>{t("api.reference.intro")}</p>
        <p>
          <a href="/api/v1/openapi.json">{t("api.reference.openapi")}</a> ·{" "}
          <a href="/accounts">{t("api.reference.back")}</a>
        </p>
        <label className="api-ref__field" htmlFor={tokenId}>
          <span>{t("api.reference.token")}</span>
        </label>
        <input
          id={tokenId}
          className="api-ref__token"
          type="password"
          autoComplete="off"
          placeholder="kr_…"
          aria-describedby={`${tokenId}-hint`}
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        <p id={`${tokenId}-hint`} className="api-ref__hint">
          {t("api.reference.tokenHint")}
        </p>
      </header>
      {tags.map((tag) => (
        <section key={tag} className="api-ref__tag" aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {operations
            .filter((operation) => operation.tag === tag)
            .map((operation) => (
              <Operation key={operation.operationId} operation={operation} token={token} />
            ))}
        </section>
      ))}
    </main>
  );
}
