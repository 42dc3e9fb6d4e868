import { useT } from "~/i18n/i18n";
import type { RoundReply } from "~/features/scoring-rounds/round-reply";
import { FormError, OpenRoundForm, QuarterPicker, refusalOf, RevealForm } from "~/features/scoring-rounds/round-forms";
import { AccountPageHeader } from "~/components/account-page-header";
import { useLiveRound } from "~/features/scoring-rounds/round-page";
import type { ItemAggregate, RoundView } from "~/features/scoring-rounds/rounds";
import { NetValueHistory } from "./net-value-history";
import { NetValueResults } from "./net-value-results";
import { NET_VALUE_MESSAGES } from "./net-value-messages";
import { RoundStatus, useQuarterLabels, type QuarterChoice } from "./round-panel";
import { NetValueScoreForm } from "./score-form";

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
  const choices = useQuarterLabels(quarters);
  return (
    <>
      <AccountPageHeader account={account} title="netValue.title" subtitle="netValue.subtitle">
        <p className="muted small">{t("netValue.formula")}</p>
      </AccountPageHeader>
      <QuarterPicker choices={choices} shown={quarter} messages={NET_VALUE_MESSAGES} />
      <FormError error={refusalOf(reply, null)?.error} />
      <div className="nv-layout">
        {round === null ? (
          <section className="card nv-layout__wide" aria-label={t("netValue.title")}>
            {canOpen ? (
              <OpenRoundForm
                kind="net_value"
                quarter={quarter}
                clientId={clientId}
                evidenceByDefault={false}
                messages={NET_VALUE_MESSAGES}
                error={refusalOf(reply, "open")?.error ?? null}
              >
                <h2>{t("netValue.open.title", { quarter })}</h2>
                <p className="muted">{t("netValue.open.body")}</p>
              </OpenRoundForm>
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
                <RevealForm
                  roundId={round.id}
                  messages={NET_VALUE_MESSAGES}
                  error={refusalOf(reply, "reveal")?.error ?? null}
                >
                  <h3>{t("netValue.reveal.title")}</h3>
                </RevealForm>
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
                  <NetValueScoreForm round={round} reply={reply} />
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
