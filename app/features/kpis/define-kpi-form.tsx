import { Form, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { FieldError, fieldErrorProps } from "~/components/field-error";
import { KPI_DIRECTIONS, KPI_UNITS } from "~/features/kpis/kpi";
import type { KpiActionReply } from "~/features/kpis/kpi.schema";

/** A key is a code, the same in every language. */
const KEY_EXAMPLE = "ciq";

/** A workspace admin adds a KPI for every account (e.g. CIQ); built-in ones are not edited here. */
export function DefineKpiForm({ reply }: { reply: KpiActionReply | undefined }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "define";
  const failed = reply?.ok === false && reply.intent === "define" ? reply : null;
  const done = reply?.ok && reply.intent === "define" ? reply : null;
  return (
    // A new definition empties the form for the next one.
    <Form method="post" className="kpi-form" preventScrollReset key={done?.key}>
      <input type="hidden" name="intent" value="define" />
      <p className="muted small">{t("kpis.define.help")}</p>
      <KpiDefinitionFields fieldErrors={failed?.fieldErrors ?? {}} />
      {failed && Object.keys(failed.fieldErrors).length === 0 ? (
        <p className="form-error" role="alert">
          {failed.error}
        </p>
      ) : null}
      {done ? (
        <p className="kpi-success" role="status">
          {t("kpis.define.done", { key: done.key })}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {t("kpis.define.submit")}
      </button>
    </Form>
  );
}

/** Key, names, unit, direction, target and weight, each with its own error. */
function KpiDefinitionFields({ fieldErrors }: { fieldErrors: Record<string, string | undefined> }) {
  const t = useT();
  const field = (name: string) => ({
    id: `kpi-define-${name}`,
    name,
    ...fieldErrorProps(`kpi-define-${name}`, fieldErrors[name]),
  });
  const problem = (name: string) => <FieldError fieldId={`kpi-define-${name}`} error={fieldErrors[name]} />;
  return (
    <div className="kpi-form__grid">
      <label className="field" htmlFor="kpi-define-key">
        <span>{t("kpis.define.key")}</span>
        <input {...field("key")} required pattern="[a-z][a-z0-9_]{1,39}" placeholder={KEY_EXAMPLE} autoComplete="off" />
        {problem("key")}
      </label>
      <label className="field" htmlFor="kpi-define-name">
        <span>{t("kpis.define.name")}</span>
        <input {...field("name")} required maxLength={80} />
        {problem("name")}
      </label>
      <label className="field" htmlFor="kpi-define-nameZh">
        <span>{t("kpis.define.nameZh")}</span>
        <input {...field("nameZh")} required maxLength={80} lang="zh-CN" />
        {problem("nameZh")}
      </label>
      <label className="field" htmlFor="kpi-define-unit">
        <span>{t("kpis.define.unit")}</span>
        <select {...field("unit")} defaultValue="percent">
          {KPI_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`kpis.unit.${unit}`)}
            </option>
          ))}
        </select>
        {problem("unit")}
      </label>
      <label className="field" htmlFor="kpi-define-direction">
        <span>{t("kpis.define.direction")}</span>
        <select {...field("direction")} defaultValue="higher_better">
          {KPI_DIRECTIONS.map((direction) => (
            <option key={direction} value={direction}>
              {t(direction === "lower_better" ? "kpis.direction.lower" : "kpis.direction.higher")}
            </option>
          ))}
        </select>
        {problem("direction")}
      </label>
      <label className="field" htmlFor="kpi-define-target">
        <span>{t("kpis.define.target")}</span>
        <input {...field("target")} inputMode="decimal" autoComplete="off" />
        {problem("target")}
      </label>
      <label className="field" htmlFor="kpi-define-weight">
        <span>{t("kpis.define.weight")}</span>
        <input {...field("weight")} inputMode="decimal" defaultValue="1" autoComplete="off" />
        {problem("weight")}
      </label>
    </div>
  );
}
