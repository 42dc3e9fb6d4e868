import { useT } from "~/i18n/i18n";
import type { RoundReply } from "~/features/scoring-rounds/round-reply";
import { RoundPageHeader, useLiveRound } from "~/features/scoring-rounds/round-page";
import type { ItemAggregate, RoundView } from "~/features/scoring-rounds/rounds";
import { NetValueHistory } from "./net-value-history";
import { NetValueResults } from "./net-value-results";
import { OpenRoundForm, QuarterPicker, RevealForm, RoundStatus, type QuarterChoice } from "./round-panel";
import { ScoreForm } from "./score-form";

interface Props {
  account: { id: string; name: string };
  round: RoundView | null;
  quarter: string;
  quarters: QuarterChoice[];
  history: { quarter: string; aggregate: ItemAggregate[] }[];
  canOpen: boolean;
  clientId: string;
  reply: RoundReply | undefined;
}

/** The net customer value worksheet of one account: pick a quarter, score it, and read it once revealed. */
export function NetValuePage({ account, round, quarter, quarters, history, canOpen, clientId, reply }: Props) {
  const t = useT();
  useLiveRound(account.id, "net_value");
  const refusal = (intent: RoundReply["intent"]) => (reply && !reply.ok && reply.intent === intent ? reply : null);
  return (
    <>
      <RoundPageHeader account={account} title="netValue.title" subtitle="netValue.subtitle">
        <p className="muted small">{t("netValue.formula")}</p>
      </RoundPageHeader>
      <QuarterPicker quarter={quarter} quarters={quarters} />
      {reply && !reply.ok && reply.intent === null ? (
        <p className="form-error" role="alert">
          {reply.error}
        </p>
      ) : null}
      <div className="nv-layout">
        {round === null ? (
          <section className="card nv-layout__wide" aria-label={t("netValue.title")}>
            {canOpen ? (
              <OpenRoundForm quarter={quarter} clientId={clientId} error={refusal("open")?.error ?? null} />
            ) : (
              <div className="empty-state">
                <p>{t("netValue.notOpened", { quarter })}</p>
              </div>
            )}
          </section>
        ) : (
          <>
            <section
              className={round.status === "revealed" ? "card nv-layout__wide" : "card"}
              aria-labelledby="nv-round-heading"
            >
              <h2 id="nv-round-heading">{t("netValue.results.title", { quarter: round.quarter })}</h2>
              <RoundStatus round={round} />
              {round.status === "open" && round.canManage ? (
                <RevealForm roundId={round.id} error={refusal("reveal")?.error ?? null} />
              ) : null}
              {round.aggregate ? (
                <NetValueResults quarter={round.quarter} aggregate={round.aggregate} evidence={round.evidence ?? []} />
              ) : (
                <p className="muted">{t("netValue.reveal.waiting")}</p>
              )}
            </section>
            {round.status === "open" ? (
              <section className="card" aria-labelledby="nv-form-heading">
                <h2 id="nv-form-heading">{t("netValue.form.title")}</h2>
                {round.canScore ? (
                  <ScoreForm
                    round={round}
                    error={refusal("score")?.error ?? null}
                    fieldErrors={refusal("score")?.fieldErrors ?? {}}
                    saved={reply?.ok === true && reply.intent === "score"}
                  />
                ) : (
                  <p className="muted">{t("netValue.form.readOnly")}</p>
                )}
              </section>
            ) : null}
          </>
        )}
        <section className="card nv-layout__wide" aria-labelledby="nv-history-heading">
          <h2 id="nv-history-heading">{t("netValue.history.title")}</h2>
          <NetValueHistory history={history} current={quarter} />
        </section>
      </div>
    </>
  );
}
