import { Link } from "@remix-run/react";
import { Fragment, useId } from "react";
import { RelativeTime } from "~/components/relative-time";
import { numberFormat } from "~/components/intl";
import { ApprovalBadge } from "~/features/approvals/approval-badge";
import type { DocKind } from "~/features/documents/doc-templates";
import { kpiName } from "~/features/kpis/format";
import { PortfolioReviewCell } from "~/features/reviews/portfolio-review-cell";
import { useLocale, useT, type MessageKey } from "~/i18n/i18n";
import type { Tier } from "~/shared/domain";
import { LadderSteps, LifecycleBadge, TierBadge } from "./stage-badges";
import {
  ATTENTION_HEALTH,
  sortDirection,
  sortLink,
  type AttentionReason,
  type PortfolioSort,
  type PortfolioView,
} from "./portfolio.schema";
import type { PortfolioRowData } from "./portfolio-view";

export interface KpiLabel {
  key: string;
  name: string;
  nameZh: string;
}

interface Props {
  view: PortfolioView;
  rows: PortfolioRowData[];
  definitions: KpiLabel[];
}

type SortGroup = { sort: PortfolioSort; label: MessageKey }[];

/** Tier, ladder and lifecycle share one column, as do the two results (each still sortable), so the table fits a laptop screen. */
const STAGE_SORTS: SortGroup = [
  { sort: "tier", label: "portfolio.col.tier" },
  { sort: "ladder", label: "portfolio.col.ladder" },
  { sort: "lifecycle", label: "portfolio.col.lifecycle" },
];
const RESULT_SORTS: SortGroup = [
  { sort: "maturity", label: "portfolio.col.maturity" },
  { sort: "netValue", label: "portfolio.col.netValue" },
];

const COLUMNS: { sort: PortfolioSort | SortGroup; label: MessageKey }[] = [
  { sort: "name", label: "portfolio.col.account" },
  { sort: STAGE_SORTS, label: "portfolio.col.tier" },
  { sort: "health", label: "portfolio.col.health" },
  { sort: "trend", label: "portfolio.col.trend" },
  { sort: "approvals", label: "portfolio.col.approvals" },
  { sort: "nextReview", label: "portfolio.col.reviews" },
  { sort: "overdue", label: "portfolio.col.overdue" },
  { sort: "activity", label: "portfolio.col.activity" },
  { sort: RESULT_SORTS, label: "portfolio.col.maturity" },
];

/** The accounts of one page; wide tables scroll inside their card with the account column kept in view. */
export function PortfolioTable({ view, rows, definitions }: Props) {
  const t = useT();
  return (
    <div className="card table-card portfolio-table-card">
      <table className="data-table data-table--cards portfolio-table">
        <caption className="visually-hidden">{t("portfolio.table.caption")}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) =>
              Array.isArray(column.sort) ? (
                <th key={column.label} scope="col">
                  <span className="portfolio-stage-head">
                    {column.sort.map((part) => (
                      <SortLink key={part.sort} view={view} sort={part.sort} label={t(part.label)} />
                    ))}
                  </span>
                </th>
              ) : (
                <SortHeader key={column.label} view={view} sort={column.sort} label={t(column.label)} />
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <Fragment key={row.id}>
              {view.group === "tier" && row.tier !== rows[index - 1]?.tier ? (
                <tr className="portfolio-group">
                  <th scope="colgroup" colSpan={COLUMNS.length}>
                    {t(`tier.${row.tier as Tier}`)}
                  </th>
                </tr>
              ) : null}
              <PortfolioRow row={row} definitions={definitions} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader({ view, sort, label }: { view: PortfolioView; sort: PortfolioSort; label: string }) {
  const active = view.sort === sort;
  const direction = sortDirection(view);
  return (
    <th scope="col" aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined}>
      <SortLink view={view} sort={sort} label={label} />
    </th>
  );
}

function SortLink({ view, sort, label }: { view: PortfolioView; sort: PortfolioSort; label: string }) {
  const t = useT();
  const active = view.sort === sort;
  const direction = sortDirection(view);
  return (
    <Link
      to={sortLink(view, sort)}
      className={`portfolio-sort${active ? " portfolio-sort--active" : ""}`}
      // Names the action, so the header's link is not mistaken for a link to the page of the same name.
      aria-label={t("portfolio.sortBy", { column: label })}
      title={t("portfolio.sortBy", { column: label })}
    >
      {label}
      <span aria-hidden="true" className="portfolio-sort__arrow">
        {active ? (direction === "asc" ? "▲" : "▼") : "↕"}
      </span>
    </Link>
  );
}

function PortfolioRow({ row, definitions }: { row: PortfolioRowData; definitions: KpiLabel[] }) {
  const t = useT();
  return (
    <tr className={row.attention ? "portfolio-row--attention" : undefined}>
      <th scope="row" className="portfolio-account">
        <Link to={`/accounts/${row.id}`} className="strong-link">
          {row.name}
        </Link>
        {row.attention ? <AttentionBadge reasons={row.attentionReasons} /> : null}
        <div className="muted small">{row.industry}</div>
        <div className="muted small">
          {row.leads.length > 0 ? t("portfolio.leads", { names: row.leads.join(", ") }) : t("portfolio.noLead")} ·{" "}
          {t("portfolio.people", { count: row.teamSize })} ·{" "}
          {row.myRole ? t(`role.${row.myRole}` as MessageKey) : t("portfolio.overseer")}
        </div>
      </th>
      <td data-label={t("portfolio.stage")} className="portfolio-stage">
        <div>
          <span className="portfolio-stage__badges">
            <TierBadge tier={row.tier} />
            <LifecycleBadge stage={row.lifecycleStage} />
          </span>
          <LadderSteps stage={row.ladderStage} />
        </div>
      </td>
      <td data-label={t("portfolio.col.health")}>
        <HealthCell row={row} definitions={definitions} />
      </td>
      <td data-label={t("portfolio.col.trend")}>
        <TrendCell trend={row.trend} />
      </td>
      <td data-label={t("portfolio.col.approvals")}>
        <ul className="doc-approvals">
          {row.documents.map((doc) => (
            <li key={doc.id} title={doc.title}>
              <span className="muted small">{t(`docKind.${doc.kind as DocKind}`)}</span>{" "}
              <ApprovalBadge status={doc.status} />
            </li>
          ))}
        </ul>
        {row.brokenRights > 0 ? (
          <Link to={`/accounts/${row.id}/rights`} className="portfolio-broken small">
            {t("portfolio.brokenRights", { count: row.brokenRights })}
          </Link>
        ) : null}
      </td>
      <td data-label={t("portfolio.col.reviews")}>
        <PortfolioReviewCell accountId={row.id} reviews={row.reviews} />
      </td>
      <td data-label={t("portfolio.col.overdue")}>
        {row.overdueActions > 0 ? (
          <Link
            to={`/accounts/${row.id}/actions`}
            className="portfolio-overdue"
            aria-label={t("portfolio.overdue.link", { count: row.overdueActions })}
          >
            {row.overdueActions}
          </Link>
        ) : (
          <span className="muted">0</span>
        )}
      </td>
      <td data-label={t("portfolio.col.activity")} className="small">
        {row.lastActivityAt ? <RelativeTime iso={row.lastActivityAt} /> : <span className="muted">—</span>}
      </td>
      <td data-label={t("portfolio.results")}>
        <ul className="portfolio-results small">
          <li>
            <span className="muted">{t("portfolio.result.maturity")}</span>{" "}
            <ResultValue value={row.meanMaturity} quarter={row.meanMaturityQuarter} />
          </li>
          <li>
            <span className="muted">{t("portfolio.result.netValue")}</span>{" "}
            <ResultValue value={row.netValue} quarter={row.netValueQuarter} />
          </li>
        </ul>
      </td>
    </tr>
  );
}

/** The badge names its reasons, for sighted users on hover and for screen readers in the text. */
function AttentionBadge({ reasons }: { reasons: AttentionReason[] }) {
  const t = useT();
  const because = reasons.map((reason) => t(`portfolio.attention.${reason}`)).join(" · ");
  return (
    <span className="badge portfolio-attention" title={because}>
      {t("portfolio.attention.badge")}
      <span className="visually-hidden">: {because}</span>
    </span>
  );
}

/** The score, and on hover or focus how it was reached: each KPI's points and weight. */
function HealthCell({ row, definitions }: { row: PortfolioRowData; definitions: KpiLabel[] }) {
  const t = useT();
  const locale = useLocale();
  const tipId = useId();
  if (row.health === null) return <span className="muted">{t("portfolio.health.none")}</span>;
  const names = new Map(definitions.map((definition) => [definition.key, kpiName(definition, locale)]));
  return (
    <span className="portfolio-health">
      <span
        className={`portfolio-health__score portfolio-health__score--${row.health < ATTENTION_HEALTH ? "low" : "ok"}`}
        tabIndex={0}
        aria-describedby={tipId}
      >
        {row.health}
      </span>
      <span role="tooltip" id={tipId} className="portfolio-health__tip">
        {t("portfolio.health.tip", { quarter: row.healthQuarter ?? "" })}
        <ul>
          {row.healthParts.map((part) => (
            <li key={part.key}>
              {t("portfolio.health.part", {
                kpi: names.get(part.key) ?? part.key,
                points: part.points,
                weight: part.weight,
              })}
            </li>
          ))}
        </ul>
      </span>
    </span>
  );
}

function ResultValue({ value, quarter }: { value: number | null; quarter: string | null }) {
  const t = useT();
  const locale = useLocale();
  if (value === null || quarter === null) return <span className="muted">—</span>;
  const shown = numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return <strong>{t("portfolio.result.of", { value: shown, quarter })}</strong>;
}

function TrendCell({ trend }: { trend: number | null }) {
  const t = useT();
  if (trend === null) return <span className="muted">—</span>;
  const key = trend > 0 ? "portfolio.trend.up" : trend < 0 ? "portfolio.trend.down" : "portfolio.trend.flat";
  return (
    <span className={`portfolio-trend portfolio-trend--${trend > 0 ? "up" : trend < 0 ? "down" : "flat"}`}>
      <span aria-hidden="true" title={t(key, { delta: Math.abs(trend) })}>
        {trend > 0 ? "↑ +" : trend < 0 ? "↓ −" : "→ "}
        {trend === 0 ? "0" : Math.abs(trend)}
      </span>
      <span className="visually-hidden">{t(key, { delta: Math.abs(trend) })}</span>
    </span>
  );
}
