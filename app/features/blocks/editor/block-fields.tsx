import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { forwardRef, useImperativeHandle, useLayoutEffect, useRef, type ReactNode } from "react";
import { departmentLabel } from "~/features/team/types";
import { useLocale, useT } from "~/i18n/i18n";
import { useBlockData } from "./block-data";
import { mapCaret } from "./caret";

/** Node views do not re-render on setEditable by themselves: a reader's cards follow the editor's state. */
export function useEditable(editor: Editor): boolean {
  return useEditorState({ editor, selector: ({ editor: e }) => e.isEditable });
}

/** A labelled control; the label wraps it, so clicking the label focuses the control. */
export function Field({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <label className={wide ? "block-field block-field--wide" : "block-field"}>
      <span className="block-field__label">{label}</span>
      {children}
    </label>
  );
}

/** A field as a reader sees it. */
export function ReadField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="block-field">
      <dt className="block-field__label">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The workspace's departments, plus a stored key it no longer has, so a select never silently changes it. */
export function DepartmentSelect({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const { departments } = useBlockData();
  const unknown = value && !departments.some((d) => d.key === value);
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t("blockEditor.field.noDepartment")}</option>
      {departments.map((d) => (
        <option key={d.key} value={d.key}>
          {departmentLabel(d, locale)}
        </option>
      ))}
      {unknown ? <option value={value}>{value}</option> : null}
    </select>
  );
}

/** The department's name and colour (the card's left border) for a stored key. */
export function useDepartment(key: string): { name: string; color: string | undefined } {
  const locale = useLocale();
  const t = useT();
  const department = useBlockData().departments.find((d) => d.key === key);
  if (department) return { name: departmentLabel(department, locale), color: department.color };
  return { name: key || t("blockEditor.field.noDepartment"), color: undefined };
}

/** A number field's value as an attribute: empty is "not set", never zero. */
export function numberOrNull(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The internal section's padlock (an emoji would depend on the reader's fonts). */
export function LockIcon() {
  return (
    <svg
      className="block-lock"
      width="13"
      height="13"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.4}
      aria-hidden="true"
    >
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

interface SharedTextProps {
  value: string;
  onChange: (text: string) => void;
  maxLength: number;
  placeholder?: string;
  /** A textarea of this many rows instead of a one-line input. */
  rows?: number;
}

/**
 * A text field of a shared block. Uncontrolled, so that when someone else's edit arrives the
 * field takes the new text itself and puts the caret back where it was in the words around it;
 * a controlled input would throw this person's caret to the end at every remote keystroke.
 */
export const SharedText = forwardRef<HTMLInputElement | HTMLTextAreaElement, SharedTextProps>(function SharedText(
  { value, onChange, maxLength, placeholder, rows },
  forwarded,
) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useImperativeHandle(forwarded, () => ref.current as HTMLInputElement & HTMLTextAreaElement);
  // While an input method composes (pinyin, say), the field holds letters that are not the text yet:
  // only the composed characters are shared, and someone else's edit waits rather than break the composition.
  const composing = useRef(false);
  useLayoutEffect(() => {
    const field = ref.current;
    if (!field || field.value === value || composing.current) return;
    const focused = field.ownerDocument.activeElement === field;
    const { selectionStart, selectionEnd, value: before } = field;
    field.value = value;
    if (focused && selectionStart !== null && selectionEnd !== null) {
      field.setSelectionRange(mapCaret(before, value, selectionStart), mapCaret(before, value, selectionEnd));
    }
  }, [value]);
  const common = {
    defaultValue: value,
    maxLength,
    placeholder,
    onChange: (event: { target: { value: string } }) => {
      if (!composing.current) onChange(event.target.value);
    },
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: (event: { currentTarget: { value: string } }) => {
      composing.current = false;
      onChange(event.currentTarget.value);
    },
  };
  return rows ? <textarea ref={ref} rows={rows} {...common} /> : <input ref={ref} type="text" {...common} />;
});
