import { Form, Link } from "@remix-run/react";
import { useT, type MessageKey } from "~/i18n/i18n";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";
import {
  ATTENTION_HEALTH,
  PORTFOLIO_SORTS,
  portfolioSearch,
  sortDirection,
  type PortfolioSort,
  type PortfolioView,
} from "./portfolio.schema";

interface Props {
  view: PortfolioView;
  total: number;
  leads: { id: string; name: string }[];
}

const NO_FILTERS: Partial<PortfolioView> = {
  q: "",
  tier: undefined,
  ladder: undefined,
  lifecycle: undefined,
  owner: undefined,
  attention: undefined,
};

/** What each sort is called in the sort menu (the table's headers name the same sorts). */
export const SORT_LABELS: Record<PortfolioSort, MessageKey> = {
  name: "portfolio.col.account",
  tier: "portfolio.col.tier",
  ladder: "portfolio.col.ladder",
  lifecycle: "portfolio.col.lifecycle",
  health: "portfolio.col.health",
  trend: "portfolio.col.trend",
  approvals: "portfolio.col.approvals",
  nextReview: "portfolio.sort.nextReview",
  overdue: "portfolio.col.overdue",
  activity: "portfolio.col.activity",
  maturity: "portfolio.col.maturity",
  netValue: "portfolio.col.netValue",
};

/**
 * Search, filters and sort as a GET form, so the URL carries the view. The
 * sort menus carry the current sort on every screen; phones, where the table's
 * headers are not shown, also see them.
 */
export function PortfolioFilters({ view, total, leads }: Props) {
  const t = useT();
  const unfiltered = portfolioSearch(view, NO_FILTERS);
  const filtered = portfolioSearch(view) !== unfiltered;
  return (
    <Form method="get" className="portfolio-filters card" role="search" aria-label={t("portfolio.filters.label")}>
      <label className="portfolio-filters__field portfolio-filters__search">
        <span>{t("portfolio.search")}</span>
        <input type="search" name="q" defaultValue={view.q} placeholder={t("portfolio.search.placeholder")} />
      </label>
      <StageSelect
        name="tier"
        label={t("portfolio.col.tier")}
        value={view.tier}
        options={TIERS.map((tier) => [tier, t(`tier.${tier}`)])}
      />
      <StageSelect
        name="ladder"
        label={t("portfolio.col.ladder")}
        value={view.ladder}
        options={LADDER_STAGES.map((stage) => [stage, t(`ladder.${stage}`)])}
      />
      <StageSelect
        name="lifecycle"
        label={t("portfolio.col.lifecycle")}
        value={view.lifecycle}
        options={LIFECYCLE_STAGES.map((stage) => [stage, t(`lifecycle.${stage}`)])}
      />
      <StageSelect
        name="owner"
        label={t("portfolio.filter.owner")}
        value={view.owner}
        options={leads.map((lead) => [lead.id, lead.name])}
      />
      <div className="portfolio-filters__sort">
        <label className="portfolio-filters__field">
          <span>{t("portfolio.sort.label")}</span>
          <select name="sort" defaultValue={view.sort}>
            {PORTFOLIO_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(SORT_LABELS[sort])}
              </option>
            ))}
          </select>
        </label>
        <label className="portfolio-filters__field">
          <span>{t("portfolio.sort.order")}</span>
          <select name="dir" defaultValue={sortDirection(view)}>
            <option value="asc">{t("portfolio.sort.asc")}</option>
            <option value="desc">{t("portfolio.sort.desc")}</option>
          </select>
        </label>
      </div>
      <div className="portfolio-filters__checks">
        <label>
          <input
            type="checkbox"
            name="attention"
            value="1"
            defaultChecked={view.attention === "1"}
            aria-describedby="attention-rule"
          />{" "}
          {t("portfolio.filter.attention")}
        </label>
        <label>
          <input type="checkbox" name="group" value="tier" defaultChecked={view.group === "tier"} />{" "}
          {t("portfolio.filter.groupByTier")}
        </label>
      </div>
      <div className="portfolio-filters__actions">
        <button type="submit" className="button">
          {t("portfolio.filter.apply")}
        </button>
        {filtered ? <Link to={unfiltered || "?"}>{t("portfolio.filter.clear")}</Link> : null}
        <span className="muted small" aria-live="polite">
          {t("portfolio.count", { total })}
        </span>
      </div>
      <p id="attention-rule" className="muted small portfolio-filters__rule">
        {t("portfolio.attention.rule", { threshold: ATTENTION_HEALTH })}
      </p>
    </Form>
  );
}

interface StageSelectProps {
  name: string;
  label: string;
  value: string | undefined;
  options: [string, string][];
}

function StageSelect({ name, label, value, options }: StageSelectProps) {
  const t = useT();
  return (
    <label className="portfolio-filters__field">
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{t("portfolio.filter.any")}</option>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
