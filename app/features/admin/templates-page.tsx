import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatWhen } from "~/components/format-when";
import { DOC_KINDS, type TemplateDocKind } from "~/features/documents/doc-templates";
import { LOCALE_NAMES, LOCALES, useLocale, useT, type Locale } from "~/i18n/i18n";
import { FormMessage, TextField, useSubmitting } from "./admin-fields";
import { refusalFor, type AdminReply } from "./admin-reply";
import { MAX_HEADING } from "./templates.schema";

interface TemplateView {
  kind: TemplateDocKind;
  locale: Locale;
  sections: string[];
  builtIn: string[];
  customised: boolean;
  updatedAt: string | null;
}

/** Templates: the section headings new documents start with, per kind and language. */
export function TemplatesPage() {
  const { template } = useLoaderData<{ template: TemplateView }>();
  const reply = useActionData<AdminReply<{ op: string }>>();
  const t = useT();
  const locale = useLocale();
  const failed = refusalFor(reply, "save");
  const busy = useSubmitting("save");
  const id = `${template.kind}-${template.locale}`;
  return (
    <div className="admin__sections">
      <nav className="card admin__template-picker" aria-label={t("admin.templates.choose")}>
        {DOC_KINDS.map((kind) => (
          <div key={kind} className="admin__template-kind">
            <strong>{t(`admin.templates.kind.${kind}`)}</strong>
            {LOCALES.map((language) => {
              const current = kind === template.kind && language === template.locale;
              return (
                <Link
                  key={language}
                  to={`?kind=${kind}&locale=${language}`}
                  aria-current={current ? "page" : undefined}
                  className={current ? "button button--primary" : "button"}
                >
                  {LOCALE_NAMES[language]}
                </Link>
              );
            })}
          </div>
        ))}
      </nav>
      <section className="card" aria-labelledby="template-heading">
        <h2 id="template-heading">
          {t(`admin.templates.kind.${template.kind}`)} · {LOCALE_NAMES[template.locale]}
        </h2>
        <p className="muted small">
          {template.customised && template.updatedAt
            ? t("admin.templates.customised", { date: formatWhen(template.updatedAt, locale) })
            : t("admin.templates.builtIn")}{" "}
          {t("admin.templates.help")}
        </p>
        {/* Keyed by the saved list: after each step the inputs show what was stored. */}
        <Form method="post" className="admin__form" key={`${id}:${template.sections.join("\u0000")}`}>
          {/* Enter in a heading saves: the first submit button is the form's default, not a move. */}
          <button type="submit" name="op" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="kind" value={template.kind} />
          <input type="hidden" name="locale" value={template.locale} />
          {failed?.fieldErrors.sections ? (
            <p className="form-error" role="alert">
              {failed.fieldErrors.sections}
            </p>
          ) : null}
          <ol className="admin__sections-list">
            {template.sections.map((heading, index) => (
              <li key={`${index}:${heading}`} className="admin__section-item">
                <label className="visually-hidden" htmlFor={`${id}-section-${index}`}>
                  {t("admin.templates.heading", { n: index + 1 })}
                </label>
                <input
                  id={`${id}-section-${index}`}
                  name="sections"
                  defaultValue={heading}
                  required
                  maxLength={MAX_HEADING}
                  lang={template.locale}
                />
                <span className="admin__section-buttons">
                  <button
                    type="submit"
                    name="op"
                    value={`up:${index}`}
                    className="button"
                    disabled={busy || index === 0}
                    aria-label={t("admin.templates.up", { heading })}
                  >
                    ↑
                  </button>
                  <button
                    type="submit"
                    name="op"
                    value={`down:${index}`}
                    className="button"
                    disabled={busy || index === template.sections.length - 1}
                    aria-label={t("admin.templates.down", { heading })}
                  >
                    ↓
                  </button>
                  <button
                    type="submit"
                    name="op"
                    value={`remove:${index}`}
                    className="button"
                    disabled={busy || template.sections.length === 1}
                    aria-label={t("admin.templates.remove", { heading })}
                  >
                    ✕
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <div className="admin__inline-form">
            <TextField
              id={`${id}-new`}
              name="newSection"
              label={t("admin.templates.new")}
              maxLength={MAX_HEADING}
              lang={template.locale}
              error={failed?.fieldErrors.newSection}
            />
            <button type="submit" name="op" value="add" className="button" disabled={busy}>
              {t("admin.templates.add")}
            </button>
          </div>
          <FormMessage
            error={failed?.error}
            done={reply?.ok && reply.intent === "save" ? t("admin.templates.saved") : null}
          />
          <button type="submit" name="op" value="save" className="button button--primary" disabled={busy}>
            {t("admin.templates.save")}
          </button>
        </Form>
        {template.customised ? (
          <Form method="post" className="admin__form">
            <input type="hidden" name="intent" value="reset" />
            <input type="hidden" name="kind" value={template.kind} />
            <input type="hidden" name="locale" value={template.locale} />
            <p className="muted small">
              {t("admin.templates.builtInList", { headings: template.builtIn.join(" · ") })}
            </p>
            <button type="submit" className="button">
              {t("admin.templates.reset")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
