import { useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { useT } from "~/i18n/i18n";
import {
  OpenRoundForm,
  QuarterPicker,
  refusalOf,
  RevealForm,
  RoundProgress,
} from "~/features/scoring-rounds/round-forms";
import { AccountPageHeader } from "~/components/account-page-header";
import { useLiveRound } from "~/features/scoring-rounds/round-page";
import type { ItemAggregate, RoundView } from "~/features/scoring-rounds/rounds";
import type { AssessmentReply } from "./assessment-reply";
import { CAPABILITY_MESSAGES } from "./capability-messages";
import { RoundResults } from "./round-results";
import { CapabilityScoreForm } from "./score-form";
import { TargetsForm } from "./targets-form";

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
      <AccountPageHeader account={account} title="assessment.title" subtitle="assessment.subtitle" />
      <div className="assessment-layout">
        {props.quarters.length > 1 ? (
          <QuarterPicker
            choices={props.quarters.map((quarter) => ({ quarter, label: quarter }))}
            shown={round?.quarter ?? null}
            messages={CAPABILITY_MESSAGES}
          />
        ) : null}
        {round ? <RoundSections {...props} round={round} /> : <EmptyState canLead={canLead} />}
        {canLead ? (
          <section className="card" aria-labelledby="assessment-open-heading">
            <h2 id="assessment-open-heading">{t("assessment.open.title")}</h2>
            <OpenRoundForm
              kind="capability"
              quarter={props.currentQuarter}
              quarterLabel="assessment.open.quarter"
              clientId={props.clientId}
              evidenceByDefault
              messages={CAPABILITY_MESSAGES}
              error={refusalOf(reply, "open")?.error ?? null}
            />
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
        <RoundProgress progress={round.progress} messages={CAPABILITY_MESSAGES} />
        {round.canManage && round.status === "open" ? (
          <RevealForm
            roundId={round.id}
            messages={CAPABILITY_MESSAGES}
            error={refusalOf(reply, "reveal")?.error ?? null}
          />
        ) : null}
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
          <CapabilityScoreForm round={round} reply={reply} />
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

function EmptyState({ canLead }: { canLead: boolean }) {
  const t = useT();
  return (
    <section className="card empty-state">
      <p>{t("assessment.empty.title")}</p>
      <p className="muted small">{t(canLead ? "assessment.empty.lead" : "assessment.empty.readOnly")}</p>
    </section>
  );
}
