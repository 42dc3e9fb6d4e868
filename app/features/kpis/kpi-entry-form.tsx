import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useLocale, useT } from "~/i18n/i18n";
import { FieldError } from "~/components/field-error";
import type { KpiUnit } from "~/features/kpis/kpi";
import { kpiValueField, type KpiActionReply, type KpiDefinitionView } from "~/features/kpis/kpi.schema";
import { kpiName } from "./format";

interface Props {
  definitions: KpiDefinitionView[];
  /** Oldest first; the form offers the newest first. */
  quarters: string[];
  values: Record<string, Record<string, number>>;
  reply: KpiActionReply | undefined;
}

/** One quarter's values; picking a quarter fills in what is stored for it, a cleared field removes the value. */
export function KpiEntryForm({ definitions, quarters, values, reply }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const [quarter, setQuarter] = useState(quarters.at(-1) ?? "");
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";
  const failed = reply?.ok === false && reply.intent === "save" ? reply : null;
  const stored = values[quarter] ?? {};
  return (
    <Form method="post" className="kpi-form" preventScrollReset>
      <input type="hidden" name="intent" value="save" />
      <label className="field" htmlFor="kpi-quarter">
        <span>{t("kpis.form.quarter")}</span>
        <select id="kpi-quarter" name="quarter" value={quarter} onChange={(event) => setQuarter(event.target.value)}>
          {[...quarters].reverse().map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <div className="kpi-form__grid">
        {definitions.map((definition) => (
          <KpiValueField
            // A new quarter is a new set of stored values to start from.
            key={`${quarter}:${definition.key}`}
            definition={definition}
            stored={stored[definition.key]}
            error={failed?.fieldErrors[definition.key]}
          />
        ))}
      </div>
      {failed ? (
        <p className="form-error" role="alert">
          {failed.error}
        </p>
      ) : null}
      {reply?.ok && reply.intent === "save" ? (
        <p className="kpi-success" role="status">
          {t("kpis.form.saved", { quarter: reply.quarter, count: reply.saved })}
        </p>
      ) : null}
      <p className="muted small">{t("kpis.form.blankHint")}</p>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("kpis.form.submit")}
      </button>
    </Form>
  );
}

interface KpiValueFieldProps {
  definition: KpiDefinitionView;
  stored: number | undefined;
  error: string | undefined;
}

function KpiValueField({ definition, stored, error }: KpiValueFieldProps) {
  const t = useT();
  const locale = useLocale();
  const id = `kpi-value-${definition.key}`;
  return (
    <label className="field" htmlFor={id}>
      <span>{kpiName(definition, locale)}</span>
      <input
        id={id}
        name={kpiValueField(definition.key)}
        inputMode="decimal"
        autoComplete="off"
        defaultValue={stored ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <span id={`${id}-hint`} className="muted small kpi-form__hint">
        {t(`kpis.unit.${definition.unit as KpiUnit}`)}
      </span>
      <FieldError fieldId={id} error={error} />
    </label>
  );
}
