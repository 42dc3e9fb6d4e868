import { Link } from "@remix-run/react";
import { ApprovalBadge } from "~/features/approvals/approval-badge";
import { formatKpiValue, kpiName } from "~/features/kpis/format";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import type { ReviewPageData } from "./review-page";
import type { ApprovalStatus } from "~/features/approvals/approval.schema";

/** What the team needs in front of them for an agenda item of this kind. */
export function ItemContext({ data, kind }: { data: ReviewPageData; kind: string }) {
  const t = useT();
  if (kind === "kpis") return <KpiComparison data={data} />;
  if (kind === "roadmap" || kind === "bill_of_rights") {
    const kinds = kind === "roadmap" ? ["roadmap", "account_plan"] : ["bill_of_rights"];
    const documents = data.documents.filter((doc) => kinds.includes(doc.kind));
    if (documents.length === 0) return <p className="muted small">{t("reviews.context.noDocuments")}</p>;
    return (
      <ul className="review-context-docs">
        {documents.map((doc) => (
          <li key={doc.id}>
            <span className="muted small">{t(`docKind.${doc.kind}` as MessageKey)}</span>{" "}
            <Link to={`/accounts/${data.account.id}/docs/${doc.id}`} target="_blank" className="strong-link">
              {doc.title}
            </Link>{" "}
            <ApprovalBadge status={doc.status as ApprovalStatus} />
          </li>
        ))}
      </ul>
    );
  }
  if (kind === "results") {
    return (
      <p className="muted small">
        {t(data.carriedOver?.items.length ? "reviews.context.results" : "reviews.context.noCarried")}
      </p>
    );
  }
  if (kind === "decisions") {
    return data.decisions.length === 0 ? null : (
      <ol className="review-decisions review-decisions--all">
        {data.decisions.map((decision) => (
          <li key={decision.id}>{decision.text}</li>
        ))}
      </ol>
    );
  }
  if (kind === "actions") return <p className="muted small">{t("reviews.context.actions")}</p>;
  return null;
}

/** This quarter against the one before, KPI by KPI. */
function KpiComparison({ data }: { data: ReviewPageData }) {
  const t = useT();
  const locale = useLocale();
  const { definitions, quarters, values } = data.kpis;
  const [previous, current] = quarters;
  if (!current || !values[current]) {
    return <p className="muted small">{t("reviews.context.noKpis", { quarter: data.review.quarter })}</p>;
  }
  return (
    <table className="review-table review-kpis">
      <thead>
        <tr>
          <th scope="col">{t("kpis.column.kpi")}</th>
          <th scope="col">{previous}</th>
          <th scope="col">{current}</th>
          <th scope="col">{t("kpis.column.target")}</th>
        </tr>
      </thead>
      <tbody>
        {definitions.map((definition) => {
          const format = (value: number | undefined) =>
            value === undefined ? "—" : formatKpiValue(value, definition.unit, locale, data.account.currency);
          return (
            <tr key={definition.key}>
              <th scope="row">{kpiName(definition, locale)}</th>
              <td>{format(previous ? values[previous]?.[definition.key] : undefined)}</td>
              <td>
                <strong>{format(values[current]?.[definition.key])}</strong>
              </td>
              <td>{format(definition.target ?? undefined)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
