import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { formatQuarter, quarterOf } from "~/features/kpis/kpi";
import { loadRoundPage, roundPageAction } from "~/features/scoring-rounds/round-page.server";

/**
 * What the worksheet page shows: the round of the requested quarter (default
 * the latest one), the quarters there is something to pick, and the revealed
 * quarters for the comparison. Without any round the page is about this quarter.
 */
export async function loadWorksheet(request: Request, context: AppLoadContext, accountId: string) {
  const { account, access, quarter, round, opened, history, clientId } = await loadRoundPage(
    request,
    context,
    accountId,
    "net_value",
  );
  const thisQuarter = formatQuarter(quarterOf(new Date()));
  const shown = round?.quarter ?? quarter ?? thisQuarter;
  const choices = [...new Set([thisQuarter, shown, ...opened])].sort().reverse();
  return {
    account,
    round,
    quarter: shown,
    quarters: choices.map((q) => ({ quarter: q, status: statusOf(q, opened, history) })),
    history: history.map(({ quarter: q, aggregate }) => ({ quarter: q, aggregate })),
    canOpen: access.role === "lead",
    clientId,
  };
}

function statusOf(quarter: string, opened: string[], history: { quarter: string }[]): "none" | "open" | "revealed" {
  if (history.some((h) => h.quarter === quarter)) return "revealed";
  return opened.includes(quarter) ? "open" : "none";
}

/** The round's intents; an opened worksheet is shown at once, whichever quarter it is for. */
export function worksheetAction(request: Request, context: AppLoadContext, accountId: string) {
  return roundPageAction(request, context, accountId, {
    kind: "net_value",
    opened: ({ quarter }) => redirect(`/accounts/${accountId}/value?quarter=${quarter}`),
  });
}
