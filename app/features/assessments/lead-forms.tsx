import { Form, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { CAPABILITY_ELEMENTS, type RoundView } from "~/features/scoring-rounds/rounds";
import { targetField } from "~/features/scoring-rounds/rounds.schema";
import type { AssessmentReply } from "./assessment-reply";

const LEVELS = [1, 2, 3, 4, 5] as const;

const failure = (reply: AssessmentReply | undefined, intent: string) =>
  reply?.ok === false && reply.intent === intent ? (
    <p className="form-error" role="alert">
      {reply.error}
    </p>
  ) : null;

function useBusy(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
}

/** The lead opens the capability round for a quarter. */
export function OpenRoundForm(props: { currentQuarter: string; clientId: string; reply: AssessmentReply | undefined }) {
  const t = useT();
  const busy = useBusy("open");
  return (
    <Form method="post" className="assessment-open-form">
      <input type="hidden" name="intent" value="open" />
      <input type="hidden" name="kind" value="capability" />
      <input type="hidden" name="clientId" value={props.clientId} />
      <label className="field" htmlFor="assessment-open-quarter">
        <span>{t("assessment.open.quarter")}</span>
        <input
          id="assessment-open-quarter"
          name="quarter"
          defaultValue={props.currentQuarter}
          pattern="\d{4}-[Qq][1-4]"
          required
          autoComplete="off"
        />
      </label>
      <label className="assessment-check">
        <input type="checkbox" name="requireEvidence" value="on" defaultChecked />
        <span>{t("assessment.open.requireEvidence")}</span>
      </label>
      {failure(props.reply, "open")}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("assessment.open.submit")}
      </button>
    </Form>
  );
}

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
      {failure(reply, "targets")}
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

/** The lead closes scoring and shows everyone the result. */
export function RevealForm({ round, reply }: { round: RoundView; reply: AssessmentReply | undefined }) {
  const t = useT();
  const busy = useBusy("reveal");
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="intent" value="reveal" />
      <input type="hidden" name="roundId" value={round.id} />
      <p className="muted small">{t("assessment.reveal.hint")}</p>
      {failure(reply, "reveal")}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("assessment.reveal.submit")}
      </button>
    </Form>
  );
}
