import { NodeViewWrapper, type NodeViewProps } from "@tiptap/react";
import { useEffect, useRef, type CSSProperties } from "react";
import { RIGHT_DIRECTIONS, rightStatus, type RightDirection } from "~/features/blocks/blocks";
import { formatKpiValue, kpiName } from "~/features/kpis/format";
import { useLocale, useT } from "~/i18n/i18n";
import { takeFocusRequest } from "./block-commands";
import { useBlockData } from "./block-data";
import {
  DepartmentSelect,
  Field,
  numberOrNull,
  ReadField,
  SharedText,
  useDepartment,
  useEditable,
} from "./block-fields";

interface RightNodeAttrs {
  blockId: string | null;
  situation: string;
  right: string;
  department: string;
  kpi: string | null;
  threshold: number | null;
  direction: string;
}

const DIRECTION_SIGN: Record<RightDirection, string> = { at_least: "≥", at_most: "≤" };

/** A customer right as a card: when it applies, what the customer may expect, and whether the KPI says it is kept. */
export function RightView({ node, editor, updateAttributes }: NodeViewProps) {
  const t = useT();
  const attrs = node.attrs as RightNodeAttrs;
  const editable = useEditable(editor);
  const department = useDepartment(attrs.department);
  return (
    <NodeViewWrapper
      className="block-card block-card--right"
      role="group"
      id={attrs.blockId ? `block-${attrs.blockId}` : undefined}
      data-block-id={attrs.blockId ?? undefined}
      aria-label={t("blockEditor.right.label", { right: attrs.right.trim() || "…" })}
      tabIndex={editable ? undefined : -1}
      contentEditable={false}
      style={{ "--block-color": department.color } as CSSProperties}
    >
      <div className="block-card__head">
        <span className="block-card__kind">{t("blockEditor.right.kind")}</span>
        <RightBadge attrs={attrs} />
      </div>
      {editable ? (
        <>
          <RightControls attrs={attrs} update={updateAttributes} editor={editor} />
          {/* Paper shows the fields as text, not as controls. */}
          <div className="block-card__print" aria-hidden="true">
            <RightSummary attrs={attrs} department={department.name} />
          </div>
        </>
      ) : (
        <RightSummary attrs={attrs} department={department.name} />
      )}
    </NodeViewWrapper>
  );
}

function RightControls({
  attrs,
  update,
  editor,
}: {
  attrs: RightNodeAttrs;
  update: NodeViewProps["updateAttributes"];
  editor: NodeViewProps["editor"];
}) {
  const t = useT();
  const locale = useLocale();
  const { kpis } = useBlockData();
  const situationRef = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  useEffect(() => {
    if (takeFocusRequest(editor, attrs.blockId)) situationRef.current?.focus();
  }, [editor, attrs.blockId]);
  const unknownKpi = attrs.kpi && !kpis.some((k) => k.key === attrs.kpi);
  return (
    <div className="block-card__fields block-card__controls">
      <Field label={t("blockEditor.field.situation")} wide>
        <SharedText
          ref={situationRef}
          rows={2}
          maxLength={300}
          value={attrs.situation}
          onChange={(situation) => update({ situation })}
        />
      </Field>
      <Field label={t("blockEditor.field.right")} wide>
        <SharedText rows={2} maxLength={500} value={attrs.right} onChange={(right) => update({ right })} />
      </Field>
      <Field label={t("blockEditor.field.department")}>
        <DepartmentSelect value={attrs.department} onChange={(department) => update({ department })} />
      </Field>
      <Field label={t("blockEditor.field.kpi")}>
        <select value={attrs.kpi ?? ""} onChange={(event) => update({ kpi: event.target.value || null })}>
          <option value="">{t("blockEditor.field.noKpi")}</option>
          {kpis.map((k) => (
            <option key={k.key} value={k.key}>
              {kpiName(k, locale)}
            </option>
          ))}
          {unknownKpi ? <option value={attrs.kpi ?? ""}>{attrs.kpi}</option> : null}
        </select>
      </Field>
      <Field label={t("blockEditor.field.direction")}>
        <select value={attrs.direction} onChange={(event) => update({ direction: event.target.value })}>
          {RIGHT_DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {t(`blockEditor.direction.${d}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("blockEditor.field.threshold")}>
        <input
          type="number"
          step="any"
          inputMode="decimal"
          value={attrs.threshold ?? ""}
          onChange={(event) => update({ threshold: numberOrNull(event.target.value) })}
        />
      </Field>
    </div>
  );
}

function RightSummary({ attrs, department }: { attrs: RightNodeAttrs; department: string }) {
  const t = useT();
  const locale = useLocale();
  const kpi = useBlockData().kpis.find((k) => k.key === attrs.kpi);
  const sign = DIRECTION_SIGN[attrs.direction as RightDirection] ?? "";
  return (
    <>
      {attrs.situation ? <p className="block-card__situation">{attrs.situation}</p> : null}
      <p className="block-card__title">{attrs.right || "…"}</p>
      <dl className="block-card__fields">
        <ReadField label={t("blockEditor.field.department")}>{department}</ReadField>
        <ReadField label={t("blockEditor.field.kpi")}>
          {attrs.kpi
            ? `${kpi ? kpiName(kpi, locale) : attrs.kpi} ${sign} ${
                attrs.threshold === null ? "—" : formatKpiValue(attrs.threshold, kpi?.unit ?? "count", locale)
              }`
            : t("blockEditor.field.noKpi")}
        </ReadField>
      </dl>
    </>
  );
}

/** Kept, at risk, broken or not measured, from the account's latest value of the right's KPI. */
function RightBadge({ attrs }: { attrs: RightNodeAttrs }) {
  const t = useT();
  const locale = useLocale();
  const { kpis, latestKpis } = useBlockData();
  const latest = attrs.kpi ? latestKpis[attrs.kpi] : undefined;
  const direction = (RIGHT_DIRECTIONS as readonly string[]).includes(attrs.direction)
    ? (attrs.direction as RightDirection)
    : "at_least";
  const status = rightStatus({ kpi: attrs.kpi, threshold: attrs.threshold, direction }, latest?.value);
  const unit = kpis.find((k) => k.key === attrs.kpi)?.unit ?? "count";
  return (
    <span className="block-badge-line">
      <span className={`block-badge block-badge--${status}`} data-right-status={status}>
        {t(`blockEditor.rightStatus.${status}`)}
      </span>
      {latest && status !== "not_measured" ? (
        <span className="block-badge-line__detail">
          {t("blockEditor.rightStatus.latest", {
            value: formatKpiValue(latest.value, unit, locale),
            quarter: latest.quarter,
          })}
        </span>
      ) : null}
    </span>
  );
}
