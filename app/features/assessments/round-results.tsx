import { TableScroll } from "~/components/table-scroll";
import { Form, useNavigation } from "@remix-run/react";
import { numberFormat } from "~/components/intl";
import { useLocale, useT, type Locale } from "~/i18n/i18n";
import {
  CAPABILITY_ELEMENTS,
  meanMaturity,
  rankGaps,
  type ItemAggregate,
  type RoundView,
} from "~/features/scoring-rounds/rounds";
import type { AssessmentReply } from "./assessment-reply";
import { CapabilityRadar } from "./capability-radar";

interface Props {
  round: RoundView & { aggregate: ItemAggregate[] };
  previous: { quarter: string; aggregate: ItemAggregate[] } | null;
  canCreateActions: boolean;
  clientId: string;
  reply: AssessmentReply | undefined;
}

export const formatLevel = (value: number | null | undefined, locale: Locale) =>
  value == null ? "—" : numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

const spread = ({ min, max }: ItemAggregate) => (min == null ? "—" : min === max ? String(min) : `${min}–${max}`);

/** After the reveal: the radar, the table behind it, the widest gaps and the anonymous evidence. */
export function RoundResults({ round, previous, canCreateActions, clientId, reply }: Props) {
  const t = useT();
  const locale = useLocale();
  const maturity = meanMaturity(round.aggregate);
  return (
    <>
      <section className="card" aria-labelledby="assessment-results-heading">
        <h2 id="assessment-results-heading">{t("assessment.results.title")}</h2>
        <p className="assessment-maturity">
          {t("assessment.results.maturity", { value: formatLevel(maturity, locale) })}
        </p>
        <CapabilityRadar
          quarter={round.quarter}
          aggregate={round.aggregate}
          targets={round.targets}
          previous={previous}
        />
        <ResultsTable round={round} previous={previous} />
      </section>
      <section className="card" aria-labelledby="assessment-gaps-heading">
        <h2 id="assessment-gaps-heading">{t("assessment.gaps.title")}</h2>
        <GapList round={round} canCreateActions={canCreateActions} clientId={clientId} reply={reply} />
      </section>
      <section className="card" aria-labelledby="assessment-evidence-heading">
        <h2 id="assessment-evidence-heading">{t("assessment.evidence.title")}</h2>
        <p className="muted small">{t("assessment.evidence.hint")}</p>
        <EvidenceList evidence={round.evidence ?? []} />
      </section>
    </>
  );
}

function ResultsTable({ round, previous }: Pick<Props, "round" | "previous">) {
  const t = useT();
  const locale = useLocale();
  return (
    <TableScroll label={t("assessment.results.title")}>
      <table className="assessment-table">
        <thead>
          <tr>
            <th scope="col">{t("assessment.results.element")}</th>
            <th scope="col">{t("assessment.results.mean")}</th>
            <th scope="col">{t("assessment.results.spread")}</th>
            <th scope="col">{t("assessment.results.scorers")}</th>
            <th scope="col">{t("assessment.results.target")}</th>
            {previous ? <th scope="col">{t("assessment.radar.previous", { quarter: previous.quarter })}</th> : null}
          </tr>
        </thead>
        <tbody>
          {round.aggregate.map((row) => (
            <tr key={row.item}>
              <th scope="row">{t(`rounds.item.${row.item as (typeof CAPABILITY_ELEMENTS)[number]}`)}</th>
              <td>{formatLevel(row.mean, locale)}</td>
              <td>{spread(row)}</td>
              <td>{row.count}</td>
              <td>{round.targets.find((target) => target.item === row.item)?.level ?? "—"}</td>
              {previous ? (
                <td>{formatLevel(previous.aggregate.find((p) => p.item === row.item)?.mean, locale)}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function GapList({ round, canCreateActions, clientId, reply }: Omit<Props, "previous">) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  if (round.targets.length === 0) return <p className="muted">{t("assessment.gaps.noTargets")}</p>;
  const gaps = rankGaps(round.aggregate, round.targets);
  if (gaps.length === 0) return <p className="muted">{t("assessment.gaps.none")}</p>;
  const created = reply?.ok && reply.intent === "gap-action" ? reply.item : null;
  const failed = reply?.ok === false && reply.intent === "gap-action" ? reply.error : null;
  return (
    <>
      <ol className="assessment-gaps">
        {gaps.map((gap) => {
          const busy = navigation.state !== "idle" && navigation.formData?.get("item") === gap.item;
          return (
            <li key={gap.item}>
              <span>
                {t("assessment.gaps.item", {
                  element: t(`rounds.item.${gap.item as (typeof CAPABILITY_ELEMENTS)[number]}`),
                  mean: formatLevel(gap.mean, locale),
                  target: gap.target,
                  gap: formatLevel(gap.gap, locale),
                })}
              </span>
              {canCreateActions ? (
                <Form method="post" preventScrollReset>
                  <input type="hidden" name="intent" value="gap-action" />
                  <input type="hidden" name="roundId" value={round.id} />
                  <input type="hidden" name="item" value={gap.item} />
                  {/* One id per gap and page load: a double click creates one item. */}
                  <input type="hidden" name="clientId" value={`${clientId}-${gap.item}`} />
                  <button type="submit" className="button" disabled={busy}>
                    {t("assessment.gaps.create")}
                  </button>
                </Form>
              ) : null}
              {created === gap.item ? (
                <span className="assessment-success" role="status">
                  {t("assessment.gaps.created")}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {failed ? (
        <p className="form-error" role="alert">
          {failed}
        </p>
      ) : null}
    </>
  );
}

function EvidenceList({ evidence }: { evidence: { item: string; text: string }[] }) {
  const t = useT();
  if (evidence.length === 0) return <p className="muted">{t("assessment.evidence.none")}</p>;
  return (
    <dl className="assessment-evidence">
      {CAPABILITY_ELEMENTS.filter((item) => evidence.some((e) => e.item === item)).map((item) => (
        <div key={item}>
          <dt>{t(`rounds.item.${item}`)}</dt>
          {evidence
            .filter((e) => e.item === item)
            .map((e, index) => (
              <dd key={index}>{e.text}</dd>
            ))}
        </div>
      ))}
    </dl>
  );
}
