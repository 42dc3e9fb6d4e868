import { formatDateTime } from "~/components/format-when";
import { RoundProgress } from "~/features/scoring-rounds/round-forms";
import type { RoundView } from "~/features/scoring-rounds/rounds";
import { useLocale, useT } from "~/i18n/i18n";
import { NET_VALUE_MESSAGES } from "./net-value-messages";

export interface QuarterChoice {
  quarter: string;
  status: "none" | "open" | "revealed";
}

/** A quarter as the picker offers it: with where its worksheet stands. */
export function useQuarterLabels(quarters: readonly QuarterChoice[]): { quarter: string; label: string }[] {
  const t = useT();
  return quarters.map((choice) => ({
    quarter: choice.quarter,
    label:
      choice.status === "none"
        ? t("netValue.quarter.none", { quarter: choice.quarter })
        : t("netValue.quarter.round", { quarter: choice.quarter, status: choice.status }),
  }));
}

/** Where the round stands: private scoring or revealed, and who has finished (live). */
export function RoundStatus({ round }: { round: RoundView }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="nv-status">
      <p>
        {round.status === "open"
          ? t("netValue.status.open")
          : t("netValue.status.revealed", { date: formatDateTime(round.revealedAt ?? round.openedAt, locale) })}
      </p>
      <h3>{t("netValue.progress.title")}</h3>
      <RoundProgress progress={round.progress} messages={NET_VALUE_MESSAGES} />
    </div>
  );
}
