import { useEffect } from "react";

/** The id of a field's error message: what `aria-describedby` points at. */
export const fieldErrorId = (fieldId: string) => `${fieldId}-error`;

/** Attributes tying a control to its error message, when there is one. */
export function fieldErrorProps(fieldId: string, error: string | readonly string[] | null | undefined) {
  return hasError(error) ? { "aria-invalid": true as const, "aria-describedby": fieldErrorId(fieldId) } : {};
}

function hasError(error: string | readonly string[] | null | undefined): boolean {
  return typeof error === "string" ? error.length > 0 : !!error?.length;
}

/**
 * A field's error, read with the field (its id is the field's aria-describedby).
 * When errors appear after a refused submit, the first invalid field of the form
 * takes focus, so a keyboard or screen reader user lands on what to fix.
 */
export function FieldError({
  fieldId,
  error,
}: {
  fieldId: string;
  error: string | readonly string[] | null | undefined;
}) {
  const text = typeof error === "string" ? error : (error ?? []).join(" ");
  useEffect(() => {
    if (!text) return;
    focusFirstInvalid(document.getElementById(fieldId));
  }, [fieldId, text]);
  if (!text) return null;
  return (
    <span id={fieldErrorId(fieldId)} className="form-error">
      {text}
    </span>
  );
}

/** Focuses the form's first invalid control, unless focus is already on one of them. */
function focusFirstInvalid(field: HTMLElement | null): void {
  const form = field?.closest("form");
  if (!form) return;
  const active = document.activeElement;
  if (active instanceof HTMLElement && form.contains(active) && active.closest('[aria-invalid="true"]')) return;
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  // A group (checkboxes, radios) takes no focus itself: its first control does.
  const target = first?.matches("fieldset") ? first.querySelector<HTMLElement>("input, select, textarea") : first;
  target?.focus();
}
