import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from "@tiptap/react";
import { useEffect, useRef, type CSSProperties } from "react";
import { CURRENCIES, GOAL_TYPES, INITIATIVE_STATUSES } from "~/features/blocks/blocks";
import { numberFormat } from "~/components/intl";
import { useLocale, useT } from "~/i18n/i18n";
import { currentQuarter, quarterOptions, takeFocusRequest } from "./block-commands";
import {
  DepartmentSelect,
  Field,
  numberOrNull,
  ReadField,
  SharedText,
  useDepartment,
  useEditable,
} from "./block-fields";

/** An initiative's attributes as they sit in the node: anything a client wrote, checked only on extraction. */
interface InitiativeNodeAttrs {
  blockId: string | null;
  title: string;
  startQuarter: string | null;
  endQuarter: string | null;
  department: string;
  budget: number | null;
  currency: string;
  status: string;
  goal: string;
}

/**
 * An initiative as a card: its fields as controls, each writing only its own attribute (so
 * two people editing two fields both keep theirs), and its free text below.
 */
export function InitiativeView({ node, editor, updateAttributes, getPos }: NodeViewProps) {
  const t = useT();
  const attrs = node.attrs as InitiativeNodeAttrs;
  const editable = useEditable(editor);
  const department = useDepartment(attrs.department);
  const title = attrs.title.trim() || t("blockEditor.initiative.untitled");
  return (
    <NodeViewWrapper
      className={
        attrs.goal === "internal"
          ? "block-card block-card--initiative block-card--internal-goal"
          : "block-card block-card--initiative"
      }
      role="group"
      id={attrs.blockId ? `block-${attrs.blockId}` : undefined}
      data-block-id={attrs.blockId ?? undefined}
      aria-label={t("blockEditor.initiative.label", { title })}
      tabIndex={editable ? undefined : -1}
      style={{ "--block-color": department.color } as CSSProperties}
    >
      <div className="block-card__head" contentEditable={false}>
        <span className="block-card__kind">{t("blockEditor.initiative.kind")}</span>
        {editable ? (
          <>
            <InitiativeControls
              attrs={attrs}
              update={updateAttributes}
              editor={editor}
              toText={() => focusText(editor, getPos(), node.content.size === 0)}
            />
            {/* Paper shows the fields as text, not as controls. */}
            <div className="block-card__print" aria-hidden="true">
              <InitiativeSummary attrs={attrs} title={title} department={department.name} />
            </div>
          </>
        ) : (
          <InitiativeSummary attrs={attrs} title={title} department={department.name} />
        )}
      </div>
      <NodeViewContent className="block-card__text" />
    </NodeViewWrapper>
  );
}

/** Puts the caret at the start of the initiative's free text, giving it a paragraph if it has none. */
function focusText(editor: NodeViewProps["editor"], pos: number | undefined, empty: boolean): void {
  if (pos === undefined) return;
  const chain = editor.chain();
  if (empty) chain.insertContentAt(pos + 1, { type: "paragraph" });
  chain.focus(pos + 2, { scrollIntoView: false }).run();
  // TipTap moves DOM focus a frame later: a key typed right after Tab would land in the
  // field just left. The selection is set by now, so the text takes focus at once.
  editor.view.focus();
}

function InitiativeControls({
  attrs,
  update,
  editor,
  toText,
}: {
  attrs: InitiativeNodeAttrs;
  update: NodeViewProps["updateAttributes"];
  editor: NodeViewProps["editor"];
  toText: () => void;
}) {
  const t = useT();
  const titleRef = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  useEffect(() => {
    if (takeFocusRequest(editor, attrs.blockId)) titleRef.current?.focus();
  }, [editor, attrs.blockId]);
  const start = attrs.startQuarter ?? currentQuarter();
  const quarters = quarterOptions(attrs.startQuarter);
  return (
    <div
      className="block-card__fields block-card__controls"
      onKeyDown={(event) => {
        // Tab from the last field goes on to the free text below, as reading order says.
        if (event.key !== "Tab" || event.shiftKey) return;
        const controls = event.currentTarget.querySelectorAll("input, select, textarea");
        if (event.target !== controls[controls.length - 1]) return;
        event.preventDefault();
        toText();
      }}
    >
      <Field label={t("blockEditor.field.title")} wide>
        <SharedText
          ref={titleRef}
          value={attrs.title}
          maxLength={200}
          placeholder={t("blockEditor.initiative.untitled")}
          onChange={(title) => update({ title })}
        />
      </Field>
      <Field label={t("blockEditor.field.startQuarter")}>
        <select
          value={start}
          onChange={(event) => {
            const next = event.target.value;
            // An end before the new start would make the initiative invalid: it moves along.
            update(
              attrs.endQuarter && attrs.endQuarter < next
                ? { startQuarter: next, endQuarter: next }
                : { startQuarter: next },
            );
          }}
        >
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("blockEditor.field.endQuarter")}>
        <select value={attrs.endQuarter ?? ""} onChange={(event) => update({ endQuarter: event.target.value || null })}>
          <option value="">{t("blockEditor.field.sameQuarter")}</option>
          {quarterOptions(attrs.endQuarter)
            .filter((q) => q >= start || q === attrs.endQuarter)
            .map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
        </select>
      </Field>
      <Field label={t("blockEditor.field.department")}>
        <DepartmentSelect value={attrs.department} onChange={(department) => update({ department })} />
      </Field>
      <Field label={t("blockEditor.field.budget")}>
        <input
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={attrs.budget ?? ""}
          onChange={(event) => update({ budget: numberOrNull(event.target.value) })}
        />
      </Field>
      <Field label={t("blockEditor.field.currency")}>
        <select value={attrs.currency} onChange={(event) => update({ currency: event.target.value })}>
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("blockEditor.field.status")}>
        <select value={attrs.status} onChange={(event) => update({ status: event.target.value })}>
          {INITIATIVE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`blocks.status.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("blockEditor.field.goal")}>
        <select value={attrs.goal} onChange={(event) => update({ goal: event.target.value })}>
          {GOAL_TYPES.map((g) => (
            <option key={g} value={g}>
              {t(`blocks.goal.${g}`)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function InitiativeSummary({
  attrs,
  title,
  department,
}: {
  attrs: InitiativeNodeAttrs;
  title: string;
  department: string;
}) {
  const t = useT();
  const locale = useLocale();
  const quarters =
    attrs.endQuarter && attrs.endQuarter !== attrs.startQuarter
      ? t("blockEditor.quarterRange", { start: attrs.startQuarter ?? "", end: attrs.endQuarter })
      : (attrs.startQuarter ?? "—");
  const isStatus = (INITIATIVE_STATUSES as readonly string[]).includes(attrs.status);
  const isGoal = (GOAL_TYPES as readonly string[]).includes(attrs.goal);
  return (
    <>
      <h3 className="block-card__title">{title}</h3>
      <dl className="block-card__fields">
        <ReadField label={t("blockEditor.field.quarters")}>{quarters}</ReadField>
        <ReadField label={t("blockEditor.field.department")}>{department}</ReadField>
        <ReadField label={t("blockEditor.field.budget")}>
          {attrs.budget === null ? "—" : formatBudget(attrs.budget, attrs.currency, locale)}
        </ReadField>
        <ReadField label={t("blockEditor.field.status")}>
          <span className={`block-status block-status--${attrs.status}`}>
            {isStatus ? t(`blocks.status.${attrs.status as (typeof INITIATIVE_STATUSES)[number]}`) : attrs.status}
          </span>
        </ReadField>
        <ReadField label={t("blockEditor.field.goal")}>
          {isGoal ? t(`blocks.goal.${attrs.goal as (typeof GOAL_TYPES)[number]}`) : attrs.goal}
        </ReadField>
      </dl>
    </>
  );
}

function formatBudget(budget: number, currency: string, locale: string): string {
  try {
    return numberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(budget);
  } catch {
    // A currency code Intl does not know (written by another client): the number and the code.
    return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(budget)} ${currency}`;
  }
}
