import { Form, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { MAX_EVIDENCE_LENGTH, SCORE_RANGE, type RoundView } from "~/features/scoring-rounds/rounds";
import { FACTOR_GROUPS, factorHint, factorName } from "./net-value";

const SCALE = Array.from(
  { length: SCORE_RANGE.net_value.max - SCORE_RANGE.net_value.min + 1 },
  (_, i) => SCORE_RANGE.net_value.min + i,
);

interface Props {
  round: Pick<RoundView, "id" | "requireEvidence" | "myScores">;
  /** Field → message, from the last refused save. */
  fieldErrors: Record<string, string>;
  error: string | null;
  saved: boolean;
}

/** One member's private scores: each factor 0–10 as a radio group (arrow keys move along the scale) and a note. */
export function ScoreForm({ round, fieldErrors, error, saved }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "score";
  return (
    <Form method="post" className="nv-form" aria-describedby="nv-scale">
      <input type="hidden" name="intent" value="score" />
      <input type="hidden" name="roundId" value={round.id} />
      <p id="nv-scale" className="muted small">
        {t("netValue.form.scale")}
        {round.requireEvidence ? ` ${t("netValue.status.evidenceRequired")}` : null}
      </p>
      {FACTOR_GROUPS.map((group) => (
        <div key={group.key} className={`nv-group nv-group--${group.key}`}>
          <h3>{t(group.heading)}</h3>
          {group.factors.map((factor) => (
            <FactorField
              key={factor}
              factor={factor}
              mine={round.myScores.find((s) => s.item === factor)}
              requireEvidence={round.requireEvidence}
              error={fieldErrors[`score:${factor}`] ?? fieldErrors[`evidence:${factor}`] ?? null}
            />
          ))}
        </div>
      ))}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {saved && !busy ? (
        <p className="nv-saved" role="status">
          {t("netValue.form.saved")}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t("netValue.form.saving") : t("netValue.form.save")}
      </button>
    </Form>
  );
}

interface FieldProps {
  factor: string;
  mine: { score: number; evidence: string } | undefined;
  requireEvidence: boolean;
  error: string | null;
}

function FactorField({ factor, mine, requireEvidence, error }: FieldProps) {
  const t = useT();
  const hintId = `nv-hint-${factor}`;
  const errorId = `nv-error-${factor}`;
  return (
    <fieldset className="nv-factor" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>{t(factorName(factor))}</legend>
      <p id={hintId} className="muted small nv-factor__hint">
        {t(factorHint(factor))}
      </p>
      <div className="nv-scale">
        {SCALE.map((value) => (
          <label key={value} className="nv-scale__option">
            <input
              type="radio"
              name={`score:${factor}`}
              value={value}
              defaultChecked={mine?.score === value}
              aria-invalid={error ? true : undefined}
            />
            <span>{value}</span>
          </label>
        ))}
      </div>
      <label className="field nv-factor__note">
        <span className="small">{t(requireEvidence ? "netValue.form.noteRequired" : "netValue.form.note")}</span>
        <textarea
          name={`evidence:${factor}`}
          rows={2}
          maxLength={MAX_EVIDENCE_LENGTH}
          defaultValue={mine?.evidence ?? ""}
          aria-invalid={error ? true : undefined}
        />
      </label>
      {error ? (
        <p id={errorId} className="form-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
