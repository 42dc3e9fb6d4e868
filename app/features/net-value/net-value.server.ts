import { formatQuarter, quarterOf } from "~/features/kpis/kpi";
import { roundHistory, roundQuarters, roundView } from "~/features/scoring-rounds/round-queries.server";
import type { Db } from "~/utils/db.server";

interface Actor {
  id: string;
  workspaceRole: string;
}

const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;

/** `?quarter=` when it names a quarter ("2026-q4" too); anything else means "the latest". */
export function requestedQuarter(request: Request): string | undefined {
  const text = new URL(request.url).searchParams.get("quarter")?.trim().toUpperCase() ?? "";
  return QUARTER_PATTERN.test(text) ? text : undefined;
}

/**
 * What the worksheet page shows: the round of the requested quarter (default
 * the latest one), the quarters there is something to pick, and the revealed
 * quarters for the comparison. Without any round the page is about this quarter.
 */
export async function worksheet(
  db: Db,
  actor: Actor,
  accountId: string,
  quarter: string | undefined,
  now = new Date(),
) {
  const [round, opened, history] = await Promise.all([
    roundView(db, actor, accountId, "net_value", quarter),
    roundQuarters(db, accountId, "net_value"),
    roundHistory(db, accountId, "net_value"),
  ]);
  const thisQuarter = formatQuarter(quarterOf(now));
  const shown = round?.quarter ?? quarter ?? thisQuarter;
  const choices = [...new Set([thisQuarter, shown, ...opened])].sort().reverse();
  return {
    round,
    quarter: shown,
    quarters: choices.map((q) => ({ quarter: q, status: statusOf(q, opened, history) })),
    history: history.map(({ quarter: q, aggregate }) => ({ quarter: q, aggregate })),
  };
}

function statusOf(quarter: string, opened: string[], history: { quarter: string }[]): "none" | "open" | "revealed" {
  if (history.some((h) => h.quarter === quarter)) return "revealed";
  return opened.includes(quarter) ? "open" : "none";
}
