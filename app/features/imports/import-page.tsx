import { Form, useNavigation } from "@remix-run/react";
import { useLocale, useT, type MessageKey, type Translate } from "~/i18n/i18n";
import {
  ACCOUNT_CSV_COLUMNS,
  ACCOUNT_IMPORT_LIMITS,
  ALLOWED_VALUES,
  REQUIRED_COLUMNS,
  type ImportPreview,
  type ImportProblem,
  type ImportReply,
} from "./account-import";

const VALUE_LABEL = { tier: "tier", ladder_stage: "ladder", lifecycle_stage: "lifecycle" } as const;

function problemText(t: Translate, problem: ImportProblem): string {
  return t(`integrations.import.error.${problem.key}` as MessageKey, problem.vars);
}

/** Account CSV import: the accepted columns, a sample, the upload, then a preview of every row before anything is written. */
export function ImportPage({ reply }: { reply: ImportReply | null }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="imports" aria-labelledby="import-heading">
      <h2 id="import-heading">{t("integrations.import.title")}</h2>
      <p>{t("integrations.import.intro", { max: ACCOUNT_IMPORT_LIMITS.maxRows })}</p>
      <Columns />
      <p>
        <a href="/admin/import/sample.csv" download className="button">
          {t("integrations.import.sample")}
        </a>
      </p>
      {reply?.intent === "commit" && reply.preview === null ? (
        <p role="status" className="imports__done">
          {t("integrations.import.created", { count: reply.created })}
        </p>
      ) : null}
      {reply?.intent === "invalid" ? (
        <p role="alert" className="form-error">
          {t("integrations.import.error.noFile")}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="imports__upload card">
        <input type="hidden" name="intent" value="preview" />
        <label className="field" htmlFor="import-file">
          <span>{t("integrations.import.file")}</span>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("integrations.import.preview")}
        </button>
      </Form>
      {reply?.preview ? <Preview preview={reply.preview} csv={reply.csv ?? ""} /> : null}
    </section>
  );
}

function Columns() {
  const t = useT();
  const required: readonly string[] = REQUIRED_COLUMNS;
  return (
    <div className="imports__table" role="region" aria-label={t("integrations.import.columns")} tabIndex={0}>
      <table>
        <caption>{t("integrations.import.columns")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("integrations.import.col.column")}</th>
            <th scope="col">{t("integrations.import.col.accepts")}</th>
          </tr>
        </thead>
        <tbody>
          {ACCOUNT_CSV_COLUMNS.map((column) => (
            <tr key={column}>
              <th scope="row">
                <code>{column}</code>{" "}
                <span className="small muted">
                  {t(required.includes(column) ? "integrations.import.required" : "integrations.import.optional")}
                </span>
              </th>
              <td>
                {column in ALLOWED_VALUES
                  ? ALLOWED_VALUES[column as keyof typeof ALLOWED_VALUES].map((value) => (
                      <span key={value} className="imports__value">
                        <code>{value}</code> (
                        {t(`${VALUE_LABEL[column as keyof typeof VALUE_LABEL]}.${value}` as MessageKey)})
                      </span>
                    ))
                  : t(`integrations.import.accepts.${column}` as MessageKey)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ preview, csv }: { preview: ImportPreview; csv: string }) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const withErrors = preview.rows.filter((row) => row.errors.length > 0).length;
  const count = new Intl.NumberFormat(locale);
  return (
    <section className="imports__preview" aria-labelledby="import-preview-heading">
      <h3 id="import-preview-heading">{t("integrations.import.previewTitle")}</h3>
      {preview.fileErrors.length > 0 ? (
        <ul role="alert" className="form-error" data-file-errors={preview.fileErrors.length}>
          {preview.fileErrors.map((problem, index) => (
            <li key={index}>{problemText(t, problem)}</li>
          ))}
        </ul>
      ) : null}
      {preview.rows.length > 0 ? (
        <p>{t("integrations.import.summary", { rows: count.format(preview.rows.length), errors: withErrors })}</p>
      ) : null}
      {preview.ready ? (
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" name="csv" value={csv} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("integrations.import.commit", { count: preview.rows.length })}
          </button>
        </Form>
      ) : preview.rows.length > 0 ? (
        <p className="small">{t("integrations.import.fixAndRetry")}</p>
      ) : null}
      {preview.rows.length > 0 ? (
        <div className="imports__table" role="region" aria-label={t("integrations.import.previewTitle")} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("integrations.import.col.line")}</th>
                {ACCOUNT_CSV_COLUMNS.map((column) => (
                  <th scope="col" key={column}>
                    <code>{column}</code>
                  </th>
                ))}
                <th scope="col">{t("integrations.import.col.problems")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr
                  key={row.line}
                  data-row-errors={row.errors.length}
                  className={row.errors.length ? "imports__bad" : ""}
                >
                  <th scope="row">{row.line}</th>
                  {ACCOUNT_CSV_COLUMNS.map((column) => (
                    <td key={column} aria-invalid={row.errors.some((e) => e.column === column) || undefined}>
                      {row.values[column]}
                    </td>
                  ))}
                  <td>
                    {row.errors.length === 0 ? (
                      <span className="imports__ok">{t("integrations.import.rowOk")}</span>
                    ) : (
                      <ul>
                        {row.errors.map((problem, index) => (
                          <li key={index}>{problemText(t, problem)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
