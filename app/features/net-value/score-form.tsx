import { useT } from "~/i18n/i18n";
import type { RoundReply } from "~/features/scoring-rounds/round-reply";
import type { RoundView } from "~/features/scoring-rounds/rounds";
import { ScoreForm } from "~/features/scoring-rounds/score-form";
import { FACTOR_GROUPS, factorHint } from "./net-value";
import { NET_VALUE_MESSAGES } from "./net-value-messages";

/** One member's private scores: each factor 0–10, values first, then costs, each with a note. */
export function NetValueScoreForm({ round, reply }: { round: RoundView; reply: RoundReply | undefined }) {
  const t = useT();
  return (
    <ScoreForm
      round={round}
      groups={FACTOR_GROUPS}
      messages={NET_VALUE_MESSAGES}
      className="nv-form"
      hint={
        <>
          {t("netValue.form.scale")}
          {round.requireEvidence ? ` ${t("netValue.status.evidenceRequired")}` : null}
        </>
      }
      itemHint={(factor) => t(factorHint(factor))}
      option={(_factor, score) => <span>{score}</span>}
      reply={reply}
    />
  );
}
