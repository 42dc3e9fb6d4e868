import { Form, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { useT } from "~/i18n/i18n";
import { RoundPageHeader, useLiveRound } from "~/features/scoring-rounds/round-page";
import type { ItemAggregate, RoundView } from "~/features/scoring-rounds/rounds";
import type { AssessmentReply } from "./assessment-reply";
import { OpenRoundForm, RevealForm, TargetsForm } from "./lead-forms";
import { RoundResults } from "./round-results";
import { ScoreForm } from "./score-form";

interface Props {
  account: { id: string; name: string };
  round: RoundView | null;
  quarters: string[];
  currentQuarter: string;
  previous: { quarter: string; aggregate: ItemAggregate[] } | null;
  canLead: boolean;
  canEdit: boolean;
  clientId: string;
  reply: AssessmentReply | undefined;
}

/** The capability assessment of one account: pick a round, score it, and read it once revealed. */
export function AssessmentPage(props: Props) {
  const { account, round, canLead, reply } = props;
  const t = useT();
  useLiveRound(account.id, "capability");
  useShowOpenedRound(reply, round?.quarter ?? null);
  return (
    <>
      <RoundPageHeader account={account} title="assessment.title" subtitle="assessment.subtitle" />
      <div className="assessment-layout">
        <RoundPicker quarters={props.quarters} shown={round?.quarter ?? null} />
        {round ? <RoundSections {...props} round={round} /> : <EmptyState canLead={canLead} />}
        {canLead ? (
          <section className="card" aria-labelledby="assessment-open-heading">
            <h2 id="assessment-open-heading">{t("assessment.open.title")}</h2>
            <OpenRoundForm currentQuarter={props.currentQuarter} clientId={props.clientId} reply={reply} />
          </section>
        ) : null}
      </div>
    </>
  );
}

/** A round just opened for an earlier quarter is not the latest: go to it, so the lead sees what they opened. */
function useShowOpenedRound(reply: AssessmentReply | undefined, shown: string | null): void {
  const navigate = useNavigate();
  const opened = reply?.ok && reply.intent === "open" ? reply.quarter : null;
  useEffect(() => {
    if (opened && opened !== shown) navigate(`?quarter=${opened}`, { replace: true });
  }, [opened, shown, navigate]);
}

function RoundSections(props: Props & { round: RoundView }) {
  const { round, reply } = props;
  const t = useT();
  const revealed = round.aggregate ? { ...round, aggregate: round.aggregate } : null;
  return (
    <>
      <section className="card" aria-labelledby="assessment-round-heading">
        <h2 id="assessment-round-heading">
          {t(round.status === "open" ? "assessment.status.open" : "assessment.status.revealed", {
            quarter: round.quarter,
          })}
        </h2>
        <RoundProgress progress={round.progress} />
        {round.canManage && round.status === "open" ? <RevealForm round={round} reply={reply} /> : null}
      </section>
      {revealed ? (
        <RoundResults
          round={revealed}
          previous={props.previous}
          canCreateActions={props.canEdit}
          clientId={props.clientId}
          reply={reply}
        />
      ) : null}
      {round.canScore ? (
        <section className="card" aria-labelledby="assessment-score-heading">
          <h2 id="assessment-score-heading">{t("assessment.score.title")}</h2>
          <ScoreForm round={round} reply={reply} />
        </section>
      ) : round.status === "open" ? (
        <p className="muted small">{t("assessment.readOnly")}</p>
      ) : null}
      {round.canManage ? (
        <section className="card" aria-labelledby="assessment-targets-heading">
          <h2 id="assessment-targets-heading">{t("assessment.targets.title")}</h2>
          <TargetsForm round={round} reply={reply} />
        </section>
      ) : null}
    </>
  );
}

/** Who has scored every element; never what they scored. */
function RoundProgress({ progress }: { progress: RoundView["progress"] }) {
  const t = useT();
  return (
    <div className="assessment-progress">
      <p aria-live="polite">
        <meter min={0} max={Math.max(progress.total, 1)} value={progress.finished} aria-hidden="true" />{" "}
        {t("assessment.progress", { finished: progress.finished, total: progress.total })}
      </p>
      <ul className="assessment-scorers">
        {progress.scorers.map((scorer) => (
          <li key={scorer.id} className={scorer.finished ? "assessment-scorer--done" : undefined}>
            <span aria-hidden="true">{scorer.finished ? "✓" : "○"}</span> {scorer.name}{" "}
            <span className="muted small">
              {t(scorer.finished ? "assessment.progress.finished" : "assessment.progress.pending")}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A GET form: the chosen quarter goes in the URL, so a round can be linked to. */
function RoundPicker({ quarters, shown }: { quarters: string[]; shown: string | null }) {
  const t = useT();
  if (quarters.length < 2) return null;
  return (
    <Form method="get" className="assessment-picker">
      <label className="field" htmlFor="assessment-quarter">
        <span>{t("assessment.quarter.label")}</span>
        <select id="assessment-quarter" name="quarter" defaultValue={shown ?? undefined} key={shown}>
          {quarters.map((quarter) => (
            <option key={quarter} value={quarter}>
              {quarter}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {t("assessment.quarter.show")}
      </button>
    </Form>
  );
}

function EmptyState({ canLead }: { canLead: boolean }) {
  const t = useT();
  return (
    <section className="card empty-state">
      <p>{t("assessment.empty.title")}</p>
      <p className="muted small">{t(canLead ? "assessment.empty.lead" : "assessment.empty.readOnly")}</p>
    </section>
  );
}
