import { useNavigation } from "@remix-run/react";
import { useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { useT } from "~/i18n/i18n";
import { FieldError, fieldErrorProps } from "~/components/field-error";

interface FieldProps {
  /** Unique on the page: the form's prefix plus the field's name. */
  id: string;
  label: string;
  error?: string;
}

export function TextField({ id, label, error, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <input id={id} {...fieldErrorProps(id, error)} {...input} />
      <FieldError fieldId={id} error={error} />
    </label>
  );
}

export function SelectField({
  id,
  label,
  error,
  children,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <select id={id} {...fieldErrorProps(id, error)} {...select}>
        {children}
      </select>
      <FieldError fieldId={id} error={error} />
    </label>
  );
}

/** A form-wide refusal or a success line, announced to screen readers. */
export function FormMessage({ error, done }: { error?: string | null; done?: string | null }) {
  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  return done ? (
    <p className="admin__done" role="status">
      {done}
    </p>
  ) : null;
}

/** Whether the form with this intent (and row) is being submitted. */
export function useSubmitting(intent: string, objectId?: string): boolean {
  const navigation = useNavigation();
  if (navigation.state === "idle" || navigation.formData?.get("intent") !== intent) return false;
  return objectId === undefined || navigation.formData.get("id") === objectId;
}

/**
 * A secret link shown once (an invitation, a password reset): selectable, with a copy button.
 * The admin passes it on by their own channel; the server never shows it again.
 */
export function OneTimeLink({ id, label, url }: { id: string; label: string; url: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <div className="admin__link" role="status">
      <label htmlFor={id}>{label}</label>
      <div className="admin__link-row">
        <input id={id} readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          {copied ? t("admin.link.copied") : t("admin.link.copy")}
        </button>
      </div>
      <p className="muted small">{t("admin.link.once")}</p>
    </div>
  );
}
