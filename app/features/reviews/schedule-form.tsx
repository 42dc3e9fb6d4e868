import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { departmentName, type DepartmentOption } from "~/features/action-items/format";
import { FieldError, fieldErrorId, fieldErrorProps } from "~/components/field-error";
import { useLocale, useT } from "~/i18n/i18n";
import { AGENDA_TEMPLATE, REVIEW_LIMITS, type AgendaKind } from "~/features/reviews/review";

export interface TeamOption {
  id: string;
  name: string;
  role: string;
  department: DepartmentOption;
}

export interface AgendaDraft {
  kind: AgendaKind;
  title: string;
  plannedMinutes: number;
}

export interface ScheduleDefaults {
  quarter: string;
  /** ISO time; shown in the browser's time zone. */
  scheduledAt: string;
  attendees: string[];
  agenda: AgendaDraft[];
}

interface Props {
  intent: "schedule" | "update";
  /** Scheduling only: made by the loader, so a retried submit schedules one review. */
  clientId?: string;
  team: TeamOption[];
  quarters: string[];
  defaults: ScheduleDefaults | null;
  errors?: Record<string, string | undefined>;
}

/** A datetime-local field's value: the moment in this browser's time zone. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Next week's same weekday at 10:00 local time. */
function proposedDate(): Date {
  const date = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  date.setHours(10, 0, 0, 0);
  return date;
}

/**
 * Date, quarter, invitees and agenda of a review. The agenda starts from the
 * template (in the reader's language) and every item can be renamed, timed,
 * moved, removed or added to.
 */
export function ScheduleForm({ intent, clientId, team, quarters, defaults, errors = {} }: Props) {
  const t = useT();
  const id = useId();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  // Both filled after hydration: the server cannot know the browser's time zone.
  const [scheduledAt, setScheduledAt] = useState("");
  const [tzOffset, setTzOffset] = useState(0);
  const initialAt = defaults?.scheduledAt;
  useEffect(() => {
    setTzOffset(new Date().getTimezoneOffset());
    setScheduledAt(localInputValue(initialAt ? new Date(initialAt) : proposedDate()));
  }, [initialAt]);

  return (
    <Form method="post" className="review-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="tzOffset" value={tzOffset} />
      {clientId ? <input type="hidden" name="clientId" value={clientId} /> : null}
      <div className="review-form__row">
        <label className="field" htmlFor={`${id}-quarter`}>
          <span>{t("reviews.field.quarter")}</span>
          <select
            id={`${id}-quarter`}
            name="quarter"
            defaultValue={defaults?.quarter ?? quarters.at(-2)}
            {...fieldErrorProps(`${id}-quarter`, errors.quarter)}
          >
            {quarters.map((quarter) => (
              <option key={quarter} value={quarter}>
                {quarter}
              </option>
            ))}
          </select>
          <FieldError fieldId={`${id}-quarter`} error={errors.quarter} />
        </label>
        <label className="field" htmlFor={`${id}-when`}>
          <span>{t("reviews.field.scheduledAt")}</span>
          <input
            id={`${id}-when`}
            name="scheduledAt"
            type="datetime-local"
            required
            value={scheduledAt}
            onChange={(event) => setScheduledAt(event.target.value)}
            {...fieldErrorProps(`${id}-when`, errors.scheduledAt)}
          />
          <FieldError fieldId={`${id}-when`} error={errors.scheduledAt} />
        </label>
      </div>
      <AttendeesFieldset id={id} team={team} invited={defaults?.attendees} error={errors.attendees} />
      <AgendaFieldset id={id} initial={defaults?.agenda} error={errors.agenda} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t(intent === "schedule" ? "reviews.schedule.submit" : "reviews.schedule.update")}
      </button>
    </Form>
  );
}

/** Everyone but viewers is invited unless the review already has its list. */
function AttendeesFieldset({
  id,
  team,
  invited,
  error,
}: {
  id: string;
  team: TeamOption[];
  invited?: string[];
  error?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const checked = new Set(invited ?? team.filter((m) => m.role !== "viewer").map((m) => m.id));
  return (
    <fieldset className="review-form__attendees" {...fieldErrorProps(`${id}-attendees`, error)}>
      <legend>{t("reviews.field.attendees")}</legend>
      <ul>
        {team.map((member) => (
          <li key={member.id}>
            <label>
              <input type="checkbox" name="attendees" value={member.id} defaultChecked={checked.has(member.id)} />
              <span className="dept-dot" style={{ background: member.department.color }} aria-hidden="true" />
              {member.name} <span className="muted small">{departmentName(member.department, locale)}</span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={fieldErrorId(`${id}-attendees`)} className="form-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function AgendaFieldset({ id, initial, error }: { id: string; initial?: AgendaDraft[]; error?: string }) {
  const t = useT();
  const [agenda, setAgenda] = useState<AgendaDraft[]>(
    () => initial ?? AGENDA_TEMPLATE.map((item) => ({ ...item, title: t(`reviews.agenda.${item.kind}`) })),
  );
  const move = (index: number, by: number) =>
    setAgenda((items) => {
      const next = [...items];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  const change = (index: number, patch: Partial<AgendaDraft>) =>
    setAgenda((items) => items.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  return (
    <fieldset className="review-form__agenda" {...fieldErrorProps(`${id}-agenda`, error)}>
      <legend>{t("reviews.field.agenda")}</legend>
      <ol>
        {agenda.map((item, index) => (
          <AgendaItemRow
            key={`${index}-${item.kind}`}
            inputId={`${id}-title-${index}`}
            item={item}
            index={index}
            last={index === agenda.length - 1}
            onChange={(patch) => change(index, patch)}
            onMove={(by) => move(index, by)}
            onRemove={agenda.length === 1 ? null : () => setAgenda((items) => items.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      {agenda.length < REVIEW_LIMITS.maxAgendaItems ? (
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => setAgenda((items) => [...items, { kind: "custom", title: "", plannedMinutes: 10 }])}
        >
          {t("reviews.agenda.add")}
        </button>
      ) : null}
      {error ? (
        <p id={fieldErrorId(`${id}-agenda`)} className="form-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

interface AgendaItemRowProps {
  inputId: string;
  item: AgendaDraft;
  index: number;
  last: boolean;
  onChange: (patch: Partial<AgendaDraft>) => void;
  onMove: (by: number) => void;
  /** Null for the only item: an agenda keeps at least one. */
  onRemove: (() => void) | null;
}

function AgendaItemRow({ inputId, item, index, last, onChange, onMove, onRemove }: AgendaItemRowProps) {
  const t = useT();
  return (
    <li>
      <input type="hidden" name="agendaKind" value={item.kind} />
      <label className="visually-hidden" htmlFor={inputId}>
        {t("reviews.field.itemTitle", { n: index + 1 })}
      </label>
      <input
        id={inputId}
        name="agendaTitle"
        required
        maxLength={120}
        value={item.title}
        onChange={(event) => onChange({ title: event.target.value })}
      />
      <label className="review-form__minutes">
        <input
          name="agendaMinutes"
          type="number"
          min={1}
          max={REVIEW_LIMITS.maxItemMinutes}
          required
          value={item.plannedMinutes}
          onChange={(event) => onChange({ plannedMinutes: Number(event.target.value) })}
        />
        <span>{t("reviews.minutesShort")}</span>
      </label>
      <span className="review-form__item-buttons">
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => onMove(-1)}
          disabled={index === 0}
          aria-label={t("reviews.agenda.moveUp", { title: item.title })}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => onMove(1)}
          disabled={last}
          aria-label={t("reviews.agenda.moveDown", { title: item.title })}
        >
          ↓
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={onRemove ?? undefined}
          disabled={onRemove === null}
          aria-label={t("reviews.agenda.remove", { title: item.title })}
        >
          ✕
        </button>
      </span>
    </li>
  );
}
