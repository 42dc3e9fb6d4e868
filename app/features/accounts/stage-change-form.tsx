import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS, type StageField } from "~/shared/domain";

const VALUES: Record<StageField, readonly string[]> = {
  tier: TIERS,
  ladderStage: LADDER_STAGES,
  lifecycleStage: LIFECYCLE_STAGES,
};
const LABEL_PREFIX: Record<StageField, string> = { tier: "tier", ladderStage: "ladder", lifecycleStage: "lifecycle" };

/** The lead moves the account along one of its stages, with a note for the history. */
export function StageChangeForm({ account }: { account: Record<StageField, string> }) {
  const t = useT();
  const fetcher = useFetcher<{ ok: boolean; stageError: string | null }>();
  const [field, setField] = useState<StageField>("ladderStage");
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) form.current?.reset();
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form method="post" className="stage-form" ref={form}>
      <input type="hidden" name="intent" value="change-stage" />
      <label className="field">
        <span>{t("account.stage.field")}</span>
        <select name="field" value={field} onChange={(event) => setField(event.target.value as StageField)}>
          {(Object.keys(VALUES) as StageField[]).map((key) => (
            <option key={key} value={key}>
              {t(`stageField.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("account.stage.to")}</span>
        <select name="value" key={field} defaultValue={account[field]}>
          {VALUES[field].map((value) => (
            <option key={value} value={value}>
              {t(`${LABEL_PREFIX[field]}.${value}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field stage-form__note">
        <span>{t("account.stage.note")}</span>
        <input name="note" maxLength={300} placeholder={t("account.stage.notePlaceholder")} />
      </label>
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {t("account.stage.save")}
      </button>
      {fetcher.data?.stageError ? (
        <p className="form-error" role="alert">
          {fetcher.data.stageError === "invalid" ? t("account.stage.invalid") : t("account.stage.unchanged")}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
