import { Form, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { CAPABILITY_ELEMENTS, type CapabilityElement, type RoundView } from "~/features/scoring-rounds/rounds";
import { evidenceField, scoreField } from "~/features/scoring-rounds/rounds.schema";
import type { AssessmentReply } from "./assessment-reply";

const LEVELS = [1, 2, 3, 4, 5] as const;

interface Props {
  round: RoundView;
  reply: AssessmentReply | undefined;
}

/** The reader's own scores: one radio group of the five maturity levels per element, with evidence. */
export function ScoreForm({ round, reply }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "score";
  const failed = reply?.ok === false && reply.intent === "score" ? reply.error : null;
  return (
    <Form method="post" className="assessment-score-form" preventScrollReset>
      <input type="hidden" name="intent" value="score" />
      <input type="hidden" name="roundId" value={round.id} />
      <p className="muted small">{t("assessment.score.hint")}</p>
      {CAPABILITY_ELEMENTS.map((element) => (
        <ElementField
          key={`${round.id}:${element}`}
          element={element}
          mine={round.myScores.find((score) => score.item === element)}
          requireEvidence={round.requireEvidence}
        />
      ))}
      {failed ? (
        <p className="form-error" role="alert">
          {failed}
        </p>
      ) : null}
      {reply?.ok && reply.intent === "score" ? (
        <p className="assessment-success" role="status">
          {t("assessment.score.saved")}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("assessment.score.submit")}
      </button>
    </Form>
  );
}

interface ElementFieldProps {
  element: CapabilityElement;
  mine: { score: number; evidence: string } | undefined;
  requireEvidence: boolean;
}

function ElementField({ element, mine, requireEvidence }: ElementFieldProps) {
  const t = useT();
  const name = t(`rounds.item.${element}`);
  const evidenceId = `evidence-${element}`;
  return (
    <fieldset className="assessment-element">
      <legend>{name}</legend>
      <p className="muted small">{t(`assessment.element.${element}.meaning`)}</p>
      <div className="assessment-levels">
        {LEVELS.map((level) => (
          <label key={level} className="assessment-level">
            <input type="radio" name={scoreField(element)} value={level} defaultChecked={mine?.score === level} />
            <span>
              <strong>{t("assessment.score.level", { level, name: t(`assessment.level.${level}`) })}</strong>
              <span className="small">{t(`assessment.element.${element}.level.${level}`)}</span>
            </span>
          </label>
        ))}
      </div>
      <label className="field" htmlFor={evidenceId}>
        <span>
          {t(requireEvidence ? "assessment.score.evidenceRequired" : "assessment.score.evidence", { element: name })}
        </span>
        <textarea
          id={evidenceId}
          name={evidenceField(element)}
          rows={2}
          maxLength={2000}
          defaultValue={mine?.evidence}
        />
      </label>
    </fieldset>
  );
}
