import { Form } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { CAPABILITY_ELEMENTS, type RoundView } from "~/features/scoring-rounds/rounds";
import { FormError, refusalOf, useBusy } from "~/features/scoring-rounds/round-forms";
import { targetField } from "~/features/scoring-rounds/rounds.schema";
import type { AssessmentReply } from "./assessment-reply";

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The lead's target level per element; "no target" leaves an element out of the gaps. */
export function TargetsForm({ round, reply }: { round: RoundView; reply: AssessmentReply | undefined }) {
  const t = useT();
  const busy = useBusy("targets");
  return (
    <Form method="post" className="assessment-targets-form" preventScrollReset>
      <input type="hidden" name="intent" value="targets" />
      <input type="hidden" name="roundId" value={round.id} />
      <p className="muted small">{t("assessment.targets.hint")}</p>
      <div className="assessment-targets">
        {CAPABILITY_ELEMENTS.map((element) => {
          const id = `target-${element}`;
          return (
            <label key={`${round.id}:${element}`} className="field" htmlFor={id}>
              <span>{t(`rounds.item.${element}`)}</span>
              <select
                id={id}
                name={targetField(element)}
                defaultValue={round.targets.find((target) => target.item === element)?.level ?? ""}
              >
                <option value="">{t("assessment.targets.none")}</option>
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t("assessment.score.level", { level, name: t(`assessment.level.${level}`) })}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      <FormError error={refusalOf(reply, "targets")?.error} />
      {reply?.ok && reply.intent === "targets" ? (
        <p className="assessment-success" role="status">
          {t("assessment.targets.saved")}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {t("assessment.targets.submit")}
      </button>
    </Form>
  );
}
