/**
 * The portfolio's view (sort, filters, grouping, page) as URL search params,
 * so a link reproduces what its sender saw. Pure: used by server and browser.
 */
import { z } from "zod";
import { LADDER_STAGES, LIFECYCLE_STAGES, TIERS } from "~/shared/domain";

export const PORTFOLIO_SORTS = [
  "name",
  "tier",
  "ladder",
  "lifecycle",
  "health",
  "trend",
  "approvals",
  "nextReview",
  "overdue",
  "activity",
  "maturity",
  "netValue",
] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** Below this health score an account needs attention. */
export const ATTENTION_HEALTH = 60;

export const ATTENTION_REASONS = ["lowHealth", "falling", "overdue", "changedSinceApproval", "brokenRights"] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/** Health buckets of the distribution chart, lowest first; the lower bound is inclusive. */
export const HEALTH_BANDS = [
  { key: "critical", from: 0 },
  { key: "weak", from: 40 },
  { key: "fair", from: ATTENTION_HEALTH },
  { key: "strong", from: 80 },
] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number]["key"] | "none";

export function healthBand(score: number | null): HealthBand {
  if (score === null) return "none";
  return [...HEALTH_BANDS].reverse().find((band) => score >= band.from)?.key ?? "critical";
}

// A hand-edited or outdated link still opens the portfolio: an unknown value falls back to the default.
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);

export const PortfolioViewSchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  sort: z.enum(PORTFOLIO_SORTS).catch("name").default("name"),
  dir: optional(z.enum(["asc", "desc"])),
  tier: optional(z.enum(TIERS)),
  ladder: optional(z.enum(LADDER_STAGES)),
  lifecycle: optional(z.enum(LIFECYCLE_STAGES)),
  /** The user id of the account's lead. */
  owner: optional(z.string().min(1).max(64)),
  attention: optional(z.literal("1")),
  group: optional(z.literal("tier")),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type PortfolioView = z.infer<typeof PortfolioViewSchema>;

/** Columns whose natural first order is highest first (best health, most overdue, newest activity…). */
const DESCENDING_FIRST: ReadonlySet<PortfolioSort> = new Set([
  "health",
  "trend",
  "approvals",
  "overdue",
  "activity",
  "maturity",
  "netValue",
]);

export function defaultDirection(sort: PortfolioSort): SortDirection {
  return DESCENDING_FIRST.has(sort) ? "desc" : "asc";
}

export function parsePortfolioView(params: URLSearchParams): PortfolioView {
  const raw = Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? undefined]));
  return PortfolioViewSchema.parse(raw);
}

/** The direction in effect: the link's, or the column's natural one. */
export function sortDirection(view: PortfolioView): SortDirection {
  return view.dir ?? defaultDirection(view.sort);
}

/**
 * The search string of a view, defaults left out so links stay short; the
 * page goes back to 1 unless the change names one.
 */
export function portfolioSearch(view: PortfolioView, change: Partial<PortfolioView> = {}): string {
  const next: PortfolioView = { ...view, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.dir && next.dir !== defaultDirection(next.sort)) params.set("dir", next.dir);
  for (const key of ["tier", "ladder", "lifecycle", "owner", "attention", "group"] as const) {
    const value = next[key];
    if (value) params.set(key, value);
  }
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The link a column header points at: that column, or the other direction when it is already the sort. */
export function sortLink(view: PortfolioView, sort: PortfolioSort): string {
  const current = sortDirection(view);
  const dir: SortDirection = view.sort === sort ? (current === "asc" ? "desc" : "asc") : defaultDirection(sort);
  return portfolioSearch(view, { sort, dir });
}
