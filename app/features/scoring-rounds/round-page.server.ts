import type { AppLoadContext } from "@remix-run/node";
import { invariantResponse, requireAccountAccess } from "~/features/auth/guards.server";
import { requestLocale } from "~/features/auth/locale.server";
import { formFields } from "~/utils/form.server";
import { handleRoundIntent, type RoundIntentOptions } from "./round-intents.server";
import { roundHistory, roundQuarters, roundView } from "./round-queries.server";
import type { RoundKind } from "./rounds";

const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;

/** `?quarter=` when it names a quarter ("2026-q4" too); anything else means "the latest". */
export function requestedQuarter(request: Request): string | undefined {
  const text = new URL(request.url).searchParams.get("quarter")?.trim().toUpperCase() ?? "";
  return QUARTER_PATTERN.test(text) ? text : undefined;
}

/**
 * What a round page starts from, for a reader of the account: the round of
 * the requested quarter (default the latest) as they may see it, the quarters
 * that have a round, the revealed rounds oldest first, and a fresh client id
 * for the open form (a double click or a retried submit opens one round).
 */
export async function loadRoundPage(request: Request, context: AppLoadContext, accountId: string, kind: RoundKind) {
  const { user, access } = await requireAccountAccess(request, context, accountId);
  const { db } = context;
  const account = await db.account.findUnique({ where: { id: accountId }, select: { id: true, name: true } });
  invariantResponse(account, "Account not found", 404);
  const quarter = requestedQuarter(request);
  const [round, opened, history] = await Promise.all([
    roundView(db, user, accountId, kind, quarter),
    roundQuarters(db, accountId, kind),
    roundHistory(db, accountId, kind),
  ]);
  return { account, access, quarter, round, opened, history, clientId: crypto.randomUUID() };
}

/** A round page's action: the reader must see the account; who may do what is the commands' call. */
export async function roundPageAction(
  request: Request,
  context: AppLoadContext,
  accountId: string,
  options: RoundIntentOptions,
): Promise<Response> {
  const { user } = await requireAccountAccess(request, context, accountId);
  const locale = await requestLocale(request, user.locale);
  return handleRoundIntent(context, user, accountId, locale, await formFields(request), options);
}
