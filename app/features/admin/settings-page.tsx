import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { KPI_DIRECTIONS, KPI_UNITS } from "~/features/kpis/kpi";
import { CAPABILITY_ELEMENTS } from "~/features/scoring-rounds/rounds";
import { useT } from "~/i18n/i18n";
import { FormMessage, SelectField, TextField, useSubmitting } from "./admin-fields";
import { refusalFor, type AdminReply } from "./admin-reply";
import { assessmentTargetField } from "./settings.schema";
import type { KpiDefinitionView } from "~/features/kpis/kpi.schema";

type Kpi = KpiDefinitionView;

interface SettingsData {
  separationOfDuties: boolean;
  targets: Record<string, number | undefined>;
  kpis: Kpi[];
}

type Reply = AdminReply<{ id: string }>;

const LEVELS = [1, 2, 3, 4, 5] as const;

/** Workspace settings: approvals, KPIs and the health score, the assessment's default targets. */
export function SettingsPage() {
  const data = useLoaderData<SettingsData>();
  const reply = useActionData<Reply>();
  return (
    <div className="admin__sections">
      <ApprovalsSettings on={data.separationOfDuties} reply={reply} />
      <KpiSettings kpis={data.kpis} reply={reply} />
      <TargetSettings targets={data.targets} reply={reply} />
    </div>
  );
}

const doneFor = (reply: Reply | undefined, intent: string, id = "") =>
  Boolean(reply?.ok && reply.intent === intent && (reply.id ?? "") === id);

function ApprovalsSettings({ on, reply }: { on: boolean; reply: Reply | undefined }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">{t("admin.settings.approvals.title")}</h2>
      <Form method="post" className="admin__form" key={String(on)}>
        <input type="hidden" name="intent" value="approvals" />
        <label className="admin__check">
          <input type="checkbox" name="separationOfDuties" defaultChecked={on} />
          <span>{t("admin.settings.approvals.separation")}</span>
        </label>
        <p className="muted small">{t("admin.settings.approvals.help")}</p>
        <FormMessage
          error={refusalFor(reply, "approvals")?.error}
          done={doneFor(reply, "approvals") ? t("admin.users.saved") : null}
        />
        <button type="submit" className="button button--primary" disabled={useSubmitting("approvals")}>
          {t("admin.users.save")}
        </button>
      </Form>
    </section>
  );
}

function KpiFields({
  prefix,
  kpi,
  errors,
}: {
  prefix: string;
  kpi: Partial<Kpi>;
  errors: Record<string, string> | undefined;
}) {
  const t = useT();
  return (
    <>
      <TextField
        id={`${prefix}-name`}
        name="name"
        label={t("admin.settings.kpi.name")}
        defaultValue={kpi.name}
        required
        maxLength={80}
        error={errors?.name}
      />
      <TextField
        id={`${prefix}-nameZh`}
        name="nameZh"
        label={t("admin.settings.kpi.nameZh")}
        defaultValue={kpi.nameZh}
        required
        maxLength={80}
        lang="zh-CN"
        error={errors?.nameZh}
      />
      <SelectField
        id={`${prefix}-direction`}
        name="direction"
        label={t("admin.settings.kpi.direction")}
        defaultValue={kpi.direction ?? "higher_better"}
        error={errors?.direction}
      >
        {KPI_DIRECTIONS.map((direction) => (
          <option key={direction} value={direction}>
            {t(direction === "lower_better" ? "kpis.direction.lower" : "kpis.direction.higher")}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${prefix}-target`}
        name="target"
        label={t("admin.settings.kpi.target")}
        defaultValue={kpi.target ?? ""}
        inputMode="decimal"
        autoComplete="off"
        error={errors?.target}
      />
      <TextField
        id={`${prefix}-weight`}
        name="weight"
        label={t("admin.settings.kpi.weight")}
        defaultValue={kpi.weight ?? 1}
        inputMode="decimal"
        autoComplete="off"
        error={errors?.weight}
      />
    </>
  );
}

function KpiSettings({ kpis, reply }: { kpis: Kpi[]; reply: Reply | undefined }) {
  const t = useT();
  const defineFailed = refusalFor(reply, "define");
  const defined = reply?.ok && reply.intent === "define" ? reply.id : null;
  return (
    <section className="card" aria-labelledby="kpis-heading">
      <h2 id="kpis-heading">{t("admin.settings.kpis.title")}</h2>
      <p className="muted small">{t("admin.settings.kpis.help")}</p>
      <ul className="admin__list">
        {kpis.map((kpi) => {
          const failed = refusalFor(reply, "kpi", kpi.id);
          return (
            <li key={kpi.id} className="admin__kpi">
              <strong>{kpi.name}</strong> <code className="small">{kpi.key}</code>{" "}
              <span className="muted small">{t(`kpis.unit.${kpi.unit as "percent"}`)}</span>
              <Form method="post" className="admin__grid admin__grid--kpi">
                <input type="hidden" name="intent" value="kpi" />
                <input type="hidden" name="id" value={kpi.id} />
                <KpiFields prefix={`kpi-${kpi.key}`} kpi={kpi} errors={failed?.fieldErrors} />
                <button type="submit" className="button admin__grid-button">
                  {t("admin.users.save")}
                </button>
              </Form>
              <FormMessage error={failed?.error} done={doneFor(reply, "kpi", kpi.id) ? t("admin.users.saved") : null} />
            </li>
          );
        })}
      </ul>
      <h3>{t("admin.settings.kpis.add")}</h3>
      <Form method="post" className="admin__form" key={defined ?? "define"}>
        <input type="hidden" name="intent" value="define" />
        <div className="admin__grid">
          <TextField
            id="kpi-new-key"
            name="key"
            label={t("kpis.define.key")}
            required
            pattern="[a-z][a-z0-9_]{1,39}"
            autoComplete="off"
            error={defineFailed?.fieldErrors.key}
          />
          <SelectField id="kpi-new-unit" name="unit" label={t("kpis.define.unit")} defaultValue="percent">
            {KPI_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`kpis.unit.${unit}`)}
              </option>
            ))}
          </SelectField>
          <KpiFields prefix="kpi-new" kpi={{}} errors={defineFailed?.fieldErrors} />
        </div>
        <FormMessage error={defineFailed?.error} done={defined ? t("kpis.define.done", { key: defined }) : null} />
        <button type="submit" className="button button--primary">
          {t("kpis.define.submit")}
        </button>
      </Form>
    </section>
  );
}

function TargetSettings({ targets, reply }: { targets: SettingsData["targets"]; reply: Reply | undefined }) {
  const t = useT();
  const failed = refusalFor(reply, "targets");
  return (
    <section className="card" aria-labelledby="targets-heading">
      <h2 id="targets-heading">{t("admin.settings.targets.title")}</h2>
      <p className="muted small">{t("admin.settings.targets.help")}</p>
      <Form method="post" className="admin__form">
        <input type="hidden" name="intent" value="targets" />
        <div className="admin__grid">
          {CAPABILITY_ELEMENTS.map((element) => {
            const name = assessmentTargetField(element);
            return (
              <SelectField
                key={element}
                id={`default-${name}`}
                name={name}
                label={t(`rounds.item.${element}`)}
                defaultValue={targets[element] ?? ""}
                error={failed?.fieldErrors[name]}
              >
                <option value="">{t("assessment.targets.none")}</option>
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t("assessment.score.level", { level, name: t(`assessment.level.${level}`) })}
                  </option>
                ))}
              </SelectField>
            );
          })}
        </div>
        <FormMessage error={failed?.error} done={doneFor(reply, "targets") ? t("admin.users.saved") : null} />
        <button type="submit" className="button button--primary">
          {t("admin.settings.targets.save")}
        </button>
      </Form>
    </section>
  );
}
