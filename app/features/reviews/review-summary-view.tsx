import { TableScroll } from "~/components/table-scroll";
import { versionDisplayName } from "~/features/documents/versions/version-name";
import { Link } from "@remix-run/react";
import { departmentName, formatDueDate } from "~/features/action-items/format";
import { formatDateTime } from "~/components/format-when";
import { KpiCharts } from "~/features/kpis/kpi-charts";
import { DocumentDiff } from "~/features/documents/versions/document-diff";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import { diffContent } from "~/features/documents/versions/content-diff";
import { formatDuration, type ReviewSummary } from "~/features/reviews/review";

type SummaryProps = { summary: ReviewSummary };

/**
 * A closed review as it was frozen: the same view on the summary page and the
 * print page. `links` is false for print, where links lead nowhere on paper.
 */
export function ReviewSummaryView({ summary, links }: SummaryProps & { links: boolean }) {
  return (
    <div className="review-summary">
      <SummaryMeta summary={summary} />
      <SummaryKpis summary={summary} />
      <SummaryDecisions summary={summary} />
      <SummaryActions summary={summary} />
      <SummaryAttendance summary={summary} />
      <SummaryDocuments summary={summary} links={links} />
      <SummaryAgenda summary={summary} />
      {summary.minutes ? <SummaryMinutes minutes={summary.minutes} /> : null}
    </div>
  );
}

function SummaryMeta({ summary }: SummaryProps) {
  const t = useT();
  const locale = useLocale();
  return (
    // Times are shown in the reader's time zone, which the server does not know.
    <p className="muted small review-summary__meta" suppressHydrationWarning>
      {t("reviews.summary.meta", {
        start: formatDateTime(summary.startedAt, locale),
        end: formatDateTime(summary.closedAt, locale),
        by: summary.closedBy,
      })}
    </p>
  );
}

function SummaryKpis({ summary }: SummaryProps) {
  const t = useT();
  return (
    <section aria-labelledby="summary-kpis">
      <h2 id="summary-kpis">{t("reviews.summary.kpis", { quarter: summary.quarter })}</h2>
      <p className="review-summary__health">
        {summary.kpis.health?.score != null
          ? t("reviews.summary.health", { score: summary.kpis.health.score })
          : t("reviews.summary.healthNone", { quarter: summary.quarter })}
      </p>
      {Object.keys(summary.kpis.values).length === 0 ? (
        <p className="muted">{t("kpis.empty.title")}</p>
      ) : (
        <KpiCharts
          definitions={summary.kpis.definitions}
          quarters={summary.kpis.quarters}
          values={summary.kpis.values}
          healthByQuarter={summary.kpis.healthByQuarter}
          currency={summary.account.currency}
        />
      )}
    </section>
  );
}

function SummaryDecisions({ summary }: SummaryProps) {
  const t = useT();
  return (
    <section aria-labelledby="summary-decisions">
      <h2 id="summary-decisions">{t("reviews.decisions.title")}</h2>
      {summary.decisions.length === 0 ? (
        <p className="muted">{t("reviews.decisions.none")}</p>
      ) : (
        <ol className="review-decisions">
          {summary.decisions.map((decision) => (
            <li key={decision.id}>
              <p>{decision.text}</p>
              <p className="muted small">
                {decision.agendaTitle ? `${decision.agendaTitle} · ` : ""}
                {decision.by}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function SummaryActions({ summary }: SummaryProps) {
  const t = useT();
  return (
    <section aria-labelledby="summary-actions">
      <h2 id="summary-actions">{t("reviews.actions.title")}</h2>
      <ActionTable rows={summary.actions} empty={t("reviews.actions.none")} label={t("reviews.actions.title")} />
      {summary.carriedOver.length > 0 ? (
        <>
          <h3>{t("reviews.carried.title")}</h3>
          <ActionTable rows={summary.carriedOver} empty="" label={t("reviews.carried.title")} />
        </>
      ) : null}
    </section>
  );
}

function SummaryAttendance({ summary }: SummaryProps) {
  const t = useT();
  const locale = useLocale();
  const attended = summary.attendance.filter((person) => person.attended);
  const absent = summary.attendance.filter((person) => !person.attended);
  return (
    <section aria-labelledby="summary-attendance">
      <h2 id="summary-attendance">{t("reviews.attendance.title")}</h2>
      <p>
        <strong>{t("reviews.attendance.present", { count: attended.length })}</strong>{" "}
        {attended
          .map((p) => (p.department ? `${p.name} (${departmentName(p.department, locale)})` : p.name))
          .join(", ") || "—"}
      </p>
      {absent.length > 0 ? (
        <p className="muted">
          {t("reviews.attendance.absent", { count: absent.length })} {absent.map((p) => p.name).join(", ")}
        </p>
      ) : null}
    </section>
  );
}

function SummaryDocuments({ summary, links }: SummaryProps & { links: boolean }) {
  const t = useT();
  const accountPath = `/accounts/${summary.account.id}`;
  return (
    <section aria-labelledby="summary-documents">
      <h2 id="summary-documents">{t("reviews.summary.documents")}</h2>
      <ul className="review-summary__docs">
        {summary.documents.map((doc) => (
          <li key={doc.id}>
            <span className="muted small">{t(`docKind.${doc.kind}` as MessageKey)}</span>{" "}
            {links ? (
              <Link to={`${accountPath}/docs/${doc.id}`} className="strong-link">
                {doc.title}
              </Link>
            ) : (
              <strong>{doc.title}</strong>
            )}
            {" — "}
            {doc.approved ? (
              <ApprovedVersion
                approved={doc.approved}
                versionPath={links ? `${accountPath}/docs/${doc.id}/versions?view=${doc.approved.versionId}` : null}
              />
            ) : (
              <span className="muted">{t("reviews.summary.notApproved")}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The version a document was approved in, and a link to open it unless printing. */
function ApprovedVersion({
  approved,
  versionPath,
}: {
  approved: NonNullable<ReviewSummary["documents"][number]["approved"]>;
  versionPath: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <span suppressHydrationWarning>
        {t("reviews.summary.approvedVersion", {
          name: versionDisplayName(t, approved.versionName),
          date: formatDateTime(approved.approvedAt, locale),
        })}
      </span>{" "}
      <code title={approved.contentHash}>{approved.contentHash.slice(0, 8)}</code>
      {versionPath ? (
        <>
          {" "}
          <Link to={versionPath} className="small">
            {t("reviews.summary.openVersion")}
          </Link>
        </>
      ) : null}
    </>
  );
}

function SummaryAgenda({ summary }: SummaryProps) {
  const t = useT();
  return (
    <section aria-labelledby="summary-agenda">
      <h2 id="summary-agenda">{t("reviews.field.agenda")}</h2>
      <TableScroll label={t("reviews.field.agenda")}>
        <table className="review-table">
          <thead>
            <tr>
              <th scope="col">{t("reviews.agenda.item")}</th>
              <th scope="col">{t("reviews.agenda.planned")}</th>
              <th scope="col">{t("reviews.agenda.spent")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.agenda.map((item) => (
              <tr key={item.id}>
                <td>{item.title}</td>
                <td>{t("reviews.minutesCount", { count: item.plannedMinutes })}</td>
                <td>{formatDuration(item.spentSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The minutes as frozen, shown through the diff view against themselves: every block unchanged. */
function SummaryMinutes({ minutes }: { minutes: NonNullable<ReviewSummary["minutes"]> }) {
  const t = useT();
  return (
    <section aria-labelledby="summary-minutes">
      <h2 id="summary-minutes">{t("reviews.minutes.heading")}</h2>
      <div className="review-summary__minutes">
        <DocumentDiff blocks={diffContent(minutes.content, minutes.content)} />
      </div>
    </section>
  );
}

function ActionTable({
  rows,
  empty,
  label,
}: {
  rows: ReviewSummary["carriedOver"] | ReviewSummary["actions"];
  empty: string;
  /** The scroll box's name: the table scrolls inside it on a phone. */
  label: string;
}) {
  const t = useT();
  const locale = useLocale();
  if (rows.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <TableScroll label={label}>
      <table className="review-table">
        <thead>
          <tr>
            <th scope="col">{t("actions.field.title")}</th>
            <th scope="col">{t("actions.field.department")}</th>
            <th scope="col">{t("actions.field.assignee")}</th>
            <th scope="col">{t("actions.field.dueDate")}</th>
            <th scope="col">{t("actions.filter.status")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.title}</td>
              <td>{row.department ? departmentName(row.department, locale) : "—"}</td>
              <td>{row.assignee ?? t("actions.unassigned")}</td>
              <td>{row.dueDate ? formatDueDate(row.dueDate, locale) : "—"}</td>
              <td>{t(`actions.status.${row.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
