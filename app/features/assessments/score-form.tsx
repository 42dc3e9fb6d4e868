import { useT } from "~/i18n/i18n";
import { ScoreForm } from "~/features/scoring-rounds/score-form";
import { CAPABILITY_ELEMENTS, type CapabilityElement, type RoundView } from "~/features/scoring-rounds/rounds";
import type { AssessmentReply } from "./assessment-reply";
import { CAPABILITY_MESSAGES } from "./capability-messages";

const ELEMENTS = [{ key: "elements", items: CAPABILITY_ELEMENTS }];

/** The shared form hands back what it was given: the kind's elements, and levels within its 1–5 range. */
type Level = 1 | 2 | 3 | 4 | 5;

/** The reader's own maturity level per element, each level with what it looks like for that element. */
export function CapabilityScoreForm({ round, reply }: { round: RoundView; reply: AssessmentReply | undefined }) {
  const t = useT();
  return (
    <ScoreForm
      round={round}
      groups={ELEMENTS}
      messages={CAPABILITY_MESSAGES}
      className="assessment-score-form"
      hint={t("assessment.score.hint")}
      itemHint={(element) => t(`assessment.element.${element as CapabilityElement}.meaning`)}
      option={(element, level) => (
        <span>
          <strong>{t("assessment.score.level", { level, name: t(`assessment.level.${level as Level}`) })}</strong>
          <span className="small">
            {t(`assessment.element.${element as CapabilityElement}.level.${level as Level}`)}
          </span>
        </span>
      )}
      reply={reply}
    />
  );
}
