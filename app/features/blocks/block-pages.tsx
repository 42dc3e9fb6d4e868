import { TableScroll } from "~/components/table-scroll";
import { Form, Link } from "@remix-run/react";
import type { CSSProperties } from "react";
import { AccountPageHeader } from "~/components/account-page-header";
import { numberFormat } from "~/components/intl";
import { kpiName } from "~/features/kpis/format";
import { useLocale, useT, type Locale } from "~/i18n/i18n";
import {
  GOAL_TYPES,
  INITIATIVE_STATUSES,
  RIGHT_STATUSES,
  type GoalType,
  type InitiativeStatus,
  type RightStanding,
  type RightStatus,
} from "./blocks";

interface Department {
  key: string;
  name: string;
  nameZh: string;
  color: string;
}

export interface TimelineInitiative {
  documentId: string;
  blockId: string;
  title: string;
  startQuarter: string;
  endQuarter: string | null;
  department: string;
  budget: number | null;
  currency: string;
  status: string;
  goal: string;
  summary: string;
  internal: boolean;
  /** 0-based index of its first and last quarter among the page's quarters. */
  fromColumn: number;
  toColumn: number;
}

/** What the timeline's loader sends; the route hands it over, so the compiler checks the loader against it. */
export interface TimelinePageData {
  account: { id: string; name: string };
  departments: Department[];
  filters: { department: string; status: string; goal: string };
  quarters: string[];
  /** Quarters after the last one shown. */
  hiddenQuarters: number;
  lanes: { department: string; initiatives: TimelineInitiative[] }[];
  totals: { department: string; quarter: string; currency: string; amount: number }[];
}

export interface ScorecardPageData {
  account: { id: string; name: string };
  departments: Department[];
  quarter: string;
  /** Quarters with KPI values, newest first. */
  quarters: string[];
  definitions: { key: string; name: string; nameZh: string; unit: string }[];
  rights: RightStanding[];
  counts: Record<RightStatus, number>;
}

function departmentName(departments: Department[], key: string, locale: Locale): string | null {
  const department = departments.find((d) => d.key === key);
  if (!department) return key || null;
  return locale === "zh-CN" ? department.nameZh : department.name;
}

const blockLink = (accountId: string, documentId: string, blockId: string) =>
  `/accounts/${accountId}/docs/${documentId}#block-${encodeURIComponent(blockId)}`;

function money(amount: number, currency: string, locale: Locale): string {
  return numberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
}

export function TimelinePage({ data }: { data: TimelinePageData }) {
  const { account, departments, quarters, lanes } = data;
  const t = useT();
  const locale = useLocale();
  const empty = lanes.length === 0;
  return (
    <>
      <AccountPageHeader account={account} title="blocks.timeline.title" subtitle="blocks.timeline.subtitle" />
      <TimelineFilters data={data} />
      {empty ? (
        <section className="empty-state">
          <p>{t(filtered(data.filters) ? "blocks.timeline.noMatch" : "blocks.timeline.empty")}</p>
        </section>
      ) : (
        <div className="card timeline-card">
          <div
            className="timeline"
            role="table"
            aria-label={t("blocks.timeline.title")}
            style={{ "--quarters": quarters.length } as CSSProperties}
          >
            <div className="timeline__row timeline__head" role="row">
              <span role="columnheader" className="timeline__lane-label">
                {t("blocks.department")}
              </span>
              {quarters.map((quarter) => (
                <span key={quarter} role="columnheader" className="timeline__quarter">
                  {quarter}
                </span>
              ))}
            </div>
            {lanes.map((lane) => {
              const department = departments.find((d) => d.key === lane.department);
              return (
                <div
                  key={lane.department}
                  className="timeline__row"
                  role="row"
                  style={{ "--lane-color": department?.color ?? "#98a2b3" } as CSSProperties}
                >
                  <span role="rowheader" className="timeline__lane-label">
                    {departmentName(departments, lane.department, locale) ?? t("blocks.noDepartment")}
                  </span>
                  <div role="cell" className="timeline__cells">
                    {lane.initiatives.map((initiative) => (
                      <InitiativeCard
                        key={`${initiative.documentId}/${initiative.blockId}`}
                        account={account}
                        initiative={initiative}
                      />
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
          {data.hiddenQuarters > 0 ? <MoreQuarters count={data.hiddenQuarters} /> : null}
        </div>
      )}
      {empty ? null : <TimelineList data={data} />}
      {data.totals.length > 0 ? <BudgetTotals data={data} /> : null}
    </>
  );
}

function MoreQuarters({ count }: { count: number }) {
  const t = useT();
  return <p className="muted small">{t("blocks.timeline.more", { count })}</p>;
}

/**
 * The phone's timeline: the grid's initiatives as a list under quarter headings, each with its
 * department's colour and name. CSS shows it instead of the grid below the phone breakpoint;
 * the one not shown is `display: none`, so a screen reader reads the initiatives once.
 */
function TimelineList({ data }: { data: TimelinePageData }) {
  const { account, departments, quarters } = data;
  const t = useT();
  const locale = useLocale();
  const initiatives = data.lanes.flatMap((lane) => lane.initiatives);
  return (
    <div className="timeline-list">
      {quarters.map((quarter, column) => {
        const starting = initiatives.filter((initiative) => initiative.fromColumn === column);
        if (starting.length === 0) return null;
        const headingId = `timeline-list-${quarter}`;
        const budget = budgetSum(data, null, quarter, locale);
        return (
          <section key={quarter} className="card timeline-list__quarter" aria-labelledby={headingId}>
            <header className="timeline-list__head">
              <h2 id={headingId}>{quarter}</h2>
              {budget ? (
                <span className="muted small">{t("blocks.timeline.quarterBudget", { amount: budget })}</span>
              ) : null}
            </header>
            <ul className="timeline-list__items">
              {starting.map((initiative) => {
                const department = departments.find((d) => d.key === initiative.department);
                const status = initiative.status as InitiativeStatus;
                const end = initiative.endQuarter && initiative.endQuarter !== quarter ? initiative.endQuarter : null;
                return (
                  <li
                    key={`${initiative.documentId}/${initiative.blockId}`}
                    style={{ "--lane-color": department?.color ?? "#98a2b3" } as CSSProperties}
                  >
                    <Link
                      to={blockLink(account.id, initiative.documentId, initiative.blockId)}
                      className={`timeline__initiative timeline__initiative--${status}`}
                    >
                      <span className="timeline-list__department">
                        {departmentName(departments, initiative.department, locale) ?? t("blocks.noDepartment")}
                      </span>
                      <strong>{initiative.title || t("blocks.untitled")}</strong>
                      <span className="timeline__meta">
                        <span className={`badge block-status block-status--${status}`}>
                          {t(`blocks.status.${status}`)}
                        </span>
                        {initiative.goal === "internal" || initiative.internal ? (
                          <span className="badge block-internal">{t("blocks.goal.internal")}</span>
                        ) : null}
                        {initiative.budget !== null ? (
                          <span>{money(initiative.budget, initiative.currency, locale)}</span>
                        ) : null}
                        {end ? <span>{t("blocks.timeline.until", { quarter: end })}</span> : null}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {data.hiddenQuarters > 0 ? <MoreQuarters count={data.hiddenQuarters} /> : null}
    </div>
  );
}

function filtered(filters: TimelinePageData["filters"]) {
  return Boolean(filters.department || filters.status || filters.goal);
}

function InitiativeCard({ account, initiative }: { account: { id: string }; initiative: TimelineInitiative }) {
  const t = useT();
  const locale = useLocale();
  const status = initiative.status as InitiativeStatus;
  return (
    <Link
      to={blockLink(account.id, initiative.documentId, initiative.blockId)}
      className={`timeline__initiative timeline__initiative--${status}`}
      style={{ gridColumn: `${initiative.fromColumn + 1} / ${initiative.toColumn + 2}` }}
      title={initiative.summary || undefined}
    >
      <strong>{initiative.title || t("blocks.untitled")}</strong>
      <span className="timeline__meta">
        <span className={`badge block-status block-status--${status}`}>{t(`blocks.status.${status}`)}</span>
        {initiative.goal === "internal" || initiative.internal ? (
          <span className="badge block-internal">{t("blocks.goal.internal")}</span>
        ) : null}
        {initiative.budget !== null ? <span>{money(initiative.budget, initiative.currency, locale)}</span> : null}
      </span>
    </Link>
  );
}

function TimelineFilters({ data }: { data: TimelinePageData }) {
  const t = useT();
  const locale = useLocale();
  const { filters } = data;
  return (
    <Form method="get" className="card block-filters" role="search" aria-label={t("blocks.filters")}>
      <label>
        <span>{t("blocks.department")}</span>
        <select name="department" defaultValue={filters.department}>
          <option value="">{t("blocks.any")}</option>
          {data.departments.map((d) => (
            <option key={d.key} value={d.key}>
              {departmentName(data.departments, d.key, locale)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("blocks.statusLabel")}</span>
        <select name="status" defaultValue={filters.status}>
          <option value="">{t("blocks.any")}</option>
          {INITIATIVE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`blocks.status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("blocks.goalLabel")}</span>
        <select name="goal" defaultValue={filters.goal}>
          <option value="">{t("blocks.any")}</option>
          {GOAL_TYPES.map((goal: GoalType) => (
            <option key={goal} value={goal}>
              {t(`blocks.goal.${goal}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {t("blocks.apply")}
      </button>
      {filtered(filters) ? <Link to="?">{t("blocks.clear")}</Link> : null}
    </Form>
  );
}

/** The budget of one department (or all: null) in one quarter (or all: null), each currency summed apart. */
function budgetSum(data: TimelinePageData, department: string | null, quarter: string | null, locale: Locale): string {
  const currencies = [...new Set(data.totals.map((total) => total.currency))];
  return currencies
    .map((currency) => {
      const amount = data.totals
        .filter(
          (x) =>
            x.currency === currency &&
            (department === null || x.department === department) &&
            (quarter === null || x.quarter === quarter),
        )
        .reduce((sum, x) => sum + x.amount, 0);
      return amount > 0 ? money(amount, currency, locale) : "";
    })
    .filter(Boolean)
    .join(" + ");
}

function BudgetTotals({ data }: { data: TimelinePageData }) {
  const t = useT();
  const locale = useLocale();
  const cell = (department: string | null, quarter: string | null) =>
    budgetSum(data, department, quarter, locale) || "—";
  return (
    <section className="card table-card" aria-labelledby="budget-heading">
      <h2 id="budget-heading" className="block-section-title">
        {t("blocks.budget.title")}
      </h2>
      <TableScroll label={t("blocks.budget.title")}>
        <table className="data-table data-table--cards budget-table">
          <thead>
            <tr>
              <th scope="col">{t("blocks.department")}</th>
              {data.quarters.map((quarter) => (
                <th key={quarter} scope="col">
                  {quarter}
                </th>
              ))}
              <th scope="col">{t("blocks.budget.total")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lanes.map((lane) => (
              <tr
                key={lane.department}
                style={
                  {
                    "--lane-color": data.departments.find((d) => d.key === lane.department)?.color ?? "#98a2b3",
                  } as CSSProperties
                }
              >
                <th scope="row">
                  {departmentName(data.departments, lane.department, locale) ?? t("blocks.noDepartment")}
                </th>
                {data.quarters.map((quarter) => (
                  <td key={quarter} data-label={quarter}>
                    {cell(lane.department, quarter)}
                  </td>
                ))}
                <td data-label={t("blocks.budget.total")} className="budget-table__total">
                  <strong>{cell(lane.department, null)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("blocks.budget.total")}</th>
              {data.quarters.map((quarter) => (
                <td key={quarter} data-label={quarter}>
                  <strong>{cell(null, quarter)}</strong>
                </td>
              ))}
              <td data-label={t("blocks.budget.total")} className="budget-table__total">
                <strong>{cell(null, null)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </section>
  );
}

export function ScorecardPage({ data }: { data: ScorecardPageData }) {
  const { account, rights, counts } = data;
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <AccountPageHeader account={account} title="blocks.scorecard.title" subtitle="blocks.scorecard.subtitle" />
      {data.quarters.length > 0 ? (
        <Form method="get" className="block-filters card" aria-label={t("blocks.scorecard.quarter")}>
          <label>
            <span>{t("blocks.scorecard.quarter")}</span>
            <select name="quarter" defaultValue={data.quarter}>
              {data.quarters.map((quarter) => (
                <option key={quarter} value={quarter}>
                  {quarter}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button">
            {t("blocks.show")}
          </button>
        </Form>
      ) : null}
      {rights.length === 0 ? (
        <section className="empty-state">
          <p>{t("blocks.scorecard.empty")}</p>
        </section>
      ) : (
        <>
          <ul className="scorecard-counts" aria-label={t("blocks.scorecard.counts", { quarter: data.quarter })}>
            {RIGHT_STATUSES.map((status) => (
              <li key={status} className={`scorecard-count scorecard-count--${status}`}>
                <span className="scorecard-count__number">{counts[status]}</span> {t(`blocks.right.${status}`)}
              </li>
            ))}
          </ul>
          <div className="card table-card">
            <TableScroll label={t("blocks.scorecard.caption", { quarter: data.quarter })}>
              <table className="data-table data-table--cards scorecard-table">
                <caption className="visually-hidden">
                  {t("blocks.scorecard.caption", { quarter: data.quarter })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("blocks.scorecard.right")}</th>
                    <th scope="col">{t("blocks.department")}</th>
                    <th scope="col">{t("blocks.scorecard.kpi")}</th>
                    <th scope="col">{t("blocks.scorecard.actual", { quarter: data.quarter })}</th>
                    <th scope="col">{t("blocks.scorecard.standing")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rights.map((right) => {
                    const definition = data.definitions.find((d) => d.key === right.kpi);
                    return (
                      <tr key={`${right.documentId}/${right.blockId}`}>
                        <th scope="row" className="scorecard-right">
                          <Link to={blockLink(account.id, right.documentId, right.blockId)}>
                            {right.right || t("blocks.untitled")}
                          </Link>
                          {right.situation ? <div className="muted small">{right.situation}</div> : null}
                          {right.internal ? <span className="badge block-internal">{t("blocks.internal")}</span> : null}
                        </th>
                        <td data-label={t("blocks.department")}>
                          {departmentName(data.departments, right.department, locale) ?? "—"}
                        </td>
                        <td data-label={t("blocks.scorecard.kpi")}>
                          {right.kpi && right.threshold !== null ? (
                            <>
                              {definition ? kpiName(definition, locale) : right.kpi}{" "}
                              {right.direction === "at_most" ? "≤" : "≥"}{" "}
                              {numberFormat(locale, { maximumFractionDigits: 2 }).format(right.threshold)}
                            </>
                          ) : (
                            <span className="muted">{t("blocks.scorecard.noKpi")}</span>
                          )}
                        </td>
                        <td data-label={t("blocks.scorecard.actual", { quarter: data.quarter })}>
                          {right.value !== null
                            ? numberFormat(locale, { maximumFractionDigits: 2 }).format(right.value)
                            : "—"}
                        </td>
                        <td data-label={t("blocks.scorecard.standing")}>
                          <span className={`badge right-status right-status--${right.status}`}>
                            {t(`blocks.right.${right.status}`)}
                          </span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          </div>
        </>
      )}
    </>
  );
}
