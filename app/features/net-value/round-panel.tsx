import { Form, useNavigation } from "@remix-run/react";
import { formatDateTime } from "~/components/format-when";
import { useLocale, useT } from "~/i18n/i18n";
import type { RoundView } from "~/features/scoring-rounds/rounds";

export interface QuarterChoice {
  quarter: string;
  status: "none" | "open" | "revealed";
}

/** Picks the quarter (a GET form, so the choice is in the URL and works without script). */
export function QuarterPicker({ quarter, quarters }: { quarter: string; quarters: QuarterChoice[] }) {
  const t = useT();
  return (
    <Form method="get" className="nv-quarter">
      <label className="field">
        <span>{t("netValue.quarter.label")}</span>
        <select name="quarter" defaultValue={quarter} key={quarter}>
          {quarters.map((choice) => (
            <option key={choice.quarter} value={choice.quarter}>
              {choice.status === "none"
                ? t("netValue.quarter.none", { quarter: choice.quarter })
                : t("netValue.quarter.round", { quarter: choice.quarter, status: choice.status })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--ghost button--small">
        {t("netValue.quarter.show")}
      </button>
    </Form>
  );
}

function useBusy(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/** The lead opens the quarter's worksheet; `clientId` makes a double submit open it once. */
export function OpenRoundForm({
  quarter,
  clientId,
  error,
}: {
  quarter: string;
  clientId: string;
  error: string | null;
}) {
  const t = useT();
  const busy = useBusy("open");
  return (
    <Form method="post" className="nv-open">
      <h2>{t("netValue.open.title", { quarter })}</h2>
      <p className="muted">{t("netValue.open.body")}</p>
      <input type="hidden" name="intent" value="open" />
      <input type="hidden" name="kind" value="net_value" />
      <input type="hidden" name="quarter" value={quarter} />
      <input type="hidden" name="clientId" value={clientId} />
      <label className="nv-check">
        <input type="checkbox" name="requireEvidence" value="true" />
        <span>{t("netValue.open.requireEvidence")}</span>
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("netValue.open.submit")}
      </button>
    </Form>
  );
}

/** Where the round stands: private scoring or revealed, and who has finished (live). */
export function RoundStatus({ round }: { round: RoundView }) {
  const t = useT();
  const locale = useLocale();
  const { finished, total, scorers } = round.progress;
  return (
    <div className="nv-status">
      <p>
        {round.status === "open"
          ? t("netValue.status.open")
          : t("netValue.status.revealed", { date: formatDateTime(round.revealedAt ?? round.openedAt, locale) })}
      </p>
      <h3>{t("netValue.progress.title")}</h3>
      <p role="status" aria-live="polite">
        {t("netValue.progress", { finished, total })}
      </p>
      <ul className="nv-scorers">
        {scorers.map((scorer) => (
          <li key={scorer.id} className={scorer.finished ? "nv-scorers__done" : undefined}>
            <span aria-hidden="true">{scorer.finished ? "✓" : "○"}</span> {scorer.name}{" "}
            <span className="visually-hidden">
              ({t(scorer.finished ? "netValue.progress.done" : "netValue.progress.pending")})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The lead's reveal: ends scoring and shows everyone the aggregate. */
export function RevealForm({ roundId, error }: { roundId: string; error: string | null }) {
  const t = useT();
  const busy = useBusy("reveal");
  return (
    <Form method="post" className="nv-reveal">
      <h3>{t("netValue.reveal.title")}</h3>
      <p className="muted small">{t("netValue.reveal.body")}</p>
      <input type="hidden" name="intent" value="reveal" />
      <input type="hidden" name="roundId" value={roundId} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("netValue.reveal.submit")}
      </button>
    </Form>
  );
}
